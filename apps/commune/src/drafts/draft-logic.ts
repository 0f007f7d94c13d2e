import {
  entryProblem,
  formatEntryNumber,
  type Indicator,
  type IndicatorValue,
  parseVietnameseNumber,
} from "@datchuan/domain";

/**
 * What the clerk typed for one indicator, kept as typed (text, not numbers) so a reload shows
 * exactly it: `a` is the value or the numerator, `b` the denominator, `na` "không áp dụng".
 */
export interface DraftFields {
  a: string;
  b: string;
  na: boolean;
  note: string;
}

/** Where a draft stands: waiting to be sent, refused by the server, or in conflict with it. */
export type DraftState = "pending" | "conflict" | "refused";

/** A stored value as the server returned it (the part a draft compares with). */
export interface ServerValue {
  id: string;
  indicatorCode: string;
  value: IndicatorValue;
  evidenceNote: string | null;
  reviewStatus: string;
  returnReason: string | null;
  rowVersion: number;
}

/** One indicator's unsent change, as kept in IndexedDB. */
export interface Draft {
  key: string;
  user: string;
  unit: string;
  set: string;
  period: string;
  indicator: string;
  fields: DraftFields;
  /** The row version of the server's value when editing began; null when there was none. */
  baseRowVersion: number | null;
  state: DraftState;
  /** Bumped on every change, so a save that answers late does not drop a newer keystroke. */
  revision: number;
  /** The server's value at a conflict ("theirs"), or the refusal's message. */
  theirs?: ServerValue | null;
  message?: string;
}

export interface DraftScope {
  user: string;
  unit: string;
  set: string;
  period: string;
}

/** One key per (user, unit, set, period, indicator): nobody's draft shows to another user. */
export function draftKey(scope: DraftScope, indicator: string): string {
  return [scope.user, scope.unit, scope.set, scope.period, indicator].join("|");
}

/** The key prefix of every draft of one report for one user. */
export function scopePrefix(scope: DraftScope): string {
  return `${[scope.user, scope.unit, scope.set, scope.period].join("|")}|`;
}

export const EMPTY_FIELDS: DraftFields = { a: "", b: "", na: false, note: "" };

/** The fields that show a stored value (numbers back in vi-VN form). */
export function fieldsOf(value: IndicatorValue | null, note: string | null): DraftFields {
  const fields = { ...EMPTY_FIELDS, note: note ?? "" };
  if (!value) return fields;
  switch (value.kind) {
    case "boolean":
      return { ...fields, a: value.value ? "true" : "false" };
    case "number":
      return { ...fields, a: formatEntryNumber(value.value) };
    case "ratio":
      return {
        ...fields,
        a: formatEntryNumber(value.numerator),
        b: formatEntryNumber(value.denominator),
      };
    case "level":
      return { ...fields, a: value.value };
    case "not_applicable":
      return { ...fields, na: true };
  }
}

/** What typed fields come to: a value the server would take, nothing yet, or why not. */
export type ReadFields =
  | { kind: "value"; value: IndicatorValue; note: string | null }
  | { kind: "empty" }
  | { kind: "problem"; field: "a" | "b"; message: string };

/**
 * Reads typed fields as the indicator's value for the period, refusing what the server would
 * refuse with the server's own sentence (`entryProblem`), and text that is not a number.
 */
export function readFields(indicator: Indicator, fields: DraftFields, period: string): ReadFields {
  const note = fields.note.trim() === "" ? null : fields.note.trim();
  let value: IndicatorValue;
  if (fields.na) value = { kind: "not_applicable", period };
  else if (indicator.kind === "boolean") {
    if (fields.a === "") return { kind: "empty" };
    value = { kind: "boolean", period, value: fields.a === "true" };
  } else if (indicator.kind === "level") {
    if (fields.a === "") return { kind: "empty" };
    value = { kind: "level", period, value: fields.a };
  } else if (indicator.kind === "ratio") {
    if (fields.a.trim() === "" && fields.b.trim() === "") return { kind: "empty" };
    const numerator = parseVietnameseNumber(fields.a);
    if (!numerator.ok) return { kind: "problem", field: "a", message: numerator.message };
    const denominator = parseVietnameseNumber(fields.b);
    if (!denominator.ok) return { kind: "problem", field: "b", message: denominator.message };
    if (numerator.value < 0)
      return { kind: "problem", field: "a", message: "Tử số không thể là số âm." };
    if (denominator.value <= 0)
      return { kind: "problem", field: "b", message: "Mẫu số phải lớn hơn 0." };
    value = { kind: "ratio", period, numerator: numerator.value, denominator: denominator.value };
  } else {
    if (fields.a.trim() === "") return { kind: "empty" };
    const number = parseVietnameseNumber(fields.a);
    if (!number.ok) return { kind: "problem", field: "a", message: number.message };
    value = { kind: "number", period, value: number.value };
  }
  const problem = entryProblem(indicator, value);
  if (problem) return { kind: "problem", field: "a", message: problem };
  return { kind: "value", value, note };
}

/** Whether two values say the same (period included), whatever the key order. */
export function sameValue(a: IndicatorValue | null, b: IndicatorValue | null): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/**
 * What to do with a kept draft once the server's current value is known: drop it when the
 * server already holds it (sent before the tab closed), keep it otherwise. A draft begun on an
 * older version than the server's now is a conflict: someone else saved in between.
 */
export function reconcile(
  draft: Draft,
  server: ServerValue | null,
  read: ReadFields,
): "drop" | "keep" | "conflict" {
  if (read.kind === "value" && server && sameValue(read.value, server.value))
    return (read.note ?? null) === (server.evidenceNote ?? null) ? "drop" : "keep";
  const serverVersion = server?.rowVersion ?? null;
  if (draft.state === "conflict") return "conflict";
  return serverVersion === draft.baseRowVersion ? "keep" : "conflict";
}
