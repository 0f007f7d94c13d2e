import type { CompiledCriteriaSet, CompiledIndicator } from "./compile";
import { compareRatio, holds, MICRO, toMicro } from "./numeric";

const HUNDRED_MICRO = 100 * MICRO;

import { MET, NOT_MET, type Outcome, SKIPPED, UNKNOWN } from "./rules";
import type { ThresholdEntry } from "./thresholds";
import {
  type IndicatorValue,
  periodStart,
  periodValidUntil,
  periodYear,
  type UnitProfile,
  type ValueMap,
} from "./values";

/**
 * The judging core shared by the explained evaluator and the fast roll-up path: for one unit it
 * fills flat arrays (status, value used, threshold entry) without building verdict objects.
 */

export const S_MET = 0;
export const S_NOT_MET = 1;
export const S_MISSING = 2;
export const S_STALE = 3;
export const S_NO_THRESHOLD = 4;
export const S_NOT_APPLICABLE = 5;

/** Why a value counts as missing. */
export type MissingReason =
  | "no_value"
  | "future_period"
  | "wrong_kind"
  | "not_applicable_not_allowed"
  | "inputs_missing"
  | "children_missing"
  | "related_set_unknown";
export const MISSING_REASONS: readonly MissingReason[] = [
  "no_value",
  "future_period",
  "wrong_kind",
  "not_applicable_not_allowed",
  "inputs_missing",
  "children_missing",
  "related_set_unknown",
];

const OUTCOME_OF_STATUS: readonly Outcome[] = [MET, NOT_MET, UNKNOWN, UNKNOWN, UNKNOWN, SKIPPED];

/** Other sets' verdicts a set may depend on (`set_met`: kiểu mẫu requires nâng cao). */
export type RelatedVerdicts = Readonly<Record<string, { status: string } | undefined>>;

interface PeriodInfo {
  start: string;
  until: string;
  year: number;
  /** The as-of date `state` was computed for; 0 current, 1 stale, 2 not yet begun. */
  asOf: string;
  state: number;
}

const CURRENT = 0;
const STALE = 1;
const FUTURE = 2;

export class Scratch {
  readonly status: Uint8Array;
  readonly outcome: Uint8Array;
  readonly missingReason: Uint8Array;
  readonly fragile: Uint8Array;
  readonly values: Array<IndicatorValue | undefined>;
  readonly entries: Array<ThresholdEntry | undefined>;
  readonly validUntil: string[];
  private readonly periods = new Map<string, PeriodInfo>();
  private lastKey = "";
  private lastInfo: PeriodInfo | undefined;

  constructor(n: number) {
    this.status = new Uint8Array(n);
    this.outcome = new Uint8Array(n);
    this.missingReason = new Uint8Array(n);
    this.fragile = new Uint8Array(n);
    this.values = new Array(n).fill(undefined);
    this.entries = new Array(n).fill(undefined);
    this.validUntil = new Array(n).fill("");
  }

  /** Start, end of validity and state of a period as of a date, memoised. */
  period(
    period: string,
    graceMonths: number,
    validUntil: string | undefined,
    asOf: string,
  ): PeriodInfo {
    const key = graceMonths === 0 ? period : `${period}+${graceMonths}`;
    let info = key === this.lastKey ? this.lastInfo : this.periods.get(key);
    if (!info) {
      info = {
        start: periodStart(period),
        until: periodValidUntil(period, graceMonths),
        year: periodYear(period),
        asOf: "",
        state: CURRENT,
      };
      this.periods.set(key, info);
    }
    this.lastKey = key;
    this.lastInfo = info;
    if (validUntil !== undefined) {
      const until = validUntil;
      const state = info.start > asOf ? FUTURE : until < asOf ? STALE : CURRENT;
      return { ...info, until, asOf, state };
    }
    if (info.asOf !== asOf) {
      info.asOf = asOf;
      info.state = info.start > asOf ? FUTURE : info.until < asOf ? STALE : CURRENT;
    }
    return info;
  }
}

const scratches = new WeakMap<CompiledCriteriaSet, Scratch>();

export function scratchFor(compiled: CompiledCriteriaSet): Scratch {
  let scratch = scratches.get(compiled);
  if (!scratch) {
    scratch = new Scratch(compiled.indicators.length);
    scratches.set(compiled, scratch);
  }
  return scratch;
}

/**
 * Compares a current value with a known threshold: S_MET, S_NOT_MET or S_MISSING (wrong kind),
 * setting `fragile[i]`. The value's fields are read once each: value shapes differ by kind, and
 * repeated reads of a many-shaped object are what would make this loop slow.
 */
function judgeValue(
  ci: CompiledIndicator,
  value: IndicatorValue,
  kind: IndicatorValue["kind"],
  entry: ThresholdEntry,
  fragile: Uint8Array,
): number {
  let sign: number;
  let near = false;
  if (kind === "number" || kind === "ratio") {
    if (!ci.numeric) return S_MISSING;
    if (kind === "number") {
      const d = toMicro((value as { value: number }).value) - entry.exact;
      sign = d > 0 ? 1 : d < 0 ? -1 : 0;
      near = entry.fragileMicro >= 0 && Math.abs(d) <= entry.fragileMicro;
    } else {
      if (!ci.percent) return S_MISSING;
      const { numerator, denominator } = value as { numerator: number; denominator: number };
      sign = compareRatio(numerator, denominator, entry.applied.value as number);
      near =
        entry.fragileMicro >= 0 &&
        Math.abs(numerator * HUNDRED_MICRO - entry.exact * denominator) <=
          entry.fragileMicro * denominator;
    }
  } else if (kind === "boolean") {
    if (ci.kind !== "boolean") return S_MISSING;
    sign = (value as { value: boolean }).value === entry.applied.value ? 0 : 1;
  } else if (kind === "level") {
    const rank = ci.levelRank?.get((value as { value: string }).value);
    if (rank === undefined) return S_MISSING;
    sign = rank > entry.exact ? 1 : rank < entry.exact ? -1 : 0;
  } else return S_MISSING;
  if (!holds(ci.mask, sign)) return S_NOT_MET;
  if (near) fragile[ci.index] = 1;
  return S_MET;
}

/** Judges every indicator of one unit into `scratch`, in dependency order. */
export function judgeUnit(
  compiled: CompiledCriteriaSet,
  unit: UnitProfile,
  values: ValueMap,
  asOf: string,
  related: RelatedVerdicts | undefined,
  scratch: Scratch,
): void {
  const profile = compiled.tables.profileOf(unit.attributes);
  const asOfYear = periodYear(asOf);
  let lastYear = asOfYear;
  let lastEntries = compiled.tables.entries(profile, asOfYear);
  const { indicators, order } = compiled;
  const { status: statuses, outcome, missingReason, fragile, entries, validUntil } = scratch;
  for (let o = 0; o < order.length; o++) {
    const i = order[o] as number;
    const ci = indicators[i] as CompiledIndicator;
    let value: IndicatorValue | undefined;
    let missing: MissingReason | null = null;
    if (ci.entered) value = values[ci.code];
    else {
      const derived = deriveValue(ci, unit, asOf, related, scratch);
      if (typeof derived === "string") missing = derived;
      else value = derived;
    }
    scratch.values[i] = value;
    fragile[i] = 0;
    let status: number;
    let entry: ThresholdEntry;
    if (value === undefined) {
      status = missing === "inputs_missing" && validUntil[i] === "stale" ? S_STALE : S_MISSING;
      missing ??= "no_value";
      if (lastYear !== asOfYear) {
        lastYear = asOfYear;
        lastEntries = compiled.tables.entries(profile, asOfYear);
      }
      entry = lastEntries[i] as ThresholdEntry;
    } else {
      const kind = value.kind;
      const period = scratch.period(value.period, ci.graceMonths, value.validUntil, asOf);
      if (period.year !== lastYear) {
        lastYear = period.year;
        lastEntries = compiled.tables.entries(profile, lastYear);
      }
      entry = lastEntries[i] as ThresholdEntry;
      validUntil[i] = period.until;
      if (kind === "not_applicable") {
        status = ci.optional ? S_NOT_APPLICABLE : S_MISSING;
        if (!ci.optional) missing = "not_applicable_not_allowed";
      } else if (period.state === FUTURE) {
        status = S_MISSING;
        missing = "future_period";
      } else if (period.state === STALE) status = S_STALE;
      else if (!entry.known) status = S_NO_THRESHOLD;
      else {
        // Yes/no is the commonest kind; judged inline, the rest in judgeValue.
        if (kind === "boolean" && ci.kind === "boolean")
          status = holds(ci.mask, value.value === entry.applied.value ? 0 : 1) ? S_MET : S_NOT_MET;
        else status = judgeValue(ci, value, kind, entry, fragile);
        if (status === S_MISSING) missing = "wrong_kind";
      }
    }
    entries[i] = entry;
    statuses[i] = status;
    outcome[i] = OUTCOME_OF_STATUS[status] as number;
    missingReason[i] = missing ? MISSING_REASONS.indexOf(missing) : 0;
  }
}

function earliest(values: IndicatorValue[]): string {
  let best: IndicatorValue | undefined;
  for (const v of values) if (!best || v.period < best.period) best = v;
  return best?.period ?? "";
}

/** A value derived from children, other indicators or another set; a string says why not. */
function deriveValue(
  ci: CompiledIndicator,
  unit: UnitProfile,
  asOf: string,
  related: RelatedVerdicts | undefined,
  scratch: Scratch,
): IndicatorValue | MissingReason | undefined {
  const source = ci.indicator.source;
  scratch.validUntil[ci.index] = "";
  if (source.kind === "set_met") {
    const status = related?.[source.set]?.status;
    if (status !== "met" && status !== "not_met") return "related_set_unknown";
    return { kind: "boolean", value: status === "met", period: asOf.slice(0, 4) };
  }
  if (source.kind === "children") {
    const children = unit.children ?? [];
    const used: IndicatorValue[] = [];
    for (const child of children) {
      const v = child.values[source.indicator];
      if (v === undefined) return "children_missing";
      if (v.kind === "not_applicable") continue;
      const p = scratch.period(v.period, ci.graceMonths, v.validUntil, asOf);
      if (p.state !== CURRENT) return "children_missing";
      used.push(v);
    }
    if (children.length === 0) return "children_missing";
    const period = earliest(used);
    if (used.length === 0) return { kind: "not_applicable", period: asOf.slice(0, 4) };
    const truths = used.filter((v) => v.kind === "boolean" && v.value).length;
    if (source.aggregate === "share_true")
      return { kind: "ratio", numerator: truths, denominator: used.length, period };
    if (source.aggregate === "count_true") return { kind: "number", value: truths, period };
    const numbers = used.map((v) => (v.kind === "number" ? v.value : Number.NaN));
    if (numbers.some(Number.isNaN)) return "children_missing";
    const value =
      source.aggregate === "sum"
        ? numbers.reduce((a, b) => a + b, 0)
        : source.aggregate === "min"
          ? Math.min(...numbers)
          : Math.max(...numbers);
    return { kind: "number", value, period };
  }
  if (source.kind === "indicators") {
    const inputs: IndicatorValue[] = [];
    for (const k of ci.inputs) {
      const s = scratch.status[k];
      const v = scratch.values[k];
      if (source.op !== "count_met") {
        if (s === S_STALE) scratch.validUntil[ci.index] = "stale";
        if (s === S_STALE || v === undefined || (v.kind !== "number" && v.kind !== "ratio"))
          return "inputs_missing";
        inputs.push(v);
      } else if (s !== S_MET && s !== S_NOT_MET && s !== S_NOT_APPLICABLE) return "inputs_missing";
    }
    const period = earliest(inputs) || asOf.slice(0, 4);
    if (source.op === "count_met") {
      const met = ci.inputs.filter((k) => scratch.status[k] === S_MET).length;
      return { kind: "number", value: met, period };
    }
    const numbers = inputs.map((v) =>
      v.kind === "number" ? v.value : v.kind === "ratio" ? (v.numerator * 100) / v.denominator : 0,
    );
    if (source.op === "ratio") {
      const [numerator = 0, denominator = 0] = numbers;
      if (denominator <= 0) return "inputs_missing";
      return { kind: "ratio", numerator, denominator, period };
    }
    const value =
      source.op === "sum"
        ? numbers.reduce((a, b) => a + b, 0)
        : source.op === "min"
          ? Math.min(...numbers)
          : Math.max(...numbers);
    return { kind: "number", value, period };
  }
  return undefined;
}
