import type { CriteriaSet, Criterion, Indicator } from "./model";

/** Which set wrote a threshold rule: the set itself, or the parent it adapts. */
export type RuleOrigin = "own" | "parent";

/** A criteria set with its parent merged in; every threshold rule knows where it came from. */
export interface ResolvedCriteriaSet {
  set: CriteriaSet;
  parent: CriteriaSet | null;
  criteria: Criterion[];
  /** Per indicator code: which set wrote each of its threshold rules, in the order of `thresholds`. */
  ruleOrigins: ReadonlyMap<string, RuleOrigin[]>;
  /**
   * Per indicator code, how far up the chain each rule was written: 0 by this set, 1 by its
   * parent, 2 by the set the parent adapts… Nearer rules are tried first.
   */
  ruleDepths: ReadonlyMap<string, number[]>;
}

/** Depths of a rule list: this set's rules at 0, the parent's one further than in the parent. */
function depthsOf(
  origins: readonly RuleOrigin[],
  code: string,
  parentDepths: ReadonlyMap<string, number[]> | undefined,
): number[] {
  let k = 0;
  return origins.map((origin) =>
    origin === "own" ? 0 : 1 + (parentDepths?.get(code)?.[k++] ?? 0),
  );
}

function mergeIndicator(own: Indicator, parent: Indicator): Indicator {
  // The adapting set restates the indicator; its rules come first, the parent's fill the gaps
  // (Đồng Nai gives 17.1 for 2024 and 2025 only; other years keep the national threshold).
  if (own.kind !== parent.kind) return own;
  return { ...own, thresholds: [...own.thresholds, ...parent.thresholds] } as Indicator;
}

/**
 * Merges a set with the parent it adapts: criteria by number, indicators by code. Dimensions,
 * applied-dimension rules and groups are inherited unless the set declares its own.
 */
export function resolveCriteriaSet(
  set: CriteriaSet,
  parent: CriteriaSet | null = null,
  /** The parent's own `ruleDepths`, when the parent is itself an adaptation resolved. */
  parentDepths?: ReadonlyMap<string, number[]>,
): ResolvedCriteriaSet {
  const ruleOrigins = new Map<string, RuleOrigin[]>();
  const withDepths = (resolved: Omit<ResolvedCriteriaSet, "ruleDepths">): ResolvedCriteriaSet => ({
    ...resolved,
    ruleDepths: new Map(
      [...resolved.ruleOrigins].map(([code, origins]) => [
        code,
        depthsOf(origins, code, parentDepths),
      ]),
    ),
  });
  if (!parent) {
    for (const c of set.criteria)
      for (const i of c.indicators)
        ruleOrigins.set(
          i.code,
          i.thresholds.map(() => "own"),
        );
    return withDepths({ set, parent: null, criteria: set.criteria, ruleOrigins });
  }
  const ownByNumber = new Map(set.criteria.map((c) => [c.number, c]));
  const criteria: Criterion[] = [];
  for (const parentCriterion of parent.criteria) {
    const own = ownByNumber.get(parentCriterion.number);
    ownByNumber.delete(parentCriterion.number);
    if (!own) {
      criteria.push(parentCriterion);
      for (const i of parentCriterion.indicators)
        ruleOrigins.set(
          i.code,
          i.thresholds.map(() => "parent"),
        );
      continue;
    }
    const ownIndicators = new Map(own.indicators.map((i) => [i.code, i]));
    const indicators: Indicator[] = [];
    for (const parentIndicator of parentCriterion.indicators) {
      const ownIndicator = ownIndicators.get(parentIndicator.code);
      ownIndicators.delete(parentIndicator.code);
      if (!ownIndicator) {
        indicators.push(parentIndicator);
        ruleOrigins.set(
          parentIndicator.code,
          parentIndicator.thresholds.map(() => "parent"),
        );
        continue;
      }
      const merged = mergeIndicator(ownIndicator, parentIndicator);
      indicators.push(merged);
      ruleOrigins.set(
        merged.code,
        merged.thresholds.map((_, k) => (k < ownIndicator.thresholds.length ? "own" : "parent")),
      );
    }
    for (const added of ownIndicators.values()) {
      indicators.push(added);
      ruleOrigins.set(
        added.code,
        added.thresholds.map(() => "own"),
      );
    }
    criteria.push({ ...parentCriterion, ...own, indicators });
  }
  for (const added of ownByNumber.values()) {
    criteria.push(added);
    for (const i of added.indicators)
      ruleOrigins.set(
        i.code,
        i.thresholds.map(() => "own"),
      );
  }
  const merged: CriteriaSet = {
    ...set,
    dimensions: set.dimensions.length > 0 ? set.dimensions : parent.dimensions,
    appliedDimensionRules:
      set.appliedDimensionRules.length > 0
        ? set.appliedDimensionRules
        : parent.appliedDimensionRules,
    groups: set.groups.length > 0 ? set.groups : parent.groups,
    revocation: set.revocation ?? parent.revocation,
    criteria,
  };
  return withDepths({ set: merged, parent, criteria, ruleOrigins });
}
