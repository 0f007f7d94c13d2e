/**
 * Reading one CSV cell as officials type it. Pure functions: each returns undefined when the text
 * is not of the asked kind, and the caller turns that into a "bad row" message.
 */

/** NFC, trimmed, inner whitespace collapsed: "Đạt" typed with combining marks equals "Đạt". */
export function cleanCell(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

// With a comma the text is Vietnamese: dots group thousands ("1.234,5"). Without one, several
// dots are thousands groups ("1.234.567") and a single dot is a decimal point ("95.5") — except
// "1.234", which a Vietnamese reader takes for 1234 and a spreadsheet for 1.234: it is refused.
const AMBIGUOUS = /^[-+]?[1-9]\d{0,2}\.\d{3}$/u;
const VI_NUMBER = /^[-+]?\d{1,3}(\.\d{3})*(,\d+)?$|^[-+]?\d+(,\d+)?$/u;
const DOT_THOUSANDS = /^[-+]?\d{1,3}(\.\d{3}){2,}$/u;
const DOT_DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/u;

function compactNumber(text: string): string {
  return cleanCell(text)
    .replace(/\s*%$/u, "")
    .replace(/[\s\u00a0]/gu, "");
}

/** True for "1.234": one thousand two hundred and thirty-four, or one point two three four? */
export function isAmbiguousNumber(text: string): boolean {
  return AMBIGUOUS.test(compactNumber(text));
}

/** "95.5", "95,5", "1.234,5", "1.234.567", "80 %" → a finite number; anything else → undefined. */
export function parseNumberCell(text: string): number | undefined {
  const cell = compactNumber(text);
  if (cell === "" || AMBIGUOUS.test(cell)) return undefined;
  let normalised: string | undefined;
  if (cell.includes(",")) {
    if (VI_NUMBER.test(cell)) normalised = cell.replace(/\./gu, "").replace(",", ".");
  } else if (DOT_THOUSANDS.test(cell)) {
    normalised = cell.replace(/\./gu, "");
  } else if (DOT_DECIMAL.test(cell)) {
    normalised = cell;
  }
  if (normalised === undefined) return undefined;
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

const TRUE_WORDS = new Set(["true", "đạt", "có", "yes", "1"]);
const FALSE_WORDS = new Set(["false", "không đạt", "chưa đạt", "không", "no", "0"]);

/** true/false, đạt/không đạt (chưa đạt), có/không, in any case → boolean; else undefined. */
export function parseBooleanCell(text: string): boolean | undefined {
  const cell = cleanCell(text).toLocaleLowerCase("vi-VN");
  if (TRUE_WORDS.has(cell)) return true;
  if (FALSE_WORDS.has(cell)) return false;
  return undefined;
}

export type RatioCell = { numerator: number; denominator: number };

/** "45/50" or "1.234/2.000" → the two numbers; the denominator must be positive. */
export function parseRatioCell(text: string): RatioCell | undefined {
  const parts = cleanCell(text).split("/");
  if (parts.length !== 2) return undefined;
  const numerator = parseNumberCell(parts[0] ?? "");
  const denominator = parseNumberCell(parts[1] ?? "");
  if (numerator === undefined || denominator === undefined || denominator <= 0 || numerator < 0) {
    return undefined;
  }
  return { numerator, denominator };
}

export type PeriodCell =
  | { kind: "year"; year: number }
  | { kind: "quarter"; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: "month"; year: number; month: number };

const PERIOD = /^(\d{4})(?:-(?:[Qq]([1-4])|(\d{2})))?$/u;

/** "2024", "2024-Q2", "2024-07" → a period; "2024-13", "2024-Q5" → undefined. */
export function parsePeriodCell(text: string): PeriodCell | undefined {
  const match = PERIOD.exec(cleanCell(text));
  if (!match) return undefined;
  const year = Number(match[1]);
  if (match[2] !== undefined)
    return { kind: "quarter", year, quarter: Number(match[2]) as 1 | 2 | 3 | 4 };
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    return month >= 1 && month <= 12 ? { kind: "month", year, month } : undefined;
  }
  return { kind: "year", year };
}

/** The canonical text of a period: "2024", "2024-Q2", "2024-07". */
export function formatPeriodCell(period: PeriodCell): string {
  switch (period.kind) {
    case "year":
      return String(period.year);
    case "quarter":
      return `${period.year}-Q${period.quarter}`;
    case "month":
      return `${period.year}-${String(period.month).padStart(2, "0")}`;
  }
}

/** Level labels compare without case or tone-mark variants ("Mức độ 2" = "mức độ 2"). */
export function matchLevelCell(text: string, levels: readonly string[]): string | undefined {
  const key = cleanCell(text).toLocaleLowerCase("vi-VN");
  return levels.find((level) => cleanCell(level).toLocaleLowerCase("vi-VN") === key);
}
