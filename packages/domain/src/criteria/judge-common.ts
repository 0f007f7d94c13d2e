import type { CompiledCriteriaSet, CompiledIndicator } from "./compile";
import { compareRatioMicro, ratioWithinMicro, toMicro } from "./numeric";
import { CURRENT, OUTCOME_OF_STATUS, S_MET, S_MISSING, S_NOT_MET, type Scratch } from "./scratch";
import type { ThresholdEntry, UnitProfileKey } from "./thresholds";
import type { IndicatorValue } from "./values";

/**
 * The roll-up's first pass (see `judgeCommon`): one year's thresholds for one profile as flat
 * arrays. An indicator's `how` holds the value kinds it takes here (YES_NO, NUMBER, RATIO; none
 * for one derived, with no threshold, or of levels) and, above them, its comparator mask
 * (`comparatorMask`).
 */
interface FlatThresholds {
  how: Uint8Array;
  /** The threshold in millionths; for a yes/no threshold, 1 when it asks for yes. */
  exact: Float64Array;
  fragileMicro: Float64Array;
}

const YES_NO = 1;
const NUMBER = 2;
const RATIO = 4;
const KINDS = 7;
const MASK_SHIFT = 3;

const flatByEntries = new WeakMap<readonly ThresholdEntry[], FlatThresholds>();

function flatThresholds(
  indicators: readonly CompiledIndicator[],
  entries: readonly ThresholdEntry[],
): FlatThresholds {
  let flat = flatByEntries.get(entries);
  if (flat) return flat;
  const n = indicators.length;
  flat = { how: new Uint8Array(n), exact: new Float64Array(n), fragileMicro: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const ci = indicators[i] as CompiledIndicator;
    const entry = entries[i] as ThresholdEntry;
    // Months of grace need no care here: a value of a period current without them is current
    // with them, and judged against the same year's threshold.
    const kinds =
      !ci.entered || !entry.known
        ? 0
        : ci.kind === "boolean"
          ? YES_NO
          : (ci.numeric ? NUMBER : 0) | (ci.percent ? RATIO : 0);
    flat.how[i] = kinds === 0 ? 0 : kinds | (ci.mask << MASK_SHIFT);
    flat.exact[i] = ci.kind === "boolean" ? (entry.value === true ? 1 : 0) : entry.exact;
    flat.fragileMicro[i] = entry.fragileMicro;
  }
  flatByEntries.set(entries, flat);
  return flat;
}

/**
 * Judges, for a roll-up, the entered indicators whose value is of the period most of the unit's
 * values share, when that period is current: yes/no, numbers and ratios against that year's
 * thresholds, read from flat arrays; and the entered indicators with no value at all. The rest
 * (another period, an end of validity of its own, not applicable, levels, no
 * threshold) goes to `scratch.queue` for the general loop in `judgeUnit`, which applies the same
 * rules and writes everything an explained verdict needs; a property test holds the two paths equal.
 * Writes the counts of what it judged; returns how many indicators it queued.
 */
export function judgeCommon(
  compiled: CompiledCriteriaSet,
  profile: UnitProfileKey,
  asOf: string,
  scratch: Scratch,
): number {
  const { order, enteredCount } = compiled;
  const { values: fetched, status, outcome, fragile, queue, notMet } = scratch;
  let queued = 0;
  let met = 0;
  let applicable = 0;
  let notMetCount = 0;
  let first: IndicatorValue | undefined;
  for (let o = 0; o < enteredCount && first === undefined; o++) first = fetched[order[o] as number];
  const period = first === undefined ? undefined : scratch.period(first.period, 0, undefined, asOf);
  if (first === undefined || period?.state !== CURRENT)
    for (let o = 0; o < enteredCount; o++) queue[queued++] = order[o] as number;
  else {
    const common = first.period;
    const { how, exact, fragileMicro } = flatThresholds(
      compiled.indicators,
      compiled.tables.entries(profile, period.year),
    );
    for (let o = 0; o < enteredCount; o++) {
      const i = order[o] as number;
      const takes = how[i] as number;
      const value = fetched[i];
      let s: number;
      if ((takes & KINDS) === 0) {
        queue[queued++] = i;
        continue;
      }
      if (value === undefined) s = S_MISSING;
      else {
        if (value.period !== common || value.validUntil !== undefined) {
          queue[queued++] = i;
          continue;
        }
        const kind = value.kind;
        // The sign of (value − threshold), exactly as `judgeUnit` computes it, then the mask.
        let sign: number;
        let near = false;
        if (kind === "number") {
          if ((takes & NUMBER) === 0) sign = 2;
          else {
            const d = toMicro((value as { value: number }).value) - (exact[i] as number);
            sign = d > 0 ? 1 : d < 0 ? -1 : 0;
            const margin = fragileMicro[i] as number;
            near = margin >= 0 && Math.abs(d) <= margin;
          }
        } else if (kind === "boolean") {
          if ((takes & YES_NO) === 0) sign = 2;
          else sign = (value as { value: boolean }).value === (exact[i] === 1) ? 0 : 1;
        } else if (kind === "ratio") {
          if ((takes & RATIO) === 0) sign = 2;
          else {
            const { numerator, denominator } = value as { numerator: number; denominator: number };
            const t = exact[i] as number;
            sign = compareRatioMicro(numerator, denominator, t);
            near = ratioWithinMicro(numerator, denominator, t, fragileMicro[i] as number);
          }
        } else {
          queue[queued++] = i;
          continue;
        }
        // A value of a kind the indicator does not take is missing (sign 2: no comparison).
        if (sign === 2) s = S_MISSING;
        else if (((takes >> (MASK_SHIFT + sign + 1)) & 1) === 1) {
          s = S_MET;
          if (near) fragile[i] = 1;
        } else s = S_NOT_MET;
      }
      status[i] = s;
      outcome[i] = OUTCOME_OF_STATUS[s] as number;
      applicable++;
      if (s === S_MET) met++;
      else if (s === S_NOT_MET) notMet[notMetCount++] = i;
    }
  }
  scratch.met = met;
  scratch.applicable = applicable;
  scratch.notMetCount = notMetCount;
  return queued;
}
