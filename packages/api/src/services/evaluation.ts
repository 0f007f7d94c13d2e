import {
  type Executor,
  findReport,
  getStoredVerdict,
  getUnitAttributes,
  getUnitById,
  listReportValues,
  signVerdict,
  storeVerdict,
} from "@datchuan/db";
import {
  evaluate,
  periodValidUntil,
  type RelatedVerdicts,
  type SetVerdict,
  type ValueMap,
} from "@datchuan/domain";
import { loadJudgingSet } from "./criteria-sets";

/**
 * Evaluates one report with the set that judges its unit on the report's as-of date (the
 * nearest adaptation on the unit's path, the version in force then) and stores the verdict,
 * inside the caller's transaction: the verdict always matches the values committed with it.
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
  const values: Record<string, ValueMap[string]> = {};
  for (const stored of await listReportValues(db, report.id))
    values[stored.indicatorCode] = stored.value;
  const verdict = evaluate(
    judging.compiled,
    { code: unit.code, name: unit.name, attributes: await getUnitAttributes(db, unit.id, asOf) },
    values,
    asOf,
    { related: await relatedVerdicts(db, judging.compiled.indicators, report) },
  );
  await storeVerdict(db, {
    reportId: report.id,
    setRowId: judging.row.id,
    basis: judging.basis,
    locked: report.locked ?? false,
    verdict,
  });
  return verdict;
}

/** The unit's verdicts, same period, of the sets this one requires met (kiểu mẫu: nâng cao). */
async function relatedVerdicts(
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
