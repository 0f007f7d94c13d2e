import type { CompiledCriteriaSet } from "./compile";
import type { CriteriaSet, ReportingFrequency } from "./model";
import { type IndicatorValue, periodStart, periodValidUntil } from "./values";

/** One dated figure of a unit: an indicator's value for one period. */
export interface Observation {
  indicator: string;
  value: IndicatorValue;
}

/** The frequency a period is written in: "2024" yearly, "2024-Q2" quarterly, "2024-05" monthly. */
export function periodFrequency(period: string): ReportingFrequency {
  if (period.length === 4) return "yearly";
  return period[5] === "Q" ? "quarterly" : "monthly";
}

interface Candidate {
  value: IndicatorValue;
  valid: boolean;
  usual: boolean;
  start: string;
  until: string;
}

/** Whether `a` is to be preferred to `b`: still valid, then usual frequency, then latest. */
function outranks(a: Candidate, b: Candidate): boolean {
  if (a.valid !== b.valid) return a.valid;
  if (a.usual !== b.usual) return a.usual;
  if (a.start !== b.start) return a.start > b.start;
  return a.until > b.until;
}

/**
 * A unit's standing on a date: of its dated values for several periods, the one in force for
 * each indicator on `asOf`. Periods that begin after `asOf` are ignored. Among the rest, a value
 * still valid on `asOf` (its period's end plus the indicator's grace months, or the value's own
 * `validUntil`) comes first; then one written in the indicator's reporting frequency (yearly
 * unless the set says otherwise: the year 2024 over 2024-Q3 for a yearly indicator, 2024-06 over
 * the year 2024 for a monthly one); then the latest period. When no value is valid any more the
 * best expired one is kept, so the evaluator reports it `stale` rather than `missing`.
 *
 * With `{ of: "children" }` the observations are a child unit's (a village's), keyed by the
 * children's indicator codes, and follow the frequency and grace of the indicator derived from
 * them. Pass the compiled set for an adapted set, so the parent's indicators are known;
 * indicators the set does not have are treated as yearly without grace.
 */
export function valuesInForce(
  set: CriteriaSet | CompiledCriteriaSet,
  observations: Iterable<Observation>,
  asOf: string,
  options: { of?: "unit" | "children" } = {},
): Record<string, IndicatorValue> {
  const criteria = "compiled" in set ? set.set.criteria : set.criteria;
  const rules = new Map<string, { frequency: ReportingFrequency; graceMonths: number }>();
  for (const criterion of criteria)
    for (const indicator of criterion.indicators) {
      const code =
        options.of !== "children"
          ? indicator.code
          : indicator.source.kind === "children"
            ? indicator.source.indicator
            : undefined;
      if (code !== undefined && !rules.has(code))
        rules.set(code, {
          frequency: indicator.frequency ?? "yearly",
          graceMonths: indicator.validity?.graceMonths ?? 0,
        });
    }
  const best = new Map<string, Candidate>();
  for (const { indicator, value } of observations) {
    const start = periodStart(value.period);
    if (start > asOf) continue;
    const rule = rules.get(indicator);
    const until = value.validUntil ?? periodValidUntil(value.period, rule?.graceMonths ?? 0);
    const candidate: Candidate = {
      value,
      valid: until >= asOf,
      usual: periodFrequency(value.period) === (rule?.frequency ?? "yearly"),
      start,
      until,
    };
    const current = best.get(indicator);
    if (!current || outranks(candidate, current)) best.set(indicator, candidate);
  }
  const inForce: Record<string, IndicatorValue> = {};
  for (const [indicator, candidate] of best) inForce[indicator] = candidate.value;
  return inForce;
}
