import type { IndicatorValue } from "@datchuan/domain";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../database";
import { indicatorValue, report, unit } from "../schema";
import { reportToReevaluate } from "./reports";

/**
 * Periods of `asOf`'s year or earlier. Coarse on purpose: the domain's `valuesInForce` drops the
 * periods that begin after `asOf`; this only keeps later years out of the transfer.
 */
function periodNotAfterYearOf(asOf: string) {
  return lte(sql`left(${report.period}, 4)`, asOf.slice(0, 4));
}

/**
 * A unit's values for a set over every period up to `asOf` (one query): what `valuesInForce`
 * picks the unit's standing on that date from. Values carry their own period.
 */
export async function listUnitObservations(
  db: Executor,
  params: { unitId: string; setId: string; asOf: string },
): Promise<Array<{ indicator: string; value: IndicatorValue }>> {
  return db
    .select({ indicator: indicatorValue.indicatorCode, value: indicatorValue.value })
    .from(indicatorValue)
    .innerJoin(report, eq(report.id, indicatorValue.reportId))
    .where(
      and(
        eq(report.unitId, params.unitId),
        eq(report.setId, params.setId),
        periodNotAfterYearOf(params.asOf),
      ),
    );
}

/**
 * A unit's children that exist on `asOf` (its villages), each with its values up to that date of
 * the indicator codes a set reads from children, from whichever set the children report in (one
 * query). A child without values is still listed: a derived share must know every village.
 */
export async function listChildObservations(
  db: Executor,
  params: { parentId: string; asOf: string; indicatorCodes: readonly string[] },
): Promise<
  Array<{ code: string; observations: Array<{ indicator: string; value: IndicatorValue }> }>
> {
  const rows = await db
    .select({
      code: unit.code,
      indicator: indicatorValue.indicatorCode,
      value: indicatorValue.value,
    })
    .from(unit)
    .leftJoin(report, and(eq(report.unitId, unit.id), periodNotAfterYearOf(params.asOf)))
    .leftJoin(
      indicatorValue,
      and(
        eq(indicatorValue.reportId, report.id),
        inArray(indicatorValue.indicatorCode, [...params.indicatorCodes]),
      ),
    )
    .where(
      and(
        eq(unit.parentId, params.parentId),
        lte(unit.validFrom, params.asOf),
        or(isNull(unit.validTo), sql`${unit.validTo} >= ${params.asOf}`),
      ),
    )
    .orderBy(asc(unit.sortOrder), asc(unit.code));
  const children = new Map<string, Array<{ indicator: string; value: IndicatorValue }>>();
  for (const row of rows) {
    const observations = children.get(row.code) ?? [];
    children.set(row.code, observations);
    if (row.indicator !== null && row.value !== null)
      observations.push({ indicator: row.indicator, value: row.value });
  }
  return [...children].map(([code, observations]) => ({ code, observations }));
}

/** Every report of a unit, for re-evaluation after a change its verdicts depend on. */
export async function listReportsOfUnit(db: Executor, unitId: string) {
  return db
    .select(reportToReevaluate)
    .from(report)
    .where(eq(report.unitId, unitId))
    .orderBy(asc(report.id));
}

/** The reports of a unit's parent (a village's commune), with the parent's path. */
export async function listParentReports(db: Executor, childUnitId: string) {
  const child = alias(unit, "child");
  return db
    .select({
      id: report.id,
      unitId: report.unitId,
      unitPath: unit.path,
      setId: report.setId,
      period: report.period,
    })
    .from(child)
    .innerJoin(unit, eq(unit.id, child.parentId))
    .innerJoin(report, eq(report.unitId, unit.id))
    .where(eq(child.id, childUnitId))
    .orderBy(asc(report.id));
}

/**
 * Takes, until the transaction ends, the lock on a unit's reports of a set as a whole: a value
 * saved in one period re-judges the later periods, so writers of one unit and set take turns
 * before locking report rows (unit and set locks first, then rows in id order: no cycle).
 */
export async function lockUnitSetReports(
  db: Executor,
  params: { unitId: string; setId: string },
): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(11, hashtext(${`${params.unitId}/${params.setId}`}))`,
  );
}
