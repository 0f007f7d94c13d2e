import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../database";
import { indicatorValue, report } from "../schema";

/** The sets a unit has reports under, whether or not it registered for them. */
export async function listReportedSets(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ setId: report.setId })
    .from(report)
    .where(eq(report.unitId, unitId))
    .orderBy(asc(report.setId));
  return rows.map((r) => r.setId);
}

/** A unit's report of a set for one period, if any: its status, for what is due. */
export async function findReportStatus(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  const [row] = await db
    .select({ status: report.status, submittedAt: report.submittedAt })
    .from(report)
    .where(
      and(
        eq(report.unitId, params.unitId),
        eq(report.setId, params.setId),
        eq(report.period, params.period),
      ),
    );
  return row;
}

/** Values a reviewer returned with a reason and nobody has fixed yet, oldest period first. */
export async function listReturnedValues(db: Executor, params: { unitId: string; setId: string }) {
  return db
    .select({
      valueId: indicatorValue.id,
      period: report.period,
      indicatorCode: indicatorValue.indicatorCode,
      reason: indicatorValue.returnReason,
      reviewedAt: indicatorValue.reviewedAt,
    })
    .from(indicatorValue)
    .innerJoin(report, eq(report.id, indicatorValue.reportId))
    .where(
      and(
        eq(report.unitId, params.unitId),
        eq(report.setId, params.setId),
        eq(indicatorValue.reviewStatus, "returned"),
      ),
    )
    .orderBy(asc(report.period), asc(indicatorValue.indicatorCode));
}
