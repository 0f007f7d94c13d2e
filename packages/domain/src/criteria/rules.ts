import type { Rule, RuleItem } from "./model";

/**
 * Rules over verdicts in three-valued logic: an item is met, not met, unknown (missing, stale or
 * no threshold) or skipped (not applicable). A rule is decided only when the unknown items
 * cannot change its outcome; otherwise it is unknown too.
 */
export const MET = 1;
export const NOT_MET = 0;
export const UNKNOWN = 2;
export const SKIPPED = 3;
export type Outcome = typeof MET | typeof NOT_MET | typeof UNKNOWN | typeof SKIPPED;

export interface RuleNode {
  op: "all" | "any" | "at_least";
  k: number;
  /** Item positions (indicator or criterion indexes) and nested rules. */
  items: Array<number | RuleNode>;
}

/** Turns a rule over codes or numbers into one over positions; `every` is what "of" omits. */
export function compileRule(
  rule: Rule,
  every: readonly number[],
  resolve: (item: RuleItem) => number | undefined,
  issues: string[],
): RuleNode {
  const items: Array<number | RuleNode> = [];
  if (rule.of === undefined) items.push(...every);
  else
    for (const item of rule.of) {
      if (typeof item === "object") items.push(compileRule(item, every, resolve, issues));
      else {
        const position = resolve(item);
        if (position !== undefined) items.push(position);
      }
    }
  const k = rule.op === "at_least" ? rule.k : rule.op === "all" ? items.length : 1;
  if (rule.op === "at_least" && rule.k > items.length)
    issues.push(`Quy tắc "ít nhất ${rule.k}" chỉ có ${items.length} mục`);
  return { op: rule.op, k, items };
}

/** The outcome of a rule given the outcome of every position. */
export function evaluateRule(node: RuleNode, outcomes: ArrayLike<number>): Outcome {
  let met = 0;
  let notMet = 0;
  let unknown = 0;
  const { items } = node;
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as number | RuleNode;
    const outcome = typeof item === "number" ? outcomes[item] : evaluateRule(item, outcomes);
    if (outcome === MET) met++;
    else if (outcome === NOT_MET) notMet++;
    else if (outcome === UNKNOWN) unknown++;
  }
  if (met + notMet + unknown === 0) return SKIPPED;
  switch (node.op) {
    case "all":
      return notMet > 0 ? NOT_MET : unknown > 0 ? UNKNOWN : MET;
    case "any":
      return met > 0 ? MET : unknown > 0 ? UNKNOWN : NOT_MET;
    case "at_least":
      return met >= node.k ? MET : met + unknown < node.k ? NOT_MET : UNKNOWN;
  }
}
