import {
  formatDate,
  formatNumber,
  type Gap,
  type IndicatorStatus,
  type IndicatorValue,
  type IndicatorVerdict,
  type Rollup,
  type SetVerdict,
} from "@datchuan/domain";
import Table from "cli-table3";

/**
 * The command's output. The JSON shape is a contract for batch users (documented in
 * packages/domain/README.md): change it only by adding fields.
 */

export type ReportVerdict = {
  criterion: number;
  indicator: string;
  status: IndicatorStatus;
  /** The compared quantity: a number (ratios as their percentage), true/false, or a level code. */
  value: number | boolean | string | null;
  threshold: number | boolean | string | null;
  comparator: string | null;
  /** Whether the threshold applied has been checked against the legal text. */
  thresholdVerified: boolean | null;
  gap: Gap | null;
};

export type ReportUnit = {
  code: string;
  standardMet: boolean;
  criteria: { met: number; total: number };
  indicators: { met: number; total: number };
  verdicts: ReportVerdict[];
};

export type Report = {
  set: { id: string; version: string };
  asOf: string;
  units: ReportUnit[];
  rollup: Pick<
    Rollup,
    | "byScore"
    | "failingByCriterion"
    | "failingByIndicator"
    | "criteriaMetTotal"
    | "criteriaMetAverage"
  >;
};

function plainValue(value: IndicatorValue | null): number | boolean | string | null {
  if (!value) return null;
  switch (value.kind) {
    case "ratio":
      return (value.numerator * 100) / value.denominator;
    case "not_applicable":
      return null;
    default:
      return value.value;
  }
}

function reportVerdict(verdict: IndicatorVerdict): ReportVerdict {
  const threshold = "threshold" in verdict ? verdict.threshold : null;
  let value: ReportVerdict["value"] = null;
  if (verdict.status === "met" || verdict.status === "not_met") value = verdict.measured;
  else if ("value" in verdict) value = plainValue(verdict.value);
  return {
    criterion: verdict.criterion,
    indicator: verdict.code,
    status: verdict.status,
    value,
    threshold: threshold?.value ?? null,
    comparator: threshold ? threshold.comparator : null,
    thresholdVerified: threshold?.reason.provenance?.verified ?? null,
    gap: verdict.status === "not_met" ? verdict.gap : null,
  };
}

export function buildReport(verdicts: readonly SetVerdict[], rollup: Rollup, asOf: string): Report {
  return {
    set: { id: rollup.set.id, version: rollup.set.version },
    asOf,
    units: verdicts.map((v) => ({
      code: v.unit.code,
      standardMet: v.status === "met",
      criteria: { met: v.criteriaMet, total: v.criteriaTotal },
      indicators: { met: v.indicatorsMet, total: v.indicatorsTotal },
      verdicts: v.criteria.flatMap((c) => c.indicators.map(reportVerdict)),
    })),
    rollup: {
      byScore: rollup.byScore,
      failingByCriterion: rollup.failingByCriterion,
      failingByIndicator: rollup.failingByIndicator,
      criteriaMetTotal: rollup.criteriaMetTotal,
      criteriaMetAverage: rollup.criteriaMetAverage,
    },
  };
}

const SET_STATUS: Record<SetVerdict["status"], string> = {
  met: "Đạt chuẩn",
  not_met: "Chưa đạt",
  undetermined: "Chưa đủ số liệu",
};

// Plain borders: the table is meant to be pasted into reports and read in any terminal.
const TABLE_STYLE: { head: string[]; border: string[] } = { head: [], border: [] };

/** The readable form: one line per unit, then the district-style roll-up, in Vietnamese. */
export function formatReportTable(
  verdicts: readonly SetVerdict[],
  rollup: Rollup,
  names: ReadonlyMap<string, string>,
  asOf: string,
): string {
  const lines: string[] = [
    `Bộ tiêu chí: ${rollup.set.title} (${rollup.set.id}), tính đến ngày ${formatDate(asOf)}`,
  ];
  const units = new Table({
    head: ["Mã", "Đơn vị", "Tiêu chí đạt", "Chỉ tiêu đạt", "Kết quả"],
    style: TABLE_STYLE,
  });
  for (const v of verdicts) {
    units.push([
      v.unit.code,
      names.get(v.unit.code) ?? v.unit.name ?? "",
      `${v.criteriaMet}/${v.criteriaTotal}`,
      `${v.indicatorsMet}/${v.indicatorsTotal}`,
      SET_STATUS[v.status],
    ]);
  }
  lines.push(units.toString());

  const scores = new Table({ head: ["Nhóm theo kết quả", "Đơn vị"], style: TABLE_STYLE });
  for (const group of rollup.byScore) scores.push([group.text, group.units.join(", ")]);
  lines.push(scores.toString());

  if (rollup.failingByCriterion.length > 0) {
    const failing = new Table({
      head: ["Tiêu chí chưa đạt", "Số đơn vị", "Đơn vị"],
      style: TABLE_STYLE,
    });
    for (const c of rollup.failingByCriterion)
      failing.push([`${c.number}. ${c.name}`, c.count, c.units.join(", ")]);
    lines.push(failing.toString());
  }
  lines.push(
    `Tổng số lượt tiêu chí đạt: ${formatNumber(rollup.criteriaMetTotal)}; bình quân ${formatNumber(rollup.criteriaMetAverage, 1)} tiêu chí/đơn vị.`,
  );
  return lines.join("\n");
}

/** `datchuan sets`: the built-in sets with their counts, shipped and declared by the decision. */
export function formatSetsTable(
  sets: readonly {
    id: string;
    title: string;
    effective: { from: string; to?: string };
    criteria: { indicators: unknown[] }[];
    official?: { declared: { criteria: number; indicators: number | null } };
  }[],
): string {
  const table = new Table({
    head: ["Mã bộ tiêu chí", "Tên", "Hiệu lực", "Tiêu chí", "Chỉ tiêu", "Theo văn bản"],
    style: TABLE_STYLE,
    colWidths: [28, 44, 26, 10, 10, 14],
    wordWrap: true,
  });
  for (const set of sets) {
    const indicators = set.criteria.reduce((sum, c) => sum + c.indicators.length, 0);
    const declared = set.official?.declared;
    table.push([
      set.id,
      set.title,
      `${formatDate(set.effective.from)} → ${set.effective.to ? formatDate(set.effective.to) : "…"}`,
      set.criteria.length,
      indicators,
      declared ? `${declared.criteria} / ${declared.indicators ?? "?"}` : "",
    ]);
  }
  return table.toString();
}
