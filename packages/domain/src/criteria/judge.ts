import type { CompiledCriteriaSet, CompiledIndicator } from "./compile";
import { deriveValue } from "./derive";
import { judgeCommon } from "./judge-common";
import { compareRatioMicro, holds, ratioWithinMicro, toMicro } from "./numeric";
import {
  FUTURE,
  MISSING_REASONS,
  type MissingReason,
  OUTCOME_OF_STATUS,
  type PeriodInfo,
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
import type { IndicatorValue, UnitProfile, ValueMap } from "./values";

/**
 * Compares a current ratio or level value with a known threshold, or finds the value's kind
 * wrong: S_MET, S_NOT_MET or S_MISSING; sets `fragile[i]`. Yes/no and plain numbers, the common
 * kinds, are judged inline in `judgeUnit` by the same `holds` rule; this keeps that loop small.
 */
function judgeOther(
  ci: CompiledIndicator,
  value: IndicatorValue,
  kind: IndicatorValue["kind"],
  entry: ThresholdEntry,
  fragile: Uint8Array,
): number {
  let sign: number;
  let near = false;
  if (kind === "ratio") {
    if (!ci.percent) return S_MISSING;
    const { numerator, denominator } = value as { numerator: number; denominator: number };
    sign = compareRatioMicro(numerator, denominator, entry.exact);
    near = ratioWithinMicro(numerator, denominator, entry.exact, entry.fragileMicro);
  } else if (kind === "level") {
    const rank = ci.levelRank?.get((value as { value: string }).value);
    if (rank === undefined) return S_MISSING;
    sign = rank > entry.exact ? 1 : rank < entry.exact ? -1 : 0;
  } else return S_MISSING;
  if (!holds(ci.mask, sign)) return S_NOT_MET;
  if (near) fragile[ci.index] = 1;
  return S_MET;
}

/**
 * Judges every indicator of one unit into `scratch`: entered ones first, then derived ones in
 * dependency order.
 */
export function judgeUnit(
  compiled: CompiledCriteriaSet,
  unit: UnitProfile,
  values: ValueMap,
  asOf: string,
  related: RelatedVerdicts | undefined,
  scratch: Scratch,
): void {
  const profile = compiled.tables.profileOf(unit.attributes);
  const asOfYear = scratch.yearOf(asOf);
  let lastYear = asOfYear;
  let lastEntries = compiled.tables.entries(profile, asOfYear);
  let lastPeriod = "";
  let lastInfo: PeriodInfo | undefined;
  const { indicators, order } = compiled;
  const {
    status: statuses,
    outcome,
    missingReason,
    fragile,
    entries,
    validUntil,
    explains,
  } = scratch;
  // Fetch every entered value first: a tight loop of lookups lets the processor overlap their
  // cache misses, which the longer judging loops below would serialise.
  const { values: fetched } = scratch;
  const { enteredCount, enteredCodes } = compiled;
  for (let o = 0; o < enteredCount; o++)
    fetched[order[o] as number] = values[enteredCodes[o] as string];
  fragile.fill(0);
  // A roll-up judges the common case in a first pass and the rest here; explanations, all here.
  let list = order;
  let count = order.length;
  if (!explains) {
    const { queue } = scratch;
    count = judgeCommon(compiled, profile, asOf, scratch);
    for (let o = compiled.enteredCount; o < order.length; o++) queue[count++] = order[o] as number;
    list = queue;
  } else scratch.met = scratch.applicable = scratch.notMetCount = 0;
  let met = scratch.met;
  let applicable = scratch.applicable;
  let notMetCount = scratch.notMetCount;
  const notMet = scratch.notMet;
  for (let o = 0; o < count; o++) {
    const i = list[o] as number;
    const ci = indicators[i] as CompiledIndicator;
    let value: IndicatorValue | undefined;
    let missing: MissingReason | null = null;
    let staleInputs = false;
    if (ci.entered) value = fetched[i];
    else {
      const derived = deriveValue(ci, unit, asOf, related, scratch);
      if (derived === "stale") staleInputs = true;
      else if (typeof derived === "string") missing = derived;
      else value = derived;
    }
    if (!ci.entered) scratch.values[i] = value;
    let status: number;
    let entry: ThresholdEntry;
    if (value === undefined) {
      if (explains) validUntil[i] = "";
      status = staleInputs ? S_STALE : S_MISSING;
      if (!staleInputs) missing ??= "no_value";
      if (lastYear !== asOfYear) {
        lastYear = asOfYear;
        lastEntries = compiled.tables.entries(profile, asOfYear);
      }
      entry = lastEntries[i] as ThresholdEntry;
    } else {
      const kind = value.kind;
      const p = value.period;
      const until = value.validUntil;
      // Most values of a unit share one period: reuse it without a call.
      const period =
        p === lastPeriod && until === undefined && ci.graceMonths === 0
          ? (lastInfo as PeriodInfo)
          : scratch.period(p, ci.graceMonths, until, asOf);
      if (until === undefined && ci.graceMonths === 0) {
        lastPeriod = p;
        lastInfo = period;
      }
      if (period.year !== lastYear) {
        lastYear = period.year;
        lastEntries = compiled.tables.entries(profile, lastYear);
      }
      entry = lastEntries[i] as ThresholdEntry;
      if (explains) validUntil[i] = period.until;
      if (kind === "not_applicable") {
        status = ci.optional ? S_NOT_APPLICABLE : S_MISSING;
        if (!ci.optional) missing = "not_applicable_not_allowed";
      } else if (period.state === FUTURE) {
        status = S_MISSING;
        missing = "future_period";
      } else if (period.state === STALE) status = S_STALE;
      else if (!entry.known) status = S_NO_THRESHOLD;
      else {
        if (kind === "boolean" && ci.kind === "boolean")
          status = holds(ci.mask, (value as { value: boolean }).value === entry.value ? 0 : 1)
            ? S_MET
            : S_NOT_MET;
        else if (kind === "number" && ci.numeric) {
          const d = toMicro((value as { value: number }).value) - entry.exact;
          status = holds(ci.mask, d > 0 ? 1 : d < 0 ? -1 : 0) ? S_MET : S_NOT_MET;
          if (status === S_MET && entry.fragileMicro >= 0 && Math.abs(d) <= entry.fragileMicro)
            fragile[i] = 1;
        } else status = judgeOther(ci, value, kind, entry, fragile);
        if (status === S_MISSING) missing = "wrong_kind";
      }
    }
    statuses[i] = status;
    outcome[i] = OUTCOME_OF_STATUS[status] as number;
    // Counted here, where the status is at hand, so a roll-up need not read them all again.
    if (status === S_MET) met++;
    else if (status === S_NOT_MET) notMet[notMetCount++] = i;
    if (status !== S_NOT_APPLICABLE) applicable++;
    if (explains) {
      entries[i] = entry;
      missingReason[i] = missing ? MISSING_REASONS.indexOf(missing) : 0;
    }
  }
  scratch.met = met;
  scratch.applicable = applicable;
  scratch.notMetCount = notMetCount;
}
