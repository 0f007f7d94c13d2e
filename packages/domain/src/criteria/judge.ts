import type { CompiledCriteriaSet, CompiledIndicator } from "./compile";
import { deriveValue } from "./derive";
import { compareRatio, holds, MICRO, toMicro } from "./numeric";
import {
  FUTURE,
  MISSING_REASONS,
  type MissingReason,
  OUTCOME_OF_STATUS,
  type RelatedVerdicts,
  S_MET,
  S_MISSING,
  S_NO_THRESHOLD,
  S_NOT_APPLICABLE,
  S_NOT_MET,
  S_STALE,
  type Scratch,
  STALE,
} from "./scratch";
import type { ThresholdEntry } from "./thresholds";
import { type IndicatorValue, periodYear, type UnitProfile, type ValueMap } from "./values";

const HUNDRED_MICRO = 100 * MICRO;

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
    let staleInputs = false;
    if (ci.entered) value = values[ci.code];
    else {
      const derived = deriveValue(ci, unit, asOf, related, scratch);
      if (derived === "stale") staleInputs = true;
      else if (typeof derived === "string") missing = derived;
      else value = derived;
    }
    scratch.values[i] = value;
    fragile[i] = 0;
    let status: number;
    let entry: ThresholdEntry;
    if (value === undefined) {
      validUntil[i] = "";
      status = staleInputs ? S_STALE : S_MISSING;
      if (!staleInputs) missing ??= "no_value";
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
