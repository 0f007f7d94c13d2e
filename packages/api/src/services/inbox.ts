import {
  type Executor,
  getReportById,
  getReportUnit,
  getStoredVerdict,
  listEvidenceFiles,
  listReportValues,
  listValuesAwaitingReview,
} from "@datchuan/db";
import {
  can,
  describeIndicatorVerdict,
  findIndicator,
  formatNumber,
  formatPercent,
  type Indicator,
  type IndicatorValue,
  type IndicatorVerdict,
  type Provenance,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import type { Viewer } from "../trpc";
import { departmentOf, requireJudgingSet } from "./lookup";

type JudgingSet = Awaited<ReturnType<typeof requireJudgingSet>>;

/**
 * Judging sets and departments looked up once per request: an inbox lists many values of few
 * (set, unit, period) combinations.
 */
function lookups(db: Executor) {
  const sets = new Map<string, Promise<JudgingSet | null>>();
  const departments = new Map<string, Promise<string | null>>();
  const judging = (params: { setId: string; unit: { path: string }; period: string }) => {
    const key = `${params.setId}|${params.unit.path}|${params.period}`;
    let found = sets.get(key);
    if (!found) {
      // A report no published set judges any more (withdrawn) has nothing a reviewer can check.
      found = requireJudgingSet(db, params).catch(() => null);
      sets.set(key, found);
    }
    return found;
  };
  const department = (params: {
    judging: JudgingSet;
    setId: string;
    unitPath: string;
    indicatorCode: string;
  }) => {
    const key = `${params.judging.row.id}|${params.setId}|${params.unitPath}|${params.indicatorCode}`;
    let found = departments.get(key);
    if (!found) {
      found = departmentOf(db, {
        set: params.judging.set,
        setId: params.setId,
        indicatorCode: params.indicatorCode,
        unitPath: params.unitPath,
      }).catch(() => null);
      departments.set(key, found);
    }
    return found;
  };
  return { judging, department };
}

/** Where the viewer reviews: the scopes of roles that may review (null: everywhere). */
function reviewScopes(viewer: Viewer): Array<string | null> {
  const scopes = viewer.roles
    .filter((r) => r.role === "system_admin" || r.role === "reviewer")
    .map((r) => (r.role === "system_admin" ? null : r.scopePath));
  if (scopes.length === 0)
    throw new TRPCError({ code: "FORBIDDEN", message: "Bạn không có quyền thẩm định số liệu." });
  return scopes.includes(null) ? [null] : [...new Set(scopes)];
}

/**
 * The reviewer's inbox: submitted reports with values waiting for the viewer's department,
 * oldest submission first, one row per report with the indicators waiting.
 */
export async function listInbox(db: Executor, viewer: Viewer) {
  const seen = new Set<string>();
  const rows = (
    await Promise.all(
      reviewScopes(viewer).map((scopePath) => listValuesAwaitingReview(db, { scopePath })),
    )
  )
    .flat()
    .filter((row) => {
      if (seen.has(row.valueId)) return false;
      seen.add(row.valueId);
      return true;
    });
  const { judging, department } = lookups(db);
  const reports = new Map<
    string,
    {
      reportId: string;
      unit: { code: string; name: string; type: (typeof rows)[number]["unitType"] };
      setId: string;
      setTitle: string;
      period: string;
      status: string;
      submittedAt: Date | null;
      indicatorCodes: string[];
    }
  >();
  for (const row of rows) {
    const set = await judging({
      setId: row.setId,
      unit: { path: row.unitPath },
      period: row.period,
    });
    if (!set) continue;
    const owner = await department({
      judging: set,
      setId: row.setId,
      unitPath: row.unitPath,
      indicatorCode: row.indicatorCode,
    });
    const target = { unitPath: row.unitPath, unitLevel: row.unitLevel, department: owner };
    if (!can(viewer.roles, "value.review", target)) continue;
    let entry = reports.get(row.reportId);
    if (!entry) {
      entry = {
        reportId: row.reportId,
        unit: { code: row.unitCode, name: row.unitName, type: row.unitType },
        setId: row.setId,
        setTitle: set.set.title,
        period: row.period,
        status: row.reportStatus,
        submittedAt: row.submittedAt,
        indicatorCodes: [],
      };
      reports.set(row.reportId, entry);
    }
    entry.indicatorCodes.push(row.indicatorCode);
  }
  return [...reports.values()];
}

/** "3.000 / 3.200 người tham gia BHYT (93,75 %)", "Có", "12 sản phẩm". */
export function describeEnteredValue(indicator: Indicator, value: IndicatorValue): string {
  switch (value.kind) {
    case "boolean":
      return value.value ? "Có (đạt)" : "Không (không đạt)";
    case "number": {
      if (indicator.kind === "percentage") return formatPercent(value.value);
      const unit = indicator.unitOfMeasure ? ` ${indicator.unitOfMeasure}` : "";
      return `${formatNumber(value.value, 6)}${unit}`;
    }
    case "ratio": {
      const labels =
        indicator.kind === "ratio"
          ? {
              numerator: ` ${indicator.numeratorLabel}`,
              denominator: ` ${indicator.denominatorLabel}`,
            }
          : { numerator: "", denominator: "" };
      const share = formatPercent((value.numerator / value.denominator) * 100);
      return `${formatNumber(value.numerator, 6)}${labels.numerator} / ${formatNumber(value.denominator, 6)}${labels.denominator} (${share})`;
    }
    case "level":
      return indicator.kind === "level"
        ? (indicator.levels.find((l) => l.code === value.value)?.name ?? value.value)
        : value.value;
    case "not_applicable":
      return value.note ? `Không áp dụng: ${value.note}` : "Không áp dụng";
  }
}

function thresholdOf(verdict: IndicatorVerdict | undefined): {
  text: string | null;
  provenance: Provenance | null;
} {
  if (!verdict || verdict.status === "not_applicable") return { text: null, provenance: null };
  return { text: verdict.threshold.reason.text, provenance: verdict.threshold.reason.provenance };
}

/**
 * One report as its reviewer sees it: every value with the indicator, the verdict against its
 * threshold (with the threshold's legal source and whether it was verified), the evidence note
 * and files, and whether the viewer's department owns it.
 */
export async function loadReviewSheet(db: Executor, viewer: Viewer, reportId: string) {
  const report = await getReportById(db, reportId);
  const unit = report ? await getReportUnit(db, reportId) : undefined;
  if (!report || !unit)
    throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy báo cáo." });
  const target = { unitPath: unit.path, unitLevel: unit.level };
  if (!can(viewer.roles, "value.read_draft", target))
    throw new TRPCError({ code: "FORBIDDEN", message: "Bạn không có quyền xem báo cáo này." });
  const { judging, department } = lookups(db);
  const set = await judging({ setId: report.setId, unit, period: report.period });
  if (!set)
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `Chưa có bộ tiêu chí ${report.setId} đã ban hành áp dụng cho đơn vị này`,
    });
  const stored = await getStoredVerdict(db, report.id);
  const verdicts = new Map(
    (stored?.verdict.criteria ?? []).flatMap((c) => c.indicators.map((i) => [i.code, i] as const)),
  );
  const values = await listReportValues(db, report.id);
  const items = [];
  for (const value of values) {
    const found = findIndicator(set.set, value.indicatorCode);
    if (!found) continue;
    const owner = await department({
      judging: set,
      setId: report.setId,
      unitPath: unit.path,
      indicatorCode: value.indicatorCode,
    });
    const verdict = verdicts.get(value.indicatorCode);
    items.push({
      valueId: value.id,
      rowVersion: value.rowVersion,
      indicatorCode: value.indicatorCode,
      indicatorName: found.indicator.name,
      criterion: { number: found.criterion.number, name: found.criterion.name },
      department: owner,
      mine: can(viewer.roles, "value.review", { ...target, department: owner }),
      reviewStatus: value.reviewStatus,
      returnReason: value.returnReason,
      evidenceNote: value.evidenceNote,
      enteredText: describeEnteredValue(found.indicator, value.value),
      verdictStatus: verdict?.status ?? null,
      verdictText: verdict ? describeIndicatorVerdict(verdict, found.indicator) : null,
      threshold: thresholdOf(verdict),
      files: await listEvidenceFiles(db, value.id),
    });
  }
  return {
    report: {
      id: report.id,
      setId: report.setId,
      period: report.period,
      status: report.status,
      submittedAt: report.submittedAt,
      rowVersion: report.rowVersion,
    },
    unit: { code: unit.code, name: unit.name, type: unit.type },
    setTitle: set.set.title,
    verdictSummary: stored?.summary ?? null,
    items,
  };
}
