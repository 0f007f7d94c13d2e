import { type Executor, lockReportingSchedule, saveReportingSchedule } from "@datchuan/db";
import { z } from "zod";
import { throwConflict } from "../trpc";
import { DEFAULT_SCHEDULE } from "./commune-home";

export const scheduleFrequencySchema = z.enum(["month", "quarter", "year"]);

/**
 * The schedule the writer read (`report.schedule`: the default when none was saved): a change
 * made since by someone else is a conflict, not silently replaced.
 */
export const expectedScheduleSchema = z.object({
  frequency: scheduleFrequencySchema,
  dueDay: z.int(),
});

type Frequency = z.infer<typeof scheduleFrequencySchema>;

/**
 * Saves a set's schedule unless it changed since the writer read it; returns the saved row and
 * the one replaced (undefined when the default applied). The check runs under the set's lock,
 * so two writers with the same expectation cannot both pass it.
 */
export async function replaceReportingSchedule(
  tx: Executor,
  params: {
    setId: string;
    frequency: Frequency;
    dueDay: number;
    expected: { frequency: Frequency; dueDay: number };
  },
) {
  const { expected, ...schedule } = params;
  const before = await lockReportingSchedule(tx, params.setId);
  const current = before ?? DEFAULT_SCHEDULE;
  if (current.frequency !== expected.frequency || current.dueDay !== expected.dueDay) {
    const message = "Ai đó vừa đổi lịch báo cáo của bộ tiêu chí này. Tải lại rồi làm lại.";
    throwConflict(message, { setId: params.setId, ...current });
  }
  return { before, saved: await saveReportingSchedule(tx, schedule) };
}
