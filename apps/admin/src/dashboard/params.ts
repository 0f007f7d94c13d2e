import { vietnamDate } from "@datchuan/domain";

/** What the dashboard shows: a unit with communes under it, a date, a set, maybe a date before. */
export interface DashboardParams {
  unitCode: string | null;
  /** A cluster of the unit's (a former district…) to review instead of all its communes. */
  clusterId: string | null;
  asOf: string;
  setId: string;
  since: string | null;
  /** Also the newest unsigned verdicts (drafts, submitted): for those who may read drafts. */
  working: boolean;
}

export const DEFAULT_SET = "ntm-xa-2021-2025";
const ISO = /^\d{4}-\d{2}-\d{2}$/u;

/** Today in Vietnam: the date a review reads when none is asked for. */
export function todayInVietnam(): string {
  return vietnamDate(new Date());
}

/** "19/05/2023" → "2023-05-19"; null when it is not a real date. */
export function parseVietnameseDate(text: string): string | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})\s*$/u.exec(text);
  if (!match) return null;
  const [, d, m, y] = match;
  const iso = `${y}-${m!.padStart(2, "0")}-${d!.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The parameters live in the address (?don-vi=…&cum=…&ngay=…&bo=…&tu-ngay=…): shareable, and the
 * presentation view opens on the same review. */
export function readParams(search: URLSearchParams): DashboardParams {
  const asOf = search.get("ngay");
  const since = search.get("tu-ngay");
  return {
    unitCode: search.get("don-vi") || null,
    clusterId: search.get("cum") || null,
    asOf: asOf && ISO.test(asOf) ? asOf : todayInVietnam(),
    setId: search.get("bo") || DEFAULT_SET,
    since: since && ISO.test(since) ? since : null,
    working: search.get("nhap") === "1",
  };
}

export function writeParams(params: DashboardParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.unitCode) search.set("don-vi", params.unitCode);
  if (params.clusterId) search.set("cum", params.clusterId);
  search.set("ngay", params.asOf);
  search.set("bo", params.setId);
  if (params.since) search.set("tu-ngay", params.since);
  if (params.working) search.set("nhap", "1");
  return search;
}

/**
 * The dates a progress chart reads: the end of each half-year before `asOf` (30/6, 31/12),
 * `count - 1` of them, then `asOf` itself, oldest first.
 */
export function progressDates(asOf: string, count = 6): string[] {
  const before: string[] = [];
  for (let year = Number(asOf.slice(0, 4)); before.length < count - 1; year--)
    for (const end of [`${year}-12-31`, `${year}-06-30`])
      if (end < asOf && before.length < count - 1) before.push(end);
  return [...before.reverse(), asOf];
}
