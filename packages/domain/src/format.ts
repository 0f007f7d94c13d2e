import { vietnamDateTime } from "./dates";

/**
 * vi-VN display formats, one place for all apps: "7,46 %", "1.234", "19/05/2023".
 * Dates travel as ISO strings (YYYY-MM-DD); formatting never consults a clock.
 */

const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format;
}

/** 1234.5 → "1.234,5" */
export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return numberFormat(maximumFractionDigits).format(value);
}

/** A value already in percent (7.46 means 7,46 %) → "7,46 %". */
export function formatPercent(value: number, maximumFractionDigits = 2): string {
  return `${formatNumber(value, maximumFractionDigits)} %`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/u;

/** "2023-05-19" (or a full ISO timestamp) → "19/05/2023". */
export function formatDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

/**
 * An instant (a Date or an ISO timestamp from the API, in UTC) as the date in Vietnam:
 * "2023-05-19T18:30:00Z" → "20/05/2023". Stored timestamps are UTC; people read Vietnam's calendar.
 */
export function formatVietnamDate(instant: Date | string): string {
  return formatDate(vietnamDateTime(toInstant(instant)));
}

/** An instant as the date and time in Vietnam: "2023-05-19T18:30:00Z" → "20/05/2023 01:30". */
export function formatVietnamDateTime(instant: Date | string): string {
  const local = vietnamDateTime(toInstant(instant));
  return `${formatDate(local)} ${local.slice(11, 16)}`;
}

function toInstant(instant: Date | string): Date {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  return date;
}
