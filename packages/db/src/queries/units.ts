import { foldForSearch, type Unit, type UnitLevel } from "@datchuan/domain";
import { and, asc, eq, ilike, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../database";
import { unit } from "../schema";

const parent = alias(unit, "parent");

const unitColumns = {
  code: unit.code,
  name: unit.name,
  level: unit.level,
  type: unit.type,
  parentCode: parent.code,
};

function baseQuery(db: Executor) {
  return db
    .select(unitColumns)
    .from(unit)
    .leftJoin(parent, eq(unit.parentId, parent.id))
    .$dynamic();
}

const LEVEL_DEPTH = sql`case ${unit.level} when 'province' then 0 when 'district' then 1 when 'commune' then 2 else 3 end`;

/**
 * Units, optionally only some levels, parents before children, siblings in display order.
 * With `asOf` (the caller's today, never the database's), units that ended before it (merged,
 * abolished) are left out; without it every unit is listed.
 */
export async function listUnits(
  db: Executor,
  params: { levels?: readonly UnitLevel[]; asOf?: string } = {},
): Promise<Unit[]> {
  const conditions = [];
  if (params.levels?.length) conditions.push(inArray(unit.level, [...params.levels]));
  if (params.asOf)
    conditions.push(sql`(${unit.validTo} is null or ${unit.validTo} >= ${params.asOf})`);
  return baseQuery(db)
    .where(and(...conditions))
    .orderBy(LEVEL_DEPTH, asc(unit.sortOrder), asc(unit.nameSearch));
}

/** One unit, with the version an editor names when changing it (rename, move, close…). */
export async function getUnitByCode(
  db: Executor,
  code: string,
): Promise<(Unit & { rowVersion: number }) | undefined> {
  const [row] = await db
    .select({ ...unitColumns, rowVersion: unit.rowVersion })
    .from(unit)
    .leftJoin(parent, eq(unit.parentId, parent.id))
    .where(eq(unit.code, code))
    .limit(1);
  return row;
}

export async function listChildUnits(db: Executor, parentCode: string): Promise<Unit[]> {
  return baseQuery(db)
    .where(eq(parent.code, parentCode))
    .orderBy(asc(unit.sortOrder), asc(unit.nameSearch));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/gu, (char) => `\\${char}`);
}

/** Units whose name contains every word of the query, ignoring tone marks and case. */
export async function searchUnits(
  db: Executor,
  params: { query: string; levels?: readonly UnitLevel[]; limit?: number },
): Promise<Unit[]> {
  const words = foldForSearch(params.query).split(" ").filter(Boolean);
  const conditions = words.map((word) => ilike(unit.nameSearch, `%${escapeLike(word)}%`));
  if (params.levels?.length) conditions.push(inArray(unit.level, [...params.levels]));
  return baseQuery(db)
    .where(and(...conditions))
    .orderBy(LEVEL_DEPTH, asc(unit.nameSearch))
    .limit(params.limit ?? 20);
}

export async function countUnits(db: Executor): Promise<number> {
  const [row] = await db.select({ count: sql<number>`cast(count(*) as int)` }).from(unit);
  return row?.count ?? 0;
}

/**
 * Inserts units given parents-first; a unit's parent may be in the same list or already stored.
 * Runs in the caller's transaction so a bad row leaves nothing behind.
 */
export async function insertUnits(db: Executor, units: readonly Unit[]): Promise<void> {
  const known = new Map<string, { id: string; path: string }>();
  for (const [index, entry] of units.entries()) {
    let parent: { id: string; path: string } | null = null;
    if (entry.parentCode) {
      parent = known.get(entry.parentCode) ?? null;
      if (!parent) {
        const [stored] = await db
          .select({ id: unit.id, path: unit.path })
          .from(unit)
          .where(eq(unit.code, entry.parentCode));
        if (!stored) throw new Error(`Parent unit ${entry.parentCode} of ${entry.code} not found`);
        parent = stored;
      }
    }
    const path = `${parent?.path ?? "/"}${entry.code}/`;
    const [inserted] = await db
      .insert(unit)
      .values({
        code: entry.code,
        name: entry.name,
        nameSearch: foldForSearch(entry.name),
        level: entry.level,
        type: entry.type,
        parentId: parent?.id ?? null,
        path,
        sortOrder: index,
      })
      .returning({ id: unit.id });
    known.set(entry.code, { id: inserted!.id, path });
  }
}

/** What access checks need to know of a unit: its id, path and level. */
export async function getUnitRef(db: Executor, code: string) {
  const [row] = await db
    .select({ id: unit.id, code: unit.code, path: unit.path, level: unit.level })
    .from(unit)
    .where(eq(unit.code, code));
  return row;
}

export async function getUnitById(db: Executor, id: string) {
  const [row] = await db
    .select({ id: unit.id, code: unit.code, name: unit.name, path: unit.path, level: unit.level })
    .from(unit)
    .where(eq(unit.id, id));
  return row;
}
