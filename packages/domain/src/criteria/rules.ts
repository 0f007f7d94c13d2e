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

const SEEN_MET = 1 << MET;
const SEEN_NOT_MET = 1 << NOT_MET;
const SEEN_UNKNOWN = 1 << UNKNOWN;

/** The outcome of a rule given the outcome of every position. */
export function evaluateRule(node: RuleNode, outcomes: ArrayLike<number>): Outcome {
  if (node.op === "at_least") return atLeast(node, outcomes);
  // "all" and "any" need only which outcomes occur, not how often: one bit each, no branch per
  // item (items of a roll-up's criteria fail at random, which branch prediction pays for).
  let seen = 0;
  const { positions, nested } = node;
  for (let k = 0; k < positions.length; k++)
    seen |= 1 << (outcomes[positions[k] as number] as number);
  for (let k = 0; k < nested.length; k++)
    seen |= 1 << evaluateRule(nested[k] as RuleNode, outcomes);
  if (node.op === "all")
    return seen & SEEN_NOT_MET
      ? NOT_MET
      : seen & SEEN_UNKNOWN
        ? UNKNOWN
        : seen & SEEN_MET
          ? MET
          : SKIPPED;
  return seen & SEEN_MET
    ? MET
    : seen & SEEN_UNKNOWN
      ? UNKNOWN
      : seen & SEEN_NOT_MET
        ? NOT_MET
        : SKIPPED;
}

function atLeast(node: RuleNode, outcomes: ArrayLike<number>): Outcome {
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
  return met >= node.k ? MET : met + unknown < node.k ? NOT_MET : UNKNOWN;
}

/**
 * Several flat rules (no nested rule) laid end to end, to evaluate all of a unit's criteria in
 * one loop; a rule with nested rules, or with more than 255 items, keeps its tree.
 */
export interface RuleList {
  op: Uint8Array;
  k: Int32Array;
  /** Rule r's positions are `positions[start[r]]` up to `positions[start[r + 1]]`. */
  start: Int32Array;
  positions: Int32Array;
  trees: Array<RuleNode | undefined>;
}

const OP_ALL = 0;
const OP_ANY = 1;
const OP_AT_LEAST = 2;

/** The outcome of "all" and "any" for each set of outcomes seen, as `evaluateRule` decides. */
const ALL_OF_SEEN = new Uint8Array(16);
const ANY_OF_SEEN = new Uint8Array(16);
for (let seen = 0; seen < 16; seen++) {
  ALL_OF_SEEN[seen] =
    seen & SEEN_NOT_MET ? NOT_MET : seen & SEEN_UNKNOWN ? UNKNOWN : seen & SEEN_MET ? MET : SKIPPED;
  ANY_OF_SEEN[seen] =
    seen & SEEN_MET ? MET : seen & SEEN_UNKNOWN ? UNKNOWN : seen & SEEN_NOT_MET ? NOT_MET : SKIPPED;
}

export function ruleList(rules: readonly RuleNode[]): RuleList {
  const start = new Int32Array(rules.length + 1);
  const positions: number[] = [];
  const trees: Array<RuleNode | undefined> = [];
  rules.forEach((rule, r) => {
    start[r] = positions.length;
    const flat = rule.nested.length === 0 && rule.positions.length <= 255;
    trees.push(flat ? undefined : rule);
    if (flat) positions.push(...rule.positions);
  });
  start[rules.length] = positions.length;
  return {
    op: Uint8Array.from(rules, (rule) =>
      rule.op === "all" ? OP_ALL : rule.op === "any" ? OP_ANY : OP_AT_LEAST,
    ),
    k: Int32Array.from(rules, (rule) => rule.k),
    start,
    positions: Int32Array.from(positions),
    trees,
  };
}

/** Evaluates every rule of `list` into `into`, as `evaluateRule` would each. */
export function evaluateRules(list: RuleList, outcomes: ArrayLike<number>, into: Uint8Array): void {
  const { op, k, start, positions, trees } = list;
  for (let r = 0; r < op.length; r++) {
    const tree = trees[r];
    if (tree !== undefined) {
      into[r] = evaluateRule(tree, outcomes);
      continue;
    }
    const from = start[r] as number;
    const to = start[r + 1] as number;
    if (op[r] === OP_AT_LEAST) {
      // A byte per outcome (at most 255 items): how many of each, without a branch per item.
      let counts = 0;
      for (let q = from; q < to; q++)
        counts += 1 << ((outcomes[positions[q] as number] as number) << 3);
      const met = (counts >> (MET << 3)) & 255;
      const notMet = (counts >> (NOT_MET << 3)) & 255;
      const unknown = (counts >> (UNKNOWN << 3)) & 255;
      const need = k[r] as number;
      into[r] =
        met + notMet + unknown === 0
          ? SKIPPED
          : met >= need
            ? MET
            : met + unknown < need
              ? NOT_MET
              : UNKNOWN;
    } else {
      let seen = 0;
      for (let q = from; q < to; q++) seen |= 1 << (outcomes[positions[q] as number] as number);
      into[r] = (op[r] === OP_ALL ? ALL_OF_SEEN[seen] : ANY_OF_SEEN[seen]) as number;
    }
  }
}
