import { eq } from "drizzle-orm";
import type { Executor } from "../database";
import { reportingSchedule } from "../schema";

export async function getReportingSchedule(db: Executor, setId: string) {
  const [row] = await db.select().from(reportingSchedule).where(eq(reportingSchedule.setId, setId));
  return row;
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
