/**
 * Reporting schedules (lịch báo cáo): a set's report is due by month, quarter or year. (An
 * indicator's own frequency, in the set, says how often its value changes; yearly figures are
 * filed in yearly reports whatever the schedule.)
 */
import { periodValidUntil } from "./criteria/values";
import { addDays } from "./dates";

export type ScheduleFrequency = "month" | "quarter" | "year";

/** The last period of `frequency` that ended before `today` (an ISO date): the one now reported. */
export function lastEndedPeriod(frequency: ScheduleFrequency, today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (frequency === "year") return String(year - 1);
  if (frequency === "quarter") {
    const quarter = Math.ceil(month / 3) - 1;
    return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
  }
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

/** The period of `frequency` that contains `day` (an ISO date). */
export function periodContaining(frequency: ScheduleFrequency, day: string): string {
  if (frequency === "year") return day.slice(0, 4);
  if (frequency === "quarter")
    return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
  return day.slice(0, 7);
}

/**
 * The period reported under a set on `today`: the last ended period, but only one the set
 * judges — a period is judged by the set in force on its last day, as the entry page chooses.
 * Once the set has ended its last period stays the one shown (later ones belong to the set in
 * force then); before it begins, its first period is the next one due.
 */
export function periodReportedUnder(
  frequency: ScheduleFrequency,
  today: string,
  effective: { from: string; to?: string | null },
): string {
  let period = lastEndedPeriod(frequency, today);
  if (effective.to && periodValidUntil(period) > effective.to)
    period = lastEndedPeriod(frequency, addDays(effective.to, 1));
  if (periodValidUntil(period) < effective.from)
    period = periodContaining(frequency, effective.from);
  return period;
}
