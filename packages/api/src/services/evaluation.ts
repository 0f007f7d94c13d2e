import {
  type Executor,
  findReport,
  getStoredVerdict,
  getUnitAttributes,
  getUnitById,
  listChildObservations,
  listParentReports,
  listReportsOfUnit,
  listUnitObservations,
  lockReport,
  lockUnitSetReports,
  signVerdict,
  storeVerdict,
} from "@datchuan/db";
import {
  type CompiledCriteriaSet,
  evaluate,
  periodStart,
  periodValidUntil,
  type RelatedVerdicts,
  type SetVerdict,
  valuesInForce,
} from "@datchuan/domain";
import { loadJudgingSet } from "./criteria-sets";

/** The indicator codes a set reads from a unit's children (its villages). */
export function childIndicatorCodes(compiled: CompiledCriteriaSet): string[] {
  const codes = new Set<string>();
  for (const criterion of compiled.set.criteria)
    for (const { source } of criterion.indicators)
      if (source.kind === "children") codes.add(source.indicator);
  return [...codes];
}

/**
 * Evaluates one report with the set that judges its unit on the report's as-of date (the
 * nearest adaptation on the unit's path, the version in force then) and stores the verdict,
 * inside the caller's transaction: the verdict always matches the values committed with it.
 * The verdict is the unit's standing on that date: of its values in every report of the set up
 * to then (and its villages' values, for indicators derived from them), the ones in force by
 * the domain's `valuesInForce`, so a monthly report still counts the yearly income figure.
 * A signed verdict is never rewritten; a new set version adds a verdict beside it.
 */
export async function evaluateAndStore(
  db: Executor,
  report: { id: string; unitId: string; setId: string; period: string; locked?: boolean },
): Promise<SetVerdict | null> {
  const unit = await getUnitById(db, report.unitId);
  if (!unit) return null;
  const asOf = periodValidUntil(report.period);
  const judging = await loadJudgingSet(db, { setId: report.setId, unitPath: unit.path, asOf });
  if (!judging) return null;
  const verdict = await evaluateUnit(db, judging.compiled, unit, report);
  await storeVerdict(db, {
    reportId: report.id,
    setRowId: judging.row.id,
    basis: judging.basis,
    locked: report.locked ?? false,
    verdict,
  });
  return verdict;
}

/**
 * A unit's standing on its report's as-of date judged by a given compiled set, stored nowhere:
 * what `evaluateAndStore` stores, and what a draft would give (`previewImpact`).
 */
export async function evaluateUnit(
  db: Executor,
  compiled: CompiledCriteriaSet,
  unit: { id: string; code: string; name: string },
  report: { unitId: string; setId: string; period: string },
): Promise<SetVerdict> {
  const asOf = periodValidUntil(report.period);
  const observations = await listUnitObservations(db, {
    unitId: unit.id,
    setId: report.setId,
    asOf,
  });
  const childCodes = childIndicatorCodes(compiled);
  const children =
    childCodes.length === 0
      ? undefined
      : (
          await listChildObservations(db, { parentId: unit.id, asOf, indicatorCodes: childCodes })
        ).map((child) => ({
          code: child.code,
          values: valuesInForce(compiled, child.observations, asOf, { of: "children" }),
        }));
  return evaluate(
    compiled,
    {
      code: unit.code,
      name: unit.name,
      attributes: await getUnitAttributes(db, unit.id, asOf),
      ...(children ? { children } : {}),
    },
    valuesInForce(compiled, observations, asOf),
    asOf,
    { related: await relatedVerdicts(db, compiled.indicators, report) },
  );
}

type ReportKey = { id: string; unitId: string; setId: string; period: string };

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Evaluates reports again under the same lock order as every report write: each unit's and
 * set's lock (`lockUnitSetReports`, sorted), then each report row in id order, so two writers
 * never wait on each other. Returns how many were judged again.
 */
async function reevaluateLocked(
  db: Executor,
  reports: readonly ReportKey[],
  groupOrder: (a: string, b: string) => number = byKey,
): Promise<number> {
  const groups = [...new Set(reports.map((r) => `${r.unitId}/${r.setId}`))].sort(groupOrder);
  for (const group of groups) {
    const slash = group.indexOf("/");
    await lockUnitSetReports(db, { unitId: group.slice(0, slash), setId: group.slice(slash + 1) });
  }
  const ordered = [...reports].sort((a, b) => byKey(a.id, b.id));
  for (const report of ordered) {
    const locked = await lockReport(db, report.id);
    if (locked) await evaluateAndStore(db, locked);
  }
  return ordered.length;
}

/**
 * Judges again reports of many units at once (a batch of a publish's re-evaluation), taking the
 * locks every report write takes. The units' and sets' locks go deepest unit first: a village's
 * save holds its own lock and then takes its commune's, so a batch taking the commune's first
 * could deadlock with it. The caller's transaction holds them all until it ends.
 */
export async function reevaluateReports(
  db: Executor,
  reports: ReadonlyArray<ReportKey & { unitPath: string }>,
): Promise<number> {
  const depth = new Map<string, number>();
  for (const r of reports) depth.set(`${r.unitId}/${r.setId}`, r.unitPath.split("/").length);
  const deepestFirst = (a: string, b: string) =>
    (depth.get(b) ?? 0) - (depth.get(a) ?? 0) || byKey(a, b);
  return reevaluateLocked(db, reports, deepestFirst);
}

/**
 * A value of a report changed: the unit's other reports of the set whose as-of date is on or
 * after the value's period began may now read it (the year's income in May's report) and are
 * judged again. The caller holds the unit's and set's lock and the report's row.
 */
export async function reevaluateLaterReports(db: Executor, saved: ReportKey): Promise<number> {
  const from = periodStart(saved.period);
  const affected = (await listReportsOfUnit(db, saved.unitId)).filter(
    (report) =>
      report.id !== saved.id &&
      report.setId === saved.setId &&
      periodValidUntil(report.period) >= from,
  );
  return reevaluateLocked(db, affected);
}

/**
 * A village's values changed: its commune's reports that may read them (as-of date on or after
 * the values' period began, judged by a set deriving an indicator from one of them) are judged
 * again. The caller holds the village report's lock: village report first, then the commune's,
 * in id order.
 */
export async function reevaluateParentReports(
  db: Executor,
  change: { childUnitId: string; indicatorCodes: readonly string[]; period: string },
): Promise<number> {
  const from = periodStart(change.period);
  const affected: ReportKey[] = [];
  for (const report of await listParentReports(db, change.childUnitId)) {
    const asOf = periodValidUntil(report.period);
    if (asOf < from) continue;
    const judging = await loadJudgingSet(db, {
      setId: report.setId,
      unitPath: report.unitPath,
      asOf,
    });
    const derived = judging ? childIndicatorCodes(judging.compiled) : [];
    if (change.indicatorCodes.some((code) => derived.includes(code))) affected.push(report);
  }
  return reevaluateLocked(db, affected);
}

/**
 * A unit attribute thresholds depend on (region, commune group, special status) changed from a
 * date: the unit's reports whose as-of date is on or after it are judged again.
 */
export async function reevaluateReportsFrom(
  db: Executor,
  params: { unitId: string; effectiveFrom: string },
): Promise<number> {
  const affected = (await listReportsOfUnit(db, params.unitId)).filter(
    (report) => periodValidUntil(report.period) >= params.effectiveFrom,
  );
  return reevaluateLocked(db, affected);
}

/** The unit's verdicts, same period, of the sets this one requires met (kiểu mẫu: nâng cao). */
export async function relatedVerdicts(
  db: Executor,
  indicators: ReadonlyArray<{ indicator: { source: { kind: string; set?: string } } }>,
  report: { unitId: string; period: string },
): Promise<RelatedVerdicts> {
  const related: Record<string, { status: string } | undefined> = {};
  for (const { indicator } of indicators) {
    const setId = indicator.source.kind === "set_met" ? indicator.source.set : undefined;
    if (!setId || setId in related) continue;
    const other = await findReport(db, { unitId: report.unitId, setId, period: report.period });
    related[setId] = other ? await getStoredVerdict(db, other.id) : undefined;
  }
  return related;
}

/** Called when a report is accepted: the verdict it shows now is the one signed. */
export async function signReportVerdict(db: Executor, reportId: string): Promise<void> {
  await signVerdict(db, reportId);
}
