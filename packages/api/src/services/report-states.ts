import { type Executor, getReportingSchedule, listReportStates } from "@datchuan/db";
import { daysBetween, lastEndedPeriod, reportDueDate } from "@datchuan/domain";
import { DEFAULT_SCHEDULE } from "./commune-home";

/**
 * Who has reported what for a period in a subtree, with the due date (the 25th of the next
 * month unless the set's schedule says otherwise): missing and late reports first. The inbox's
 * list and the review report's "late and missing" paragraph read this one function.
 */
export async function reportStatesOf(
  db: Executor,
  params: { scopePath: string; setId: string; period?: string | undefined; asOf: string },
) {
  const schedule = (await getReportingSchedule(db, params.setId)) ?? DEFAULT_SCHEDULE;
  const { asOf } = params;
  const period = params.period ?? lastEndedPeriod(schedule.frequency, asOf);
  const dueDate = reportDueDate(period, schedule.dueDay);
  const states = await listReportStates(db, {
    scopePath: params.scopePath,
    level: "commune",
    setId: params.setId,
    period,
    asOf,
  });
  const rows = states.map((state) => {
    const sent = state.status === "submitted" || state.status === "accepted";
    const late = !sent && asOf > dueDate;
    return {
      ...state,
      period,
      dueDate,
      asOf,
      missing: state.reportId === null,
      late,
      daysLate: late ? daysBetween(dueDate, asOf) : 0,
    };
  });
  return rows.sort(
    (a, b) => Number(b.late) - Number(a.late) || Number(b.missing) - Number(a.missing),
  );
}
