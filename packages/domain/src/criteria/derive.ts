import type { CompiledIndicator } from "./compile";
import {
  CURRENT,
  type MissingReason,
  type RelatedVerdicts,
  S_MET,
  S_NOT_APPLICABLE,
  S_NOT_MET,
  S_STALE,
  type Scratch,
  STALE,
} from "./scratch";
import type { IndicatorValue, UnitProfile } from "./values";

function earliest(values: IndicatorValue[]): string {
  let best: IndicatorValue | undefined;
  for (const v of values) if (!best || v.period < best.period) best = v;
  return best?.period ?? "";
}

/**
 * A value derived from children, other indicators or another set. A string says why there is
 * none: a missing reason, or "stale" when an input is past its validity.
 *
 * Inputs combine by one precedence, whatever their order: missing > stale > current. A missing
 * input decides at once; a stale one is remembered until every input has been seen.
 */
export function deriveValue(
  ci: CompiledIndicator,
  unit: UnitProfile,
  asOf: string,
  related: RelatedVerdicts | undefined,
  scratch: Scratch,
): IndicatorValue | MissingReason | "stale" | undefined {
  const source = ci.indicator.source;
  if (source.kind === "set_met") {
    const status = related?.[source.set]?.status;
    if (status !== "met" && status !== "not_met") return "related_set_unknown";
    return { kind: "boolean", value: status === "met", period: asOf.slice(0, 4) };
  }
  if (source.kind === "children") {
    const children = unit.children ?? [];
    const used: IndicatorValue[] = [];
    let stale = false;
    const numeric = source.aggregate !== "share_true" && source.aggregate !== "count_true";
    for (const child of children) {
      const v = child.values[source.indicator];
      if (v === undefined) return "children_missing";
      if (v.kind === "not_applicable") continue;
      const p = scratch.period(v.period, ci.graceMonths, v.validUntil, asOf);
      if (p.state === STALE) stale = true;
      else if (p.state !== CURRENT) return "children_missing";
      // A sum, min or max of something other than numbers is missing, which outranks a stale
      // child seen earlier; shares and counts of yes/no count anything else as "no".
      if (numeric && v.kind !== "number") return "children_missing";
      used.push(v);
    }
    if (children.length === 0) return "children_missing";
    if (stale) return "stale";
    const period = earliest(used);
    if (used.length === 0) return { kind: "not_applicable", period: asOf.slice(0, 4) };
    const truths = used.filter((v) => v.kind === "boolean" && v.value).length;
    if (source.aggregate === "share_true")
      return { kind: "ratio", numerator: truths, denominator: used.length, period };
    if (source.aggregate === "count_true") return { kind: "number", value: truths, period };
    const numbers = used.map((v) => (v as { value: number }).value);
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
    let stale = false;
    for (const k of ci.inputs) {
      const s = scratch.status[k];
      const v = scratch.values[k];
      if (s === S_STALE) stale = true;
      else if (source.op !== "count_met") {
        if (v === undefined || (v.kind !== "number" && v.kind !== "ratio")) return "inputs_missing";
        inputs.push(v);
      } else if (s !== S_MET && s !== S_NOT_MET && s !== S_NOT_APPLICABLE) return "inputs_missing";
    }
    if (stale) return "stale";
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
