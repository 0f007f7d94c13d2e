import {
  type Executor,
  getPublishedSet,
  getUnitAttributes,
  getUnitById,
  listReportValues,
  storeVerdict,
} from "@datchuan/db";
import { evaluate, periodValidUntil, type SetVerdict, type ValueMap } from "@datchuan/domain";

/**
 * Re-evaluates one report with the newest published version of its set and stores the verdict,
 * inside the caller's transaction: the verdict always matches the values committed with it.
 */
export async function evaluateAndStore(
  db: Executor,
  report: { id: string; unitId: string; setId: string; period: string },
): Promise<SetVerdict | null> {
  const published = await getPublishedSet(db, report.setId);
  const unit = await getUnitById(db, report.unitId);
  if (!published || !unit) return null;
  const asOf = periodValidUntil(report.period);
  const values: Record<string, ValueMap[string]> = {};
  for (const stored of await listReportValues(db, report.id))
    values[stored.indicatorCode] = stored.value;
  const verdict = evaluate(
    published.set,
    { code: unit.code, name: unit.name, attributes: await getUnitAttributes(db, unit.id, asOf) },
    values,
    asOf,
  );
  await storeVerdict(db, report.id, verdict);
  return verdict;
}
