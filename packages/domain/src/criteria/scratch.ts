import type { CompiledCriteriaSet } from "./compile";
import { MET, NOT_MET, type Outcome, SKIPPED, UNKNOWN } from "./rules";
import type { ThresholdEntry } from "./thresholds";
import { type IndicatorValue, periodStart, periodValidUntil, periodYear } from "./values";

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

export const OUTCOME_OF_STATUS: readonly Outcome[] = [
  MET,
  NOT_MET,
  UNKNOWN,
  UNKNOWN,
  UNKNOWN,
  SKIPPED,
];

/** Other sets' verdicts a set may depend on (`set_met`: kiểu mẫu requires nâng cao). */
export type RelatedVerdicts = Readonly<Record<string, { status: string } | undefined>>;

export interface PeriodInfo {
  start: string;
  until: string;
  year: number;
  /** The as-of date `state` was computed for; 0 current, 1 stale, 2 not yet begun. */
  asOf: string;
  state: number;
}

export const CURRENT = 0;
export const STALE = 1;
export const FUTURE = 2;

export class Scratch {
  readonly status: Uint8Array;
  readonly outcome: Uint8Array;
  readonly missingReason: Uint8Array;
  readonly fragile: Uint8Array;
  readonly values: Array<IndicatorValue | undefined>;
  readonly entries: Array<ThresholdEntry | undefined>;
  readonly validUntil: string[];
  /** Of the unit last judged: indicators met, and applicable (any status but not applicable). */
  met = 0;
  applicable = 0;
  /** Of the unit last judged: the indexes of the indicators not met, `notMetCount` of them. */
  readonly notMet: Int32Array;
  notMetCount = 0;
  /** Indicator indexes the general judging loop takes, in a roll-up (see judgeUnit). */
  readonly queue: Int32Array;
  /** By period, then by months of grace: no key string built (and hashed) per value. */
  private readonly periods = new Map<string, Map<number, PeriodInfo>>();
  private lastPeriod = "";
  private lastGrace = -1;
  private lastInfo: PeriodInfo | undefined;
  private lastAsOf = "";
  private lastAsOfYear = 0;

  /**
   * @param explains whether the explained evaluator reads this scratch: only it needs each
   * indicator's threshold entry, end of validity and missing reason, so a roll-up skips them.
   */
  constructor(
    n: number,
    readonly explains = true,
  ) {
    this.status = new Uint8Array(n);
    this.outcome = new Uint8Array(n);
    this.missingReason = new Uint8Array(n);
    this.fragile = new Uint8Array(n);
    this.values = new Array(n).fill(undefined);
    this.entries = new Array(n).fill(undefined);
    this.validUntil = new Array(n).fill("");
    this.notMet = new Int32Array(n);
    this.queue = new Int32Array(n);
  }

  /** The year of the as-of date; a roll-up asks it once per unit with the same date. */
  yearOf(asOf: string): number {
    if (asOf !== this.lastAsOf) {
      this.lastAsOf = asOf;
      this.lastAsOfYear = periodYear(asOf);
    }
    return this.lastAsOfYear;
  }

  /** Start, end of validity and state of a period as of a date, memoised. */
  period(
    period: string,
    graceMonths: number,
    validUntil: string | undefined,
    asOf: string,
  ): PeriodInfo {
    let info =
      period === this.lastPeriod && graceMonths === this.lastGrace ? this.lastInfo : undefined;
    if (!info) {
      let byGrace = this.periods.get(period);
      if (!byGrace) {
        byGrace = new Map();
        this.periods.set(period, byGrace);
      }
      info = byGrace.get(graceMonths);
      if (!info) {
        info = {
          start: periodStart(period),
          until: periodValidUntil(period, graceMonths),
          year: periodYear(period),
          asOf: "",
          state: CURRENT,
        };
        byGrace.set(graceMonths, info);
      }
    }
    this.lastPeriod = period;
    this.lastGrace = graceMonths;
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
