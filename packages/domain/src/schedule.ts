/**
 * Reporting schedules (lịch báo cáo): a set's report is due by month, quarter or year. (An
 * indicator's own frequency, in the set, says how often its value changes; yearly figures are
 * filed in yearly reports whatever the schedule.)
 */
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
