import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { indicatorValue, report, unit } from "../schema";

/**
 * Values waiting for review (submitted) in reports under a subtree, with their report and unit:
 * what a reviewer's inbox is built from. The department filter is the caller's (it depends on
 * the judging set and the area's assignments, not on a column).
 */
export async function listValuesAwaitingReview(db: Executor, params: { scopePath: string | null }) {
  const conditions = [
    eq(indicatorValue.reviewStatus, "submitted"),
    inArray(report.status, ["submitted", "returned"]),
  ];
  if (params.scopePath !== null) conditions.push(sql`${unit.path} like ${`${params.scopePath}%`}`);
  return db
    .select({
      valueId: indicatorValue.id,
      indicatorCode: indicatorValue.indicatorCode,
      reportId: report.id,
      reportStatus: report.status,
      setId: report.setId,
      period: report.period,
      submittedAt: report.submittedAt,
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      unitType: unit.type,
      unitPath: unit.path,
      unitLevel: unit.level,
    })
    .from(indicatorValue)
    .innerJoin(report, eq(indicatorValue.reportId, report.id))
    .innerJoin(unit, eq(report.unitId, unit.id))
    .where(and(...conditions))
    .orderBy(asc(report.submittedAt), asc(unit.sortOrder), asc(indicatorValue.indicatorCode));
}

/** The unit of a report with what a review sheet shows of it. */
export async function getReportUnit(db: Executor, reportId: string) {
  const [row] = await db
    .select({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      type: unit.type,
      path: unit.path,
      level: unit.level,
    })
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .where(eq(report.id, reportId));
  return row;
}
