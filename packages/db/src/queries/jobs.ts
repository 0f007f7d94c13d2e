import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { reevaluationJob, report, unit } from "../schema";

const progressColumns = {
  id: reevaluationJob.id,
  setRowId: reevaluationJob.setRowId,
  status: reevaluationJob.status,
  done: reevaluationJob.done,
  total: reevaluationJob.total,
  error: reevaluationJob.error,
  createdAt: reevaluationJob.createdAt,
  startedAt: reevaluationJob.startedAt,
  finishedAt: reevaluationJob.finishedAt,
};

export type ReevaluationProgress = Awaited<ReturnType<typeof getLatestReevaluation>>;

/**
 * Enqueues the judging again of `reportIds` (in the caller's transaction: a publish that rolls
 * back leaves no job). Nothing to judge is a job done already, so progress still has a row.
 */
export async function enqueueReevaluation(
  db: Executor,
  params: { setRowId: string; reportIds: readonly string[] },
) {
  const reportIds = [...params.reportIds].sort();
  const empty = reportIds.length === 0;
  const [job] = await db
    .insert(reevaluationJob)
    .values({
      setRowId: params.setRowId,
      reportIds,
      total: reportIds.length,
      ...(empty ? { status: "done" as const, startedAt: sql`now()`, finishedAt: sql`now()` } : {}),
    })
    .returning({ id: reevaluationJob.id, total: reevaluationJob.total });
  return job!;
}

/**
 * The oldest unfinished job, its row locked until the caller's transaction ends; a job another
 * process holds is skipped, not waited for. So a batch is judged by one process only, and a
 * process that dies mid-batch releases the row (its transaction rolls back) for another.
 */
export async function claimNextReevaluation(db: Executor) {
  const [job] = await db
    .select({
      id: reevaluationJob.id,
      reportIds: reevaluationJob.reportIds,
      done: reevaluationJob.done,
      total: reevaluationJob.total,
    })
    .from(reevaluationJob)
    .where(inArray(reevaluationJob.status, ["pending", "running"]))
    .orderBy(reevaluationJob.createdAt, reevaluationJob.id)
    .limit(1)
    .for("update", { skipLocked: true });
  return job;
}

/** Records a judged batch: `done` reports of the job are judged, in the batch's transaction. */
export async function recordReevaluationBatch(db: Executor, params: { id: string; done: number }) {
  const [job] = await db
    .update(reevaluationJob)
    .set({
      done: params.done,
      status: sql`case when ${params.done} >= ${reevaluationJob.total} then 'done' else 'running' end`,
      startedAt: sql`coalesce(${reevaluationJob.startedAt}, now())`,
      finishedAt: sql`case when ${params.done} >= ${reevaluationJob.total} then now() end`,
      attempts: 0,
      error: null,
    })
    .where(eq(reevaluationJob.id, params.id))
    .returning(progressColumns);
  return job!;
}

/**
 * Records a batch that failed (its transaction rolled back, `done` did not move). The job is
 * tried again from the same report, and stops as failed after `maxAttempts` failures in a row.
 */
export async function recordReevaluationFailure(
  db: Executor,
  params: { id: string; error: string; maxAttempts: number },
) {
  const failed = sql`${reevaluationJob.attempts} + 1 >= ${params.maxAttempts}`;
  const [job] = await db
    .update(reevaluationJob)
    .set({
      attempts: sql`${reevaluationJob.attempts} + 1`,
      error: params.error,
      status: sql`case when ${failed} then 'failed' else ${reevaluationJob.status} end`,
      finishedAt: sql`case when ${failed} then now() end`,
    })
    .where(
      and(
        eq(reevaluationJob.id, params.id),
        inArray(reevaluationJob.status, ["pending", "running"]),
      ),
    )
    .returning(progressColumns);
  return job;
}

/** The latest job a published version asked for, undefined if none. */
export async function getLatestReevaluation(db: Executor, setRowId: string) {
  const [job] = await db
    .select(progressColumns)
    .from(reevaluationJob)
    .where(eq(reevaluationJob.setRowId, setRowId))
    .orderBy(desc(reevaluationJob.createdAt), desc(reevaluationJob.id))
    .limit(1);
  return job;
}

export async function getReevaluation(db: Executor, id: string) {
  const [job] = await db
    .select(progressColumns)
    .from(reevaluationJob)
    .where(eq(reevaluationJob.id, id));
  return job;
}

/** Reports by id with their unit's path, which orders the locks a batch takes. */
export async function listReportsWithPaths(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: report.id,
      unitId: report.unitId,
      setId: report.setId,
      period: report.period,
      unitPath: unit.path,
    })
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .where(inArray(report.id, [...ids]));
}
