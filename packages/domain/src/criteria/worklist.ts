import type { CriteriaSetInput, Provenance } from "./model";
import { thresholdScopeText } from "./set-diff";

/** Why a threshold needs someone to check it against the decision (ngưỡng cần xác minh). */
export type ThresholdProblem = "empty" | "unverified" | "illustrative";

/** One threshold rule that is empty, unverified or illustrative, with where it is used. */
export interface ThresholdWorkItem {
  criterion: number;
  criterionName: string;
  indicator: string;
  indicatorName: string;
  unitOfMeasure: string;
  comparator: string | null;
  /** Index in the indicator's own `thresholds` of this set (not counting a parent's rules). */
  ruleIndex: number;
  when: Record<string, string[]>;
  years: { from?: number; to?: number } | null;
  scope: string;
  value: number | boolean | string | null;
  relativeTo: { set: string; indicator: string; percent: number } | null;
  provenance: Provenance;
  problems: ThresholdProblem[];
}

/** The words demo and research data use for a made-up number ("số liệu minh họa"). */
const ILLUSTRATIVE = /minh\s*họa|minh\s*hoạ|illustrative/iu;

export function isIllustrative(provenance: { source: string; note?: string | undefined }) {
  return ILLUSTRATIVE.test(provenance.source.normalize("NFC"));
}

/**
 * The set's own threshold rules that need checking: no value yet (`value: null`), not verified,
 * or marked illustrative. Rules inherited from the set it adapts belong to that set's list.
 */
export function thresholdWorklist(set: CriteriaSetInput): ThresholdWorkItem[] {
  const items: ThresholdWorkItem[] = [];
  for (const criterion of set.criteria)
    for (const indicator of criterion.indicators)
      indicator.thresholds.forEach((rule, ruleIndex) => {
        const relativeTo = "relativeTo" in rule && rule.relativeTo ? rule.relativeTo : null;
        const value = relativeTo ? null : (rule.value ?? null);
        const problems: ThresholdProblem[] = [];
        if (value === null && !relativeTo) problems.push("empty");
        if (!rule.provenance.verified) problems.push("unverified");
        if (isIllustrative(rule.provenance)) problems.push("illustrative");
        if (problems.length === 0) return;
        items.push({
          criterion: criterion.number,
          criterionName: criterion.name,
          indicator: indicator.code,
          indicatorName: indicator.name,
          unitOfMeasure: indicator.unitOfMeasure,
          comparator: "comparator" in indicator ? indicator.comparator : null,
          ruleIndex,
          when: rule.when ?? {},
          years: rule.years ?? null,
          scope: thresholdScopeText(rule),
          value,
          relativeTo,
          provenance: rule.provenance,
          problems,
        });
      });
  return items;
}

/** What recording a threshold's source writes: the legal source, checked, and (if it was empty) its value. */
export interface ThresholdVerification {
  indicator: string;
  ruleIndex: number;
  source: string;
  article?: string | undefined;
  url?: string | undefined;
  value?: number | boolean | string | undefined;
}

/** A verification refused; `field` names the input to fix (the value), null when none does. */
export class ThresholdVerificationError extends Error {
  constructor(
    message: string,
    readonly field: "value" | null,
  ) {
    super(message);
    this.name = "ThresholdVerificationError";
  }
}

/**
 * The definition with one rule's provenance recorded and marked verified (and its value set, when
 * given). Throws a Vietnamese message when the rule does not exist or the value does not fit.
 */
export function applyThresholdVerification(
  set: CriteriaSetInput,
  verification: ThresholdVerification,
): { definition: CriteriaSetInput; before: unknown; after: unknown } {
  let before: unknown;
  let after: unknown;
  const criteria = set.criteria.map((criterion) => ({
    ...criterion,
    indicators: criterion.indicators.map((indicator) => {
      if (indicator.code !== verification.indicator) return indicator;
      const rule = indicator.thresholds[verification.ruleIndex];
      if (!rule) return indicator;
      const value = verification.value ?? ("value" in rule ? rule.value : undefined);
      if (value === null || (value === undefined && !("relativeTo" in rule && rule.relativeTo)))
        throw new ThresholdVerificationError(
          `Ngưỡng chỉ tiêu ${indicator.code} chưa có giá trị: hãy nhập mức đạt chuẩn.`,
          "value",
        );
      const expected =
        indicator.kind === "boolean" ? "boolean" : indicator.kind === "level" ? "string" : "number";
      if (value !== undefined && typeof value !== expected)
        throw new ThresholdVerificationError(
          `Giá trị ngưỡng chỉ tiêu ${indicator.code} không đúng loại.`,
          "value",
        );
      const { url: _url, article: _article, ...kept } = rule.provenance;
      const provenance: Provenance = {
        ...kept,
        source: verification.source,
        ...(verification.article ? { article: verification.article } : {}),
        ...(verification.url ? { url: verification.url } : {}),
        verified: true,
      };
      before = { value: "value" in rule ? rule.value : undefined, provenance: rule.provenance };
      const updated = { ...rule, ...(value !== undefined ? { value } : {}), provenance };
      after = { value: "value" in updated ? updated.value : undefined, provenance };
      const thresholds = indicator.thresholds.map((r, k) =>
        k === verification.ruleIndex ? updated : r,
      );
      return { ...indicator, thresholds } as typeof indicator;
    }),
  }));
  if (before === undefined)
    throw new ThresholdVerificationError(
      `Không tìm thấy ngưỡng số ${verification.ruleIndex + 1} của chỉ tiêu ${verification.indicator}.`,
      null,
    );
  return { definition: { ...set, criteria }, before, after };
}
