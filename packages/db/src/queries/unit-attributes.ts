import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { unitAttribute } from "../schema";

/** A unit's attributes as they stood on `asOf` (YYYY-MM-DD): the latest value of each name. */
export async function getUnitAttributes(
  db: Executor,
  unitId: string,
  asOf: string,
): Promise<Record<string, string>> {
  const rows = await db
    .select({ name: unitAttribute.name, value: unitAttribute.value })
    .from(unitAttribute)
    .where(and(eq(unitAttribute.unitId, unitId), lte(unitAttribute.effectiveFrom, asOf)))
    .orderBy(desc(unitAttribute.effectiveFrom));
  const attributes: Record<string, string> = {};
  for (const row of rows) attributes[row.name] ??= row.value;
  return attributes;
}

/** One value of an attribute and the day it took effect: what a change expects to replace. */
export interface UnitAttributeEntry {
  value: string;
  effectiveFrom: string;
}

/** The value of one attribute in effect on `asOf` and the day it took effect, or null if none. */
export async function getUnitAttributeEntry(
  db: Executor,
  params: { unitId: string; name: string; asOf: string },
): Promise<UnitAttributeEntry | null> {
  const [row] = await db
    .select({ value: unitAttribute.value, effectiveFrom: unitAttribute.effectiveFrom })
    .from(unitAttribute)
    .where(
      and(
        eq(unitAttribute.unitId, params.unitId),
        eq(unitAttribute.name, params.name),
        lte(unitAttribute.effectiveFrom, params.asOf),
      ),
    )
    .orderBy(desc(unitAttribute.effectiveFrom))
    .limit(1);
  return row ?? null;
}

/**
 * Serialises changes of one attribute of one unit until the transaction ends, so each change
 * reads (for its audit) the value the previous one left rather than one it is replacing unseen.
 */
export async function lockUnitAttribute(
  db: Executor,
  params: { unitId: string; name: string },
): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(13, hashtext(${`${params.unitId}/${params.name}`}))`,
  );
}

/** Sets an attribute from a date; a value already set on that date is replaced, not shadowed. */
export async function insertUnitAttribute(
  db: Executor,
  params: { unitId: string; name: string; value: string; effectiveFrom: string },
): Promise<void> {
  const value = params.value.normalize("NFC");
  await db
    .insert(unitAttribute)
    .values({ ...params, value })
    .onConflictDoUpdate({
      target: [unitAttribute.unitId, unitAttribute.name, unitAttribute.effectiveFrom],
      set: { value },
    });
}

/** Every value a unit's attributes took, with the day each took effect: newest first per name. */
export async function listUnitAttributeHistory(db: Executor, unitId: string) {
  return db
    .select({
      name: unitAttribute.name,
      value: unitAttribute.value,
      effectiveFrom: unitAttribute.effectiveFrom,
    })
    .from(unitAttribute)
    .where(eq(unitAttribute.unitId, unitId))
    .orderBy(asc(unitAttribute.name), desc(unitAttribute.effectiveFrom));
}
