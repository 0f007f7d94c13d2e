import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { type PlanTaskStatus, planTask } from "../schema";

const planTaskColumns = {
  id: planTask.id,
  setId: planTask.setId,
  criterionNumber: planTask.criterionNumber,
  title: planTask.title,
  owner: planTask.owner,
  deadline: planTask.deadline,
  status: planTask.status,
  note: planTask.note,
  rowVersion: planTask.rowVersion,
  updatedAt: planTask.updatedAt,
};

export type PlanTask = Awaited<ReturnType<typeof listPlanTasks>>[number];

/** A commune's plan for a set: by criterion, then by deadline (none last), then as created. */
export async function listPlanTasks(db: Executor, params: { unitId: string; setId: string }) {
  return db
    .select(planTaskColumns)
    .from(planTask)
    .where(and(eq(planTask.unitId, params.unitId), eq(planTask.setId, params.setId)))
    .orderBy(
      asc(planTask.criterionNumber),
      sql`${planTask.deadline} asc nulls last`,
      asc(planTask.createdAt),
      asc(planTask.id),
    );
}

/** One task with the unit it belongs to (what access is checked against). */
export async function getPlanTask(db: Executor, id: string) {
  const [row] = await db
    .select({ ...planTaskColumns, unitId: planTask.unitId })
    .from(planTask)
    .where(eq(planTask.id, id));
  return row;
}

export interface PlanTaskFields {
  criterionNumber: number;
  title: string;
  owner: string;
  deadline: string | null;
  status: PlanTaskStatus;
  note: string | null;
}

export async function insertPlanTask(
  db: Executor,
  params: PlanTaskFields & { unitId: string; setId: string; userId: string },
) {
  const { userId, ...values } = params;
  const [row] = await db
    .insert(planTask)
    .values({ ...values, createdBy: userId })
    .returning(planTaskColumns);
  return row!;
}

/** Changes a task at the version the editor read; undefined when it moved on or is gone. */
export async function updatePlanTask(
  db: Executor,
  params: PlanTaskFields & { id: string; expectedRowVersion: number },
) {
  const { id, expectedRowVersion, ...values } = params;
  const [row] = await db
    .update(planTask)
    .set({ ...values, rowVersion: sql`${planTask.rowVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(planTask.id, id), eq(planTask.rowVersion, expectedRowVersion)))
    .returning(planTaskColumns);
  return row;
}

/** Deletes a task at the version the editor read; false when it moved on or is gone. */
export async function deletePlanTask(
  db: Executor,
  params: { id: string; expectedRowVersion: number },
): Promise<boolean> {
  const rows = await db
    .delete(planTask)
    .where(and(eq(planTask.id, params.id), eq(planTask.rowVersion, params.expectedRowVersion)))
    .returning({ id: planTask.id });
  return rows.length === 1;
}
