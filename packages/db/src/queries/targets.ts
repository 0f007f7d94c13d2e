import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { registration, target, unit } from "../schema";

const registrationColumns = {
  id: registration.id,
  unitCode: unit.code,
  unitName: unit.name,
  setId: registration.setId,
  targetYear: registration.targetYear,
  note: registration.note,
  rowVersion: registration.rowVersion,
  createdAt: registration.createdAt,
};

export async function findRegistration(db: Executor, unitId: string, setId: string) {
  const [row] = await db
    .select(registrationColumns)
    .from(registration)
    .innerJoin(unit, eq(registration.unitId, unit.id))
    .where(and(eq(registration.unitId, unitId), eq(registration.setId, setId)));
  return row;
}

/** Registers (or moves) a unit's target year for a set, at the version the editor read. */
export async function saveRegistration(
  db: Executor,
  params: {
    unitId: string;
    setId: string;
    targetYear: number;
    note: string | null;
    userId: string;
    expectedRowVersion: number | null;
  },
): Promise<boolean> {
  if (params.expectedRowVersion === null) {
    const rows = await db
      .insert(registration)
      .values({
        unitId: params.unitId,
        setId: params.setId,
        targetYear: params.targetYear,
        note: params.note,
        createdBy: params.userId,
      })
      .onConflictDoNothing()
      .returning({ id: registration.id });
    return rows.length === 1;
  }
  const rows = await db
    .update(registration)
    .set({
      targetYear: params.targetYear,
      note: params.note,
      rowVersion: sql`${registration.rowVersion} + 1`,
    })
    .where(
      and(
        eq(registration.unitId, params.unitId),
        eq(registration.setId, params.setId),
        eq(registration.rowVersion, params.expectedRowVersion),
      ),
    )
    .returning({ id: registration.id });
  return rows.length === 1;
}

export async function listRegistrations(db: Executor, scopePath: string) {
  return db
    .select(registrationColumns)
    .from(registration)
    .innerJoin(unit, eq(registration.unitId, unit.id))
    .where(sql`${unit.path} like ${`${scopePath}%`}`)
    .orderBy(asc(registration.targetYear), asc(unit.sortOrder));
}

const targetColumns = {
  id: target.id,
  year: target.year,
  metric: target.metric,
  label: target.label,
  comparator: target.comparator,
  value: target.value,
  unitOfMeasure: target.unitOfMeasure,
  actual: target.actual,
  actualSource: target.actualSource,
  rowVersion: target.rowVersion,
};

export async function listTargets(db: Executor, unitId: string, year: number) {
  return db
    .select(targetColumns)
    .from(target)
    .where(and(eq(target.unitId, unitId), eq(target.year, year)))
    .orderBy(asc(target.metric));
}

export async function findTarget(db: Executor, unitId: string, year: number, metric: string) {
  const [row] = await db
    .select(targetColumns)
    .from(target)
    .where(and(eq(target.unitId, unitId), eq(target.year, year), eq(target.metric, metric)));
  return row;
}

export async function saveTarget(
  db: Executor,
  params: {
    unitId: string;
    year: number;
    metric: string;
    label: string;
    comparator: "gte" | "lte";
    value: number;
    unitOfMeasure: string;
    actual?: number | null;
    actualSource?: string | null;
    expectedRowVersion: number | null;
  },
): Promise<boolean> {
  const { expectedRowVersion, ...values } = params;
  if (expectedRowVersion === null) {
    const rows = await db
      .insert(target)
      .values(values)
      .onConflictDoNothing()
      .returning({ id: target.id });
    return rows.length === 1;
  }
  const rows = await db
    .update(target)
    .set({
      label: values.label,
      comparator: values.comparator,
      value: values.value,
      unitOfMeasure: values.unitOfMeasure,
      actual: values.actual ?? null,
      actualSource: values.actualSource ?? null,
      rowVersion: sql`${target.rowVersion} + 1`,
    })
    .where(
      and(
        eq(target.unitId, params.unitId),
        eq(target.year, params.year),
        eq(target.metric, params.metric),
        eq(target.rowVersion, expectedRowVersion),
      ),
    )
    .returning({ id: target.id });
  return rows.length === 1;
}
