import { eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { reportingSchedule } from "../schema";

export async function getReportingSchedule(db: Executor, setId: string) {
  const [row] = await db.select().from(reportingSchedule).where(eq(reportingSchedule.setId, setId));
  return row;
}

/**
 * The set's schedule, with changes of it serialised until the transaction ends: a change reads
 * (for its audit) what the previous one wrote, not the value both replaced. A schedule may not
 * exist yet, so an advisory lock on the set id, not a row lock.
 */
export async function lockReportingSchedule(db: Executor, setId: string) {
  await db.execute(sql`select pg_advisory_xact_lock(17, hashtext(${setId}))`);
  return getReportingSchedule(db, setId);
}

export async function saveReportingSchedule(
  db: Executor,
  params: { setId: string; frequency: "month" | "quarter" | "year"; dueDay: number },
) {
  const [row] = await db
    .insert(reportingSchedule)
    .values(params)
    .onConflictDoUpdate({
      target: reportingSchedule.setId,
      set: { frequency: params.frequency, dueDay: params.dueDay },
    })
    .returning();
  return row!;
}
