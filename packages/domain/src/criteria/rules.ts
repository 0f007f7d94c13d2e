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
  /** Item positions (indicator or criterion indexes); kept apart from nested rules so the
   * common flat rule is counted by a tight loop over a typed array. Counting ignores order. */
  positions: Int32Array;
  nested: RuleNode[];
}

/** Turns a rule over codes or numbers into one over positions; `every` is what "of" omits. */
export function compileRule(
  rule: Rule,
  every: readonly number[],
  resolve: (item: RuleItem) => number | undefined,
  issues: string[],
): RuleNode {
  const positions: number[] = [];
  const nested: RuleNode[] = [];
  if (rule.of === undefined) positions.push(...every);
  else
    for (const item of rule.of) {
      if (typeof item === "object") nested.push(compileRule(item, every, resolve, issues));
      else {
        const position = resolve(item);
        if (position !== undefined) positions.push(position);
      }
    }
  const size = positions.length + nested.length;
  const k = rule.op === "at_least" ? rule.k : rule.op === "all" ? size : 1;
  if (rule.op === "at_least" && rule.k > size)
    issues.push(`Quy tắc "ít nhất ${rule.k}" chỉ có ${size} mục`);
  return { op: rule.op, k, positions: Int32Array.from(positions), nested };
}

/** The outcome of a rule given the outcome of every position. */
export function evaluateRule(node: RuleNode, outcomes: ArrayLike<number>): Outcome {
  let met = 0;
  let notMet = 0;
  let unknown = 0;
  const { positions, nested } = node;
  for (let k = 0; k < positions.length; k++) {
    const outcome = outcomes[positions[k] as number];
    if (outcome === MET) met++;
    else if (outcome === NOT_MET) notMet++;
    else if (outcome === UNKNOWN) unknown++;
  }
  for (let k = 0; k < nested.length; k++) {
    const outcome = evaluateRule(nested[k] as RuleNode, outcomes);
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
