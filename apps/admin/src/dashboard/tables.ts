import type { RouterOutputs } from "@datchuan/api";
import {
  type CriteriaGroup,
  criteriaGroupSentence,
  formatDate,
  groupByCriteriaMet,
  indicatorRange,
  officialCount,
  type UnitNamer,
} from "@datchuan/domain";
import type { ExportTable, TableColumn } from "@datchuan/ui";

export type Standing = RouterOutputs["review"]["standing"];
export type Rollup = Standing["rollups"][number];
export type Registration = RouterOutputs["planning"]["registrations"][number];
export type YearTarget = RouterOutputs["planning"]["targets"][number];

/** Chart heights, known before recharts loads, so the page does not jump when it arrives. */
export const CHART_HEIGHT = { progress: 280, targets: 260 } as const;
export function failingChartHeight(criteria: number): number {
  return Math.max(220, 36 * criteria + 60);
}

/** A column set and its rows: one table on screen, one sheet in the workbook. */
export interface DashboardTable<Row> {
  key: string;
  /** Sheet name and screen caption. */
  title: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}

/** A translation function: the screen's, or Vietnamese for the workbook. */
export type T = (key: string, options?: Record<string, unknown>) => string;

/** Short unit names by code ("Xuân Minh"), for the sentences and the tables. */
export function unitNamer(standing: Standing): UnitNamer {
  const names = new Map<string, string>();
  for (const u of [...standing.units, ...standing.notReported]) names.set(u.code, u.name);
  return (code) => names.get(code) ?? code;
}

/** The set that judged is illustrative when its thresholds are the demo's ("-minh-hoa"). */
export function isIllustrative(standing: Standing): boolean {
  return standing.units.some(
    (u) => /minh[- ]h[oó]a/iu.test(u.setVersion) || /minh[- ]h[oó]a/iu.test(u.setId),
  );
}

export type GroupRow = CriteriaGroup & { sentence: string };

export function groupRows(rollup: Rollup, nameOf: UnitNamer): GroupRow[] {
  return groupByCriteriaMet(rollup.byScore).map((g) => ({
    ...g,
    sentence: criteriaGroupSentence(g, nameOf),
  }));
}

export function groupsTable(t: T, rollup: Rollup, nameOf: UnitNamer): DashboardTable<GroupRow> {
  return {
    key: "groups",
    title: t("dashboard.sheet.groups"),
    rows: groupRows(rollup, nameOf),
    rowKey: (r) => `${r.criteriaMet}/${r.criteriaTotal}/${r.indicatorsTotal}`,
    columns: [
      {
        id: "group",
        header: t("dashboard.col.group"),
        value: (r) =>
          `${officialCount(r.units.length)} xã đạt ${r.criteriaMet}/${r.criteriaTotal} tiêu chí, ${indicatorRange(r)} chỉ tiêu`,
        unsortable: true,
        width: 44,
      },
      {
        id: "count",
        header: t("dashboard.col.communeCount"),
        value: (r) => r.units.length,
        kind: "integer",
      },
      {
        id: "criteriaMet",
        header: t("dashboard.col.criteriaMet"),
        value: (r) => r.criteriaMet,
        kind: "integer",
      },
      {
        id: "criteriaTotal",
        header: t("dashboard.col.criteriaTotal"),
        value: (r) => r.criteriaTotal,
        kind: "integer",
      },
      {
        id: "indicatorsMin",
        header: t("dashboard.col.indicatorsMin"),
        value: (r) => r.indicatorsMin,
        kind: "integer",
      },
      {
        id: "indicatorsMax",
        header: t("dashboard.col.indicatorsMax"),
        value: (r) => r.indicatorsMax,
        kind: "integer",
      },
      {
        id: "indicatorsTotal",
        header: t("dashboard.col.indicatorsTotal"),
        value: (r) => r.indicatorsTotal,
        kind: "integer",
      },
      {
        id: "communes",
        header: t("dashboard.col.communes"),
        value: (r) => r.units.map(nameOf).join(", "),
        unsortable: true,
        width: 50,
      },
    ],
  };
}

type FailingCriterion = Rollup["failingByCriterion"][number];
export function failingCriteriaTable(
  t: T,
  rollup: Rollup,
  nameOf: UnitNamer,
): DashboardTable<FailingCriterion> {
  return {
    key: "failingCriteria",
    title: t("dashboard.sheet.failingCriteria"),
    rows: rollup.failingByCriterion,
    rowKey: (r) => String(r.number),
    columns: [
      {
        id: "number",
        header: t("dashboard.col.criterion"),
        value: (r) => r.number,
        kind: "integer",
      },
      { id: "name", header: t("dashboard.col.criterionName"), value: (r) => r.name, width: 32 },
      {
        id: "count",
        header: t("dashboard.col.failingCount"),
        value: (r) => r.count,
        kind: "integer",
      },
      {
        id: "communes",
        header: t("dashboard.col.communes"),
        value: (r) => r.units.map(nameOf).join(", "),
        unsortable: true,
        width: 50,
      },
    ],
  };
}

type FailingIndicator = Rollup["failingByIndicator"][number];
export function failingIndicatorsTable(
  t: T,
  rollup: Rollup,
  nameOf: UnitNamer,
): DashboardTable<FailingIndicator> {
  return {
    key: "failingIndicators",
    title: t("dashboard.sheet.failingIndicators"),
    rows: rollup.failingByIndicator,
    rowKey: (r) => r.code,
    columns: [
      { id: "code", header: t("dashboard.col.indicator"), value: (r) => r.code },
      { id: "name", header: t("dashboard.col.indicatorName"), value: (r) => r.name, width: 40 },
      {
        id: "criterion",
        header: t("dashboard.col.criterion"),
        value: (r) => r.criterion,
        kind: "integer",
      },
      {
        id: "count",
        header: t("dashboard.col.failingCount"),
        value: (r) => r.count,
        kind: "integer",
      },
      {
        id: "communes",
        header: t("dashboard.col.communes"),
        value: (r) => r.units.map(nameOf).join(", "),
        unsortable: true,
        width: 50,
      },
    ],
  };
}

type Ranked = Rollup["ranking"][number];
export function rankingTable(t: T, rollup: Rollup, nameOf: UnitNamer): DashboardTable<Ranked> {
  return {
    key: "ranking",
    title: t("dashboard.sheet.ranking"),
    rows: rollup.ranking,
    rowKey: (r) => r.unit,
    columns: [
      { id: "rank", header: t("dashboard.col.rank"), value: (r) => r.rank, kind: "integer" },
      { id: "unit", header: t("dashboard.col.commune"), value: (r) => nameOf(r.unit) },
      {
        id: "status",
        header: t("dashboard.col.status"),
        value: (r) => t(`dashboard.status.${r.status}`),
      },
      {
        id: "criteriaMet",
        header: t("dashboard.col.criteriaMet"),
        value: (r) => r.criteriaMet,
        kind: "integer",
      },
      {
        id: "criteriaToGo",
        header: t("dashboard.col.criteriaToGo"),
        value: (r) => r.criteriaToGo,
        kind: "integer",
      },
      {
        id: "indicatorsToGo",
        header: t("dashboard.col.indicatorsToGo"),
        value: (r) => r.indicatorsToGo,
        kind: "integer",
      },
    ],
  };
}

type Fragile = Standing["fragile"][number];
export function fragileTable(t: T, standing: Standing, nameOf: UnitNamer): DashboardTable<Fragile> {
  const recognised = new Set(standing.revocation.recognisedUnits);
  return {
    key: "fragile",
    title: t("dashboard.sheet.fragile"),
    rows: standing.fragile,
    rowKey: (r) => r.code,
    columns: [
      { id: "code", header: t("dashboard.col.indicator"), value: (r) => r.code },
      {
        id: "criterion",
        header: t("dashboard.col.criterion"),
        value: (r) => r.criterion,
        kind: "integer",
      },
      {
        id: "count",
        header: t("dashboard.col.fragileCount"),
        value: (r) => r.count,
        kind: "integer",
      },
      {
        id: "communes",
        header: t("dashboard.col.communes"),
        value: (r) => r.units.map(nameOf).join(", "),
        unsortable: true,
        width: 50,
      },
      {
        id: "recognised",
        header: t("dashboard.col.recognisedAmong"),
        value: (r) =>
          r.units
            .filter((u) => recognised.has(u))
            .map(nameOf)
            .join(", "),
        unsortable: true,
        width: 40,
      },
    ],
  };
}

type Change = Standing["changes"][number];
function describeChanges(list: Change["regressed"]): string {
  return list
    .filter((c) => c.level !== "set")
    .map((c) => (c.level === "criterion" ? `TC ${c.code}` : c.code))
    .join(", ");
}
export function changesTable(t: T, standing: Standing): DashboardTable<Change> {
  const recognised = new Set(standing.revocation.recognisedUnits);
  return {
    key: "changes",
    title: t("dashboard.sheet.changes"),
    rows: standing.changes,
    rowKey: (r) => r.unit,
    columns: [
      { id: "name", header: t("dashboard.col.commune"), value: (r) => r.name },
      {
        id: "recognised",
        header: t("dashboard.col.recognised"),
        value: (r) => (recognised.has(r.unit) ? t("dashboard.yes") : ""),
      },
      { id: "before", header: t("dashboard.col.period"), value: (r) => `${r.before} → ${r.after}` },
      {
        id: "regressed",
        header: t("dashboard.col.regressed"),
        value: (r) => describeChanges(r.regressed),
        width: 40,
      },
      {
        id: "improved",
        header: t("dashboard.col.improved"),
        value: (r) => describeChanges(r.improved),
        width: 40,
      },
    ],
  };
}

type AtRisk = Standing["revocation"]["atRisk"][number];
/** Recognised communes whose standing fell below the set, with the indicators that slipped. */
export function atRiskTable(t: T, standing: Standing): DashboardTable<AtRisk> {
  return {
    key: "atRisk",
    title: t("dashboard.sheet.atRisk"),
    rows: standing.revocation.atRisk,
    rowKey: (r) => r.unit,
    columns: [
      { id: "name", header: t("dashboard.col.commune"), value: (r) => r.name },
      {
        id: "decision",
        header: t("dashboard.col.decision"),
        value: (r) =>
          `${r.decision.number} (${formatDate(r.decision.decidedOn)})${r.decision.illustrative ? ` — ${t("dashboard.illustrativeDecision")}` : ""}`,
        width: 30,
      },
      { id: "period", header: t("dashboard.col.period"), value: (r) => r.period },
      {
        id: "slipped",
        header: t("dashboard.col.slipped"),
        value: (r) => r.risk?.slipped.map((s) => s.code).join(", ") ?? "",
        width: 40,
      },
      {
        id: "assessment",
        header: t("dashboard.col.assessment"),
        value: (r) =>
          `${t(`dashboard.revocationStatus.${r.assessment.status}`)}: ${r.assessment.text}`,
        width: 50,
      },
    ],
  };
}

type InZone = Standing["revocation"]["inZone"][number];
export function revocationTable(t: T, standing: Standing): DashboardTable<InZone> {
  return {
    key: "revocation",
    title: t("dashboard.sheet.revocation"),
    rows: standing.revocation.inZone,
    rowKey: (r) => r.unit,
    columns: [
      { id: "name", header: t("dashboard.col.commune"), value: (r) => r.name },
      { id: "recognisedIn", header: t("dashboard.col.recognisedIn"), value: (r) => r.recognisedIn },
      { id: "period", header: t("dashboard.col.period"), value: (r) => r.period },
      {
        id: "failed",
        header: t("dashboard.col.failed"),
        value: (r) => r.assessment.failed,
        kind: "integer",
      },
      {
        id: "failedPercent",
        header: t("dashboard.col.failedPercent"),
        value: (r) => r.assessment.failedPercent,
        kind: "percent",
      },
      {
        id: "assessment",
        header: t("dashboard.col.assessment"),
        value: (r) =>
          `${t(`dashboard.revocationStatus.${r.assessment.status}`)}: ${r.assessment.text}`,
        width: 50,
      },
    ],
  };
}

/** A target year's registrations against the standing on the review date. */
export interface RegistrationRow {
  targetYear: number;
  registered: number;
  achieved: number;
  units: string[];
  missing: string[];
}

export function registrationRows(
  registrations: readonly Registration[],
  standing: Standing,
  setId: string,
): RegistrationRow[] {
  const status = new Map(standing.units.map((u) => [u.code, u.status]));
  const byYear = new Map<number, RegistrationRow>();
  for (const r of registrations) {
    if (r.setId !== setId) continue;
    const row = byYear.get(r.targetYear) ?? {
      targetYear: r.targetYear,
      registered: 0,
      achieved: 0,
      units: [],
      missing: [],
    };
    row.registered++;
    row.units.push(r.unitCode);
    if (status.get(r.unitCode) === "met") row.achieved++;
    else row.missing.push(r.unitCode);
    byYear.set(r.targetYear, row);
  }
  return [...byYear.values()].sort((a, b) => a.targetYear - b.targetYear);
}

export function registrationsTable(
  t: T,
  rows: RegistrationRow[],
  nameOf: UnitNamer,
): DashboardTable<RegistrationRow> {
  return {
    key: "registrations",
    title: t("dashboard.sheet.registrations"),
    rows,
    rowKey: (r) => String(r.targetYear),
    columns: [
      {
        id: "year",
        header: t("dashboard.col.targetYear"),
        value: (r) => String(r.targetYear),
      },
      {
        id: "registered",
        header: t("dashboard.col.registered"),
        value: (r) => r.registered,
        kind: "integer",
      },
      {
        id: "achieved",
        header: t("dashboard.col.achieved"),
        value: (r) => r.achieved,
        kind: "integer",
      },
      {
        id: "remaining",
        header: t("dashboard.col.remaining"),
        value: (r) => r.missing.map(nameOf).join(", "),
        unsortable: true,
        width: 50,
      },
    ],
  };
}

/** One date of the progress series. */
export interface ProgressRow {
  date: string;
  reported: number;
  meeting: number;
  share: number;
  criteriaMetTotal: number;
  criteriaMetAverage: number;
}

export type ProgressPoint = RouterOutputs["review"]["progress"][number];

export function progressRow(point: ProgressPoint): ProgressRow {
  return {
    date: point.asOf,
    reported: point.reported,
    meeting: point.meeting,
    share: point.share,
    criteriaMetTotal: point.criteriaMetTotal,
    criteriaMetAverage: point.criteriaMetAverage,
  };
}

export function progressTable(t: T, rows: ProgressRow[]): DashboardTable<ProgressRow> {
  return {
    key: "progress",
    title: t("dashboard.sheet.progress"),
    rows,
    rowKey: (r) => r.date,
    columns: [
      { id: "date", header: t("dashboard.col.date"), value: (r) => formatDate(r.date) },
      {
        id: "reported",
        header: t("dashboard.col.reported"),
        value: (r) => r.reported,
        kind: "integer",
      },
      {
        id: "meeting",
        header: t("dashboard.col.meeting"),
        value: (r) => r.meeting,
        kind: "integer",
      },
      { id: "share", header: t("dashboard.col.share"), value: (r) => r.share, kind: "percent" },
      {
        id: "criteriaMetTotal",
        header: t("dashboard.col.criteriaMetTotal"),
        value: (r) => r.criteriaMetTotal,
        kind: "integer",
      },
      {
        id: "criteriaMetAverage",
        header: t("dashboard.col.criteriaMetAverage"),
        value: (r) => r.criteriaMetAverage,
        kind: "decimal",
      },
    ],
  };
}

/** The overview as a two-column sheet: what the meeting reads first. */
export interface SummaryRow {
  label: string;
  value: string | number;
  kind?: "integer" | "decimal" | "percent";
}
export function summaryTable(
  t: T,
  rollup: Rollup | undefined,
  standing: Standing,
  illustrative = false,
) {
  const rows: SummaryRow[] = [
    { label: t("dashboard.communes"), value: standing.communes, kind: "integer" },
    { label: t("dashboard.reported"), value: standing.units.length, kind: "integer" },
  ];
  if (rollup)
    rows.push(
      { label: t("dashboard.meeting"), value: rollup.unitsMeetingStandard, kind: "integer" },
      { label: t("dashboard.share"), value: rollup.shareMeetingStandard, kind: "percent" },
      {
        label: t("dashboard.col.criteriaMetTotal"),
        value: rollup.criteriaMetTotal,
        kind: "integer",
      },
      {
        label: t("dashboard.col.criteriaMetAverage"),
        value: rollup.criteriaMetAverage,
        kind: "decimal",
      },
    );
  // The workbook travels without the screen: it carries the illustrative mark itself.
  if (illustrative) rows.push({ label: t("dashboard.note"), value: t("dashboard.illustrative") });
  const table: DashboardTable<SummaryRow> = {
    key: "summary",
    title: t("dashboard.sheet.summary"),
    rows,
    rowKey: (r) => r.label,
    columns: [
      { id: "label", header: t("dashboard.summaryTitle"), value: (r) => r.label, width: 36 },
      // Each row has its own kind: the export writes numbers as numbers all the same.
      {
        id: "value",
        header: t("dashboard.value"),
        value: (r) => r.value,
        rowKind: (r) => r.kind ?? "text",
        width: 24,
      },
    ],
  };
  return table;
}

/** Every table of the dashboard, in reading order (one sheet each). */
export function allTables(
  t: T,
  input: {
    standing: Standing;
    /** The set version's roll-up shown (the largest by default). */
    rollup?: Rollup | undefined;
    registrations: RegistrationRow[];
    progress: ProgressRow[];
    illustrative: boolean;
  },
): ExportTable[] {
  const { standing } = input;
  const nameOf = unitNamer(standing);
  const rollup = input.rollup ?? standing.rollups[0];
  const tables: ExportTable[] = [summaryTable(t, rollup, standing, input.illustrative)];
  if (rollup)
    tables.push(
      groupsTable(t, rollup, nameOf),
      failingCriteriaTable(t, rollup, nameOf),
      failingIndicatorsTable(t, rollup, nameOf),
      rankingTable(t, rollup, nameOf),
    );
  tables.push(
    fragileTable(t, standing, nameOf),
    changesTable(t, standing),
    revocationTable(t, standing),
    registrationsTable(t, input.registrations, nameOf),
    progressTable(t, input.progress),
  );
  return tables;
}
