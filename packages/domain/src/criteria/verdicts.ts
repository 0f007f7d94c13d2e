import { formatNumber } from "../format";
import type { Comparator, Indicator } from "./model";
import { exactDistance, ratioCountGap, wantsMore } from "./numeric";
import type { MissingReason } from "./scratch";
import { type AppliedThreshold, formatIndicatorQuantity } from "./thresholds";
import type { IndicatorValue } from "./values";

/** The six indicator verdicts, exactly. */
export const indicatorStatuses = [
  "met",
  "not_met",
  "missing",
  "stale",
  "no_threshold",
  "not_applicable",
] as const;
export type IndicatorStatus = (typeof indicatorStatuses)[number];

/** Criterion and set verdicts: `undetermined` when missing data could still change the outcome. */
export type RuleStatus = "met" | "not_met" | "undetermined" | "not_applicable";

/** How far a failing indicator is from its threshold, in natural units, with a sentence. */
export type Gap =
  | {
      /** Ratio indicators: counted things to add or remove, denominator unchanged. */
      kind: "count";
      direction: "more" | "fewer";
      amount: number;
      label: string;
      percentagePoints: number;
      text: string;
    }
  | { kind: "percentage_points"; direction: "more" | "fewer"; amount: number; text: string }
  | {
      kind: "quantity";
      direction: "more" | "fewer";
      amount: number;
      unitOfMeasure: string;
      text: string;
    }
  | { kind: "level"; required: string; actual: string; text: string }
  | { kind: "attestation"; required: boolean; text: string };

interface VerdictBase {
  code: string;
  criterion: number;
}

/** One indicator's verdict, with the value used and the threshold applied. */
export type IndicatorVerdict =
  | (VerdictBase & {
      status: "met";
      value: IndicatorValue;
      /** The compared quantity: the derived percentage for ratios. */
      measured: number | boolean | string;
      threshold: AppliedThreshold;
      /** Met, but within the fragile margin: "đạt nhưng chưa bền vững". */
      fragile: boolean;
    })
  | (VerdictBase & {
      status: "not_met";
      value: IndicatorValue;
      measured: number | boolean | string;
      threshold: AppliedThreshold;
      gap: Gap;
    })
  | (VerdictBase & { status: "missing"; reason: MissingReason; threshold: AppliedThreshold })
  | (VerdictBase & {
      status: "stale";
      value: IndicatorValue | null;
      /** Last day the value was current. */
      validUntil: string | null;
      threshold: AppliedThreshold;
    })
  | (VerdictBase & { status: "no_threshold"; value: IndicatorValue; threshold: AppliedThreshold })
  | (VerdictBase & { status: "not_applicable"; value: IndicatorValue | null });

export interface CriterionVerdict {
  number: number;
  name: string;
  group: string;
  department: string | null;
  status: RuleStatus;
  /** Met, with at least one fragile indicator. */
  fragile: boolean;
  indicatorsMet: number;
  /** Indicators other than not applicable. */
  indicatorsApplicable: number;
  indicators: IndicatorVerdict[];
}

export interface SetVerdict {
  set: { id: string; version: string; title: string };
  unit: { code: string; name: string | null };
  asOf: string;
  /** Whether `asOf` falls in the set's effective period; verdicts outside it are for study. */
  inEffect: boolean;
  status: Exclude<RuleStatus, "not_applicable">;
  criteriaMet: number;
  criteriaNotMet: number;
  criteriaUndetermined: number;
  /** Criteria other than not applicable. */
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  /** "đạt 18/19 tiêu chí, 56/57 chỉ tiêu" */
  summary: string;
  criteria: CriterionVerdict[];
}

/**
 * A verdict's statuses without its explanations: all that roll-ups, comparisons and revocation
 * read, so a server can keep it compactly beside the explained verdict. A `SetVerdict` is one.
 */
export interface VerdictOutline {
  set: { id: string };
  unit: { code: string };
  status: SetVerdict["status"];
  criteria: ReadonlyArray<{
    number: number;
    status: RuleStatus;
    indicators: ReadonlyArray<{ code: string; status: IndicatorStatus; fragile?: boolean }>;
  }>;
}

function direction(comparator: Comparator): "more" | "fewer" {
  return wantsMore(comparator) ? "more" : "fewer";
}

/** The gap of a failing indicator; integers for counts, exact decimals for the rest. */
export function gapOf(
  indicator: Indicator,
  value: IndicatorValue,
  threshold: AppliedThreshold,
): Gap {
  const { comparator } = threshold;
  const t = threshold.value;
  if (typeof t === "boolean")
    return {
      kind: "attestation",
      required: t,
      text: `chưa đạt yêu cầu (${t ? "cần đạt" : "cần không có"})`,
    };
  if (typeof t === "string") {
    const actual = value.kind === "level" ? value.value : "";
    const required = formatIndicatorQuantity(indicator, t);
    const word = comparator === "lte" || comparator === "lt" ? "trở xuống" : "trở lên";
    return {
      kind: "level",
      required: t,
      actual,
      text: `cần đạt mức ${required}${comparator === "eq" ? "" : ` ${word}`} (hiện: ${formatIndicatorQuantity(indicator, actual)})`,
    };
  }
  const target = t ?? 0;
  const dir = direction(comparator);
  const strictAtBoundary = (distance: number) =>
    distance === 0 ? (dir === "more" ? "cần cao hơn ngưỡng" : "cần thấp hơn ngưỡng") : null;
  if (value.kind === "ratio" && (indicator.kind === "ratio" || indicator.kind === "percentage")) {
    // Numerator and denominator known: the gap is in counted things, even when the set states
    // the indicator as a plain percentage (then without a label for what is counted).
    const amount = ratioCountGap(value.numerator, value.denominator, comparator, target);
    const points = exactDistance((value.numerator * 100) / value.denominator, target);
    const verb = comparator === "eq" ? "cần thay đổi" : dir === "more" ? "cần thêm" : "cần giảm";
    const label = indicator.kind === "ratio" ? indicator.numeratorLabel : "";
    return {
      kind: "count",
      direction: dir,
      amount,
      label,
      percentagePoints: points,
      text: label
        ? `${verb} ${formatNumber(amount, 0)} ${label}`
        : `${verb} ${formatNumber(amount, 0)} trên tổng số ${formatNumber(value.denominator, 0)} (${formatNumber(points)} điểm phần trăm)`,
    };
  }
  const measured =
    value.kind === "ratio"
      ? (value.numerator * 100) / value.denominator
      : value.kind === "number"
        ? value.value
        : 0;
  const amount = exactDistance(measured, target);
  const word = comparator === "eq" ? "chênh" : dir === "more" ? "thiếu" : "vượt";
  if (indicator.kind === "percentage" || indicator.kind === "ratio")
    return {
      kind: "percentage_points",
      direction: dir,
      amount,
      text: strictAtBoundary(amount) ?? `${word} ${formatNumber(amount)} điểm phần trăm`,
    };
  if (indicator.kind === "count") {
    const whole =
      comparator === "gt" || comparator === "lt" ? Math.floor(amount) + 1 : Math.ceil(amount);
    const verb = dir === "more" ? "cần thêm" : "cần giảm";
    return {
      kind: "quantity",
      direction: dir,
      amount: whole,
      unitOfMeasure: indicator.unitOfMeasure,
      text: `${verb} ${formatNumber(whole, 0)} ${indicator.unitOfMeasure}`.trimEnd(),
    };
  }
  const unit = indicator.unitOfMeasure ? ` ${indicator.unitOfMeasure}` : "";
  return {
    kind: "quantity",
    direction: dir,
    amount,
    unitOfMeasure: indicator.unitOfMeasure,
    text: strictAtBoundary(amount) ?? `${word} ${formatNumber(amount, 6)}${unit}`,
  };
}
