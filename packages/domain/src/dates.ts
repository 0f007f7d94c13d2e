/**
 * Calendar dates as the offices keep them. "Today" is a date in Vietnam, derived from an instant
 * the caller passes in (the server's one injected clock): the domain itself never reads a clock.
 */

/** Vietnam keeps UTC+7 all year (no daylight saving since 1975), so one offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * The ISO date in Vietnam (Asia/Ho_Chi_Minh) at an instant: 2025-01-25T17:00Z is already the
 * 26th there, so a report due on the 25th is late from midnight in Vietnam, not 07:00.
 */
export function vietnamDate(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The wall-clock date and minute in Vietnam at an instant, as "YYYY-MM-DDTHH:MM": when a bulletin
 * published at 2023-05-19T18:30Z shows, the office saw it as 20/05/2023 01:30, not the 19th.
 */
export function vietnamDateTime(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

/** An ISO date moved by whole days (negative: earlier). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
