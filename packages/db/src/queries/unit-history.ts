import type { Hierarchy, UnitLevel, UnitType } from "@datchuan/domain";
import { foldForSearch } from "@datchuan/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { hierarchy, unit, unitCluster, unitClusterMember, unitSuccession } from "../schema";

export async function listHierarchies(db: Executor): Promise<Hierarchy[]> {
  return db
    .select({
      name: hierarchy.name,
      effectiveFrom: hierarchy.effectiveFrom,
      levels: hierarchy.levels,
    })
    .from(hierarchy)
    .orderBy(asc(hierarchy.effectiveFrom));
}

/** Loads the built-in hierarchies; ones an admin already configured are left alone. */
export async function insertHierarchies(
  db: Executor,
  hierarchies: readonly Hierarchy[],
): Promise<void> {
  for (const entry of hierarchies) await db.insert(hierarchy).values(entry).onConflictDoNothing();
}

export async function insertUnit(
  db: Executor,
  params: {
    code: string;
    name: string;
    type: UnitType;
    level: UnitLevel;
    parent: { id: string; path: string } | null;
    validFrom: string;
  },
) {
  const [row] = await db
    .insert(unit)
    .values({
      code: params.code,
      name: params.name,
      nameSearch: foldForSearch(params.name),
      type: params.type,
      level: params.level,
      parentId: params.parent?.id ?? null,
      path: `${params.parent?.path ?? "/"}${params.code}/`,
      validFrom: params.validFrom,
      sortOrder: sql`(select coalesce(max(${unit.sortOrder}), -1) + 1 from ${unit})`,
    })
    .returning({
      id: unit.id,
      code: unit.code,
      path: unit.path,
      level: unit.level,
      rowVersion: unit.rowVersion,
    });
  return row!;
}

/** Renames or retypes a unit if nobody changed it since `expectedRowVersion`. */
export async function updateUnit(
  db: Executor,
  params: { id: string; name: string; type: UnitType; expectedRowVersion: number },
) {
  const [row] = await db
    .update(unit)
    .set({
      name: params.name,
      nameSearch: foldForSearch(params.name),
      type: params.type,
      rowVersion: sql`${unit.rowVersion} + 1`,
    })
    .where(and(eq(unit.id, params.id), eq(unit.rowVersion, params.expectedRowVersion)))
    .returning({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      type: unit.type,
      rowVersion: unit.rowVersion,
    });
  return row;
}

const detailColumns = {
  id: unit.id,
  code: unit.code,
  name: unit.name,
  type: unit.type,
  level: unit.level,
  path: unit.path,
  parentId: unit.parentId,
  validFrom: unit.validFrom,
  validTo: unit.validTo,
  rowVersion: unit.rowVersion,
};

export async function getUnitDetails(db: Executor, code: string) {
  const [row] = await db.select(detailColumns).from(unit).where(eq(unit.code, code));
  return row;
}

export async function getUnitDetailsById(db: Executor, id: string) {
  const [row] = await db.select(detailColumns).from(unit).where(eq(unit.id, id));
  return row;
}

/** A unit's details, its row locked until the caller's transaction ends. */
export async function lockUnitDetails(db: Executor, code: string) {
  const [row] = await db.select(detailColumns).from(unit).where(eq(unit.code, code)).for("update");
  return row;
}

// Any constant works; it only has to be the same for every change to the tree's shape.
const UNIT_TREE_LOCK_KEY = 7_121_003;

/**
 * Serialises changes to the tree's shape (create, move, close, merge, split) until the caller's
 * transaction ends. A move rewrites the paths of a whole subtree, which access control reads:
 * two such rewrites at once (a commune moved while its district moves) could each read a path
 * the other is changing, or deadlock on each other's rows. They are rare admin acts, so one
 * lock for the whole tree is simpler than locking subtrees in a safe order.
 */
export async function lockUnitTree(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(${UNIT_TREE_LOCK_KEY})`);
}

/** Moves a unit (and everything below it) under a new parent, rewriting the subtree's paths. */
export async function moveUnit(
  db: Executor,
  params: { id: string; oldPath: string; newParent: { id: string; path: string } },
) {
  const code = params.oldPath.split("/").at(-2)!;
  const newPath = `${params.newParent.path}${code}/`;
  await db.update(unit).set({ parentId: params.newParent.id }).where(eq(unit.id, params.id));
  await db
    .update(unit)
    .set({
      path: sql`${newPath} || substring(${unit.path} from cast(${params.oldPath.length + 1} as integer))`,
      rowVersion: sql`${unit.rowVersion} + 1`,
    })
    .where(sql`${unit.path} like ${`${params.oldPath}%`}`);
  return newPath;
}

/** Marks a unit as ended (merged, split or abolished) from the day after `lastDay`. */
export async function closeUnit(db: Executor, params: { id: string; validTo: string }) {
  await db
    .update(unit)
    .set({ validTo: params.validTo, rowVersion: sql`${unit.rowVersion} + 1` })
    .where(eq(unit.id, params.id));
}

export async function listChildIds(db: Executor, parentId: string) {
  return db.select({ id: unit.id, path: unit.path }).from(unit).where(eq(unit.parentId, parentId));
}

export async function insertSuccessions(
  db: Executor,
  rows: ReadonlyArray<{
    predecessorId: string;
    successorId: string;
    kind: "merge" | "split";
    effectiveDate: string;
    decision: string | null;
  }>,
) {
  if (rows.length) await db.insert(unitSuccession).values([...rows]);
}

/** Every unit a unit descends from through mergers and splits, nearest first. */
export function listPredecessors(db: Executor, unitId: string) {
  return walkLineage(db, unitId, "back");
}

/** Every unit a unit's territory went on to, through mergers and splits, nearest first. */
export function listSuccessors(db: Executor, unitId: string) {
  return walkLineage(db, unitId, "forward");
}

/** One walk over the succession graph, back to predecessors or forward to successors. */
async function walkLineage(db: Executor, unitId: string, direction: "back" | "forward") {
  type Row = {
    id: string;
    code: string;
    name: string;
    kind: string;
    effective_date: string;
    decision: string | null;
    depth: number;
  };
  const [from, to] =
    direction === "back" ? ["successor_id", "predecessor_id"] : ["predecessor_id", "successor_id"];
  const result = await db.execute(sql`
    with recursive lineage(id, kind, effective_date, decision, depth) as (
      select ${sql.raw(to)}, ${unitSuccession.kind}, ${unitSuccession.effectiveDate},
        ${unitSuccession.decision}, 1
      from ${unitSuccession} where ${sql.raw(from)} = ${unitId}
      union
      select s.${sql.raw(to)}, s.kind, s.effective_date, s.decision, l.depth + 1
      from ${unitSuccession} s join lineage l on s.${sql.raw(from)} = l.id
      where l.depth < 20
    )
    select l.id, u.code, u.name, l.kind, cast(l.effective_date as text) as effective_date,
      l.decision, l.depth
    from lineage l join ${unit} u on u.id = l.id
    order by l.depth, u.code`);
  // Both drivers return { rows }; the HKT-typed result does not say so.
  const { rows } = result as unknown as { rows: Row[] };
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as "merge" | "split",
    effectiveDate: row.effective_date,
    decision: row.decision,
    depth: Number(row.depth),
  }));
}

export async function insertCluster(
  db: Executor,
  params: { name: string; ownerUnitId: string; memberIds: readonly string[] },
) {
  const [cluster] = await db
    .insert(unitCluster)
    .values({ name: params.name, ownerUnitId: params.ownerUnitId })
    .returning();
  if (params.memberIds.length) {
    await db
      .insert(unitClusterMember)
      .values(params.memberIds.map((unitId) => ({ clusterId: cluster!.id, unitId })));
  }
  return cluster!;
}

export async function listClusters(db: Executor, ownerUnitId: string) {
  const clusters = await db
    .select()
    .from(unitCluster)
    .where(eq(unitCluster.ownerUnitId, ownerUnitId))
    .orderBy(asc(unitCluster.name));
  if (clusters.length === 0) return [];
  const members = await db
    .select({ clusterId: unitClusterMember.clusterId, code: unit.code, name: unit.name })
    .from(unitClusterMember)
    .innerJoin(unit, eq(unitClusterMember.unitId, unit.id))
    .where(
      inArray(
        unitClusterMember.clusterId,
        clusters.map((c) => c.id),
      ),
    )
    .orderBy(asc(unit.sortOrder));
  return clusters.map((cluster) => ({
    id: cluster.id,
    name: cluster.name,
    rowVersion: cluster.rowVersion,
    members: members
      .filter((m) => m.clusterId === cluster.id)
      .map(({ code, name }) => ({ code, name })),
  }));
}
