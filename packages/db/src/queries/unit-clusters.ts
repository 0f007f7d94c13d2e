import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { unit, unitCluster, unitClusterMember } from "../schema";

/** A cluster with its owner, its row locked until the caller's transaction ends. */
export async function lockCluster(db: Executor, clusterId: string) {
  const [row] = await db
    .select({
      id: unitCluster.id,
      name: unitCluster.name,
      rowVersion: unitCluster.rowVersion,
      ownerCode: unit.code,
      ownerPath: unit.path,
      ownerLevel: unit.level,
    })
    .from(unitCluster)
    .innerJoin(unit, eq(unit.id, unitCluster.ownerUnitId))
    .where(eq(unitCluster.id, clusterId))
    .for("update", { of: unitCluster });
  return row;
}

/** The codes of a cluster's members, in display order. */
export async function listClusterMemberCodes(db: Executor, clusterId: string) {
  const rows = await db
    .select({ code: unit.code })
    .from(unitClusterMember)
    .innerJoin(unit, eq(unit.id, unitClusterMember.unitId))
    .where(eq(unitClusterMember.clusterId, clusterId))
    .orderBy(unit.sortOrder);
  return rows.map((r) => r.code);
}

/**
 * Renames a cluster and replaces its members if nobody changed it since `expectedRowVersion`;
 * undefined when somebody did (nothing is written then).
 */
export async function updateCluster(
  db: Executor,
  params: {
    id: string;
    name: string;
    memberIds: readonly string[];
    expectedRowVersion: number;
  },
) {
  const [row] = await db
    .update(unitCluster)
    .set({ name: params.name, rowVersion: sql`${unitCluster.rowVersion} + 1` })
    .where(
      and(eq(unitCluster.id, params.id), eq(unitCluster.rowVersion, params.expectedRowVersion)),
    )
    .returning({ id: unitCluster.id, name: unitCluster.name, rowVersion: unitCluster.rowVersion });
  if (!row) return undefined;
  await db.delete(unitClusterMember).where(eq(unitClusterMember.clusterId, params.id));
  if (params.memberIds.length) {
    await db
      .insert(unitClusterMember)
      .values(params.memberIds.map((unitId) => ({ clusterId: params.id, unitId })));
  }
  return row;
}

/** Deletes a cluster (its members go with it) if still at `expectedRowVersion`. */
export async function deleteCluster(
  db: Executor,
  params: { id: string; expectedRowVersion: number },
): Promise<boolean> {
  const rows = await db
    .delete(unitCluster)
    .where(
      and(eq(unitCluster.id, params.id), eq(unitCluster.rowVersion, params.expectedRowVersion)),
    )
    .returning({ id: unitCluster.id });
  return rows.length > 0;
}
