import type { UnitLevel } from "@datchuan/domain";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { report, storedVerdict, unit, unitCluster, unitClusterMember } from "../schema";

/** A named cluster with its owner's path (who may read its working verdicts). */
export async function getClusterWithOwner(db: Executor, clusterId: string) {
  const [row] = await db
    .select({
      id: unitCluster.id,
      name: unitCluster.name,
      ownerPath: unit.path,
      ownerLevel: unit.level,
    })
    .from(unitCluster)
    .innerJoin(unit, eq(unit.id, unitCluster.ownerUnitId))
    .where(eq(unitCluster.id, clusterId));
  return row;
}

/**
 * The units of a level that exist on `asOf` inside a scope: below a unit (a district's or a
 * province's communes), or inside a cluster's members (each member or below it).
 */
export async function listScopeUnits(
  db: Executor,
  params: { scope: { path: string } | { clusterId: string }; level: UnitLevel; asOf: string },
) {
  const inside =
    "path" in params.scope
      ? and(
          sql`${unit.path} like ${`${params.scope.path}%`}`,
          sql`${unit.path} <> ${params.scope.path}`,
        )
      : sql`exists (
          select 1 from ${unitClusterMember} m join ${unit} mu on mu.id = m.unit_id
          where m.cluster_id = ${params.scope.clusterId} and ${unit.path} like mu.path || '%'
        )`;
  return db
    .select({ id: unit.id, code: unit.code, name: unit.name, path: unit.path })
    .from(unit)
    .where(
      and(
        inside,
        eq(unit.level, params.level),
        lte(unit.validFrom, params.asOf),
        or(isNull(unit.validTo), sql`${unit.validTo} >= ${params.asOf}`),
      ),
    )
    .orderBy(asc(unit.sortOrder), asc(unit.code));
}

/** The verdict a report shows (see verdicts.ts), correlated on `report`. */
const shownVerdictId = sql`(
  select v.id from stored_verdict v where v.report_id = ${report.id}
  order by (${report.status} = 'accepted' and v.signed_at is not null) desc, v.evaluated_at desc, v.id
  limit 1
)`;

/**
 * For each unit, the stored verdict of its latest report of a set whose as-of date is on or
 * before `asOf`: what it stood at on that date, read, never re-evaluated. With `acceptedOnly`
 * (the public), only accepted reports and their signed verdicts. The counts and summary only:
 * the statuses come from `listVerdictOutlines`, not from the explained verdict.
 */
export async function listLatestVerdicts(
  db: Executor,
  params: { unitIds: readonly string[]; setId: string; asOf: string; acceptedOnly: boolean },
) {
  if (params.unitIds.length === 0) return [];
  return db
    .selectDistinctOn([report.unitId], {
      unitId: report.unitId,
      period: report.period,
      reportStatus: report.status,
      verdictId: storedVerdict.id,
      setRowId: storedVerdict.setRowId,
      setId: storedVerdict.setId,
      setVersion: storedVerdict.setVersion,
      asOf: storedVerdict.asOf,
      status: storedVerdict.status,
      criteriaMet: storedVerdict.criteriaMet,
      criteriaTotal: storedVerdict.criteriaTotal,
      indicatorsMet: storedVerdict.indicatorsMet,
      indicatorsTotal: storedVerdict.indicatorsTotal,
      summary: storedVerdict.summary,
      signedAt: storedVerdict.signedAt,
    })
    .from(report)
    .innerJoin(storedVerdict, eq(storedVerdict.id, shownVerdictId))
    .where(
      and(
        inArray(report.unitId, [...params.unitIds]),
        eq(report.setId, params.setId),
        lte(storedVerdict.asOf, params.asOf),
        params.acceptedOnly
          ? and(eq(report.status, "accepted"), isNotNull(storedVerdict.signedAt))
          : undefined,
      ),
    )
    .orderBy(report.unitId, desc(storedVerdict.asOf));
}
