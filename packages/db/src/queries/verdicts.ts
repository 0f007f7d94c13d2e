import type { SetVerdict } from "@datchuan/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { report, storedVerdict, unit } from "../schema";

export async function storeVerdict(
  db: Executor,
  reportId: string,
  verdict: SetVerdict,
): Promise<void> {
  const row = {
    reportId,
    setVersion: verdict.set.version,
    asOf: verdict.asOf,
    status: verdict.status,
    criteriaMet: verdict.criteriaMet,
    criteriaTotal: verdict.criteriaTotal,
    indicatorsMet: verdict.indicatorsMet,
    indicatorsTotal: verdict.indicatorsTotal,
    summary: verdict.summary,
    verdict,
  };
  await db
    .insert(storedVerdict)
    .values(row)
    .onConflictDoUpdate({
      target: storedVerdict.reportId,
      set: { ...row, evaluatedAt: sql`now()` },
    });
}

export async function getStoredVerdict(db: Executor, reportId: string) {
  const [row] = await db.select().from(storedVerdict).where(eq(storedVerdict.reportId, reportId));
  return row;
}

/**
 * Every unit of a level in a subtree with its report (if any) for a set and period: the inbox
 * of what is missing, late or waiting for review. Units that ended before `asOf` (merged away,
 * closed) owe nothing any more and are left out.
 */
export async function listReportStates(
  db: Executor,
  params: { scopePath: string; level: string; setId: string; period: string; asOf: string },
) {
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      reportId: report.id,
      status: report.status,
      submittedAt: report.submittedAt,
      verdictSummary: storedVerdict.summary,
    })
    .from(unit)
    .leftJoin(
      report,
      and(
        eq(report.unitId, unit.id),
        eq(report.setId, params.setId),
        eq(report.period, params.period),
      ),
    )
    .leftJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(
      and(
        eq(unit.level, params.level as "commune"),
        sql`${unit.path} like ${`${params.scopePath}%`}`,
        sql`(${unit.validTo} is null or ${unit.validTo} >= ${params.asOf})`,
      ),
    )
    .orderBy(asc(unit.sortOrder));
}

/**
 * Stored verdicts of a set for some units (a unit and its predecessors), oldest period first:
 * a merged commune's history continues its predecessors' reports.
 */
export async function listVerdictHistory(
  db: Executor,
  params: { unitIds: readonly string[]; setId: string; acceptedOnly: boolean },
) {
  const conditions = [inArray(report.unitId, [...params.unitIds]), eq(report.setId, params.setId)];
  if (params.acceptedOnly) conditions.push(eq(report.status, "accepted"));
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      period: report.period,
      status: report.status,
      verdictStatus: storedVerdict.status,
      summary: storedVerdict.summary,
      criteriaMet: storedVerdict.criteriaMet,
      criteriaTotal: storedVerdict.criteriaTotal,
      indicatorsMet: storedVerdict.indicatorsMet,
      indicatorsTotal: storedVerdict.indicatorsTotal,
    })
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .innerJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(and(...conditions))
    .orderBy(asc(report.period), asc(unit.code));
}
