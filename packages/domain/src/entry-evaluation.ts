import type { CompiledCriteriaSet } from "./criteria/compile";
import { compileCriteriaSet } from "./criteria/compile";
import { evaluate } from "./criteria/evaluate";
import { type Observation, valuesInForce } from "./criteria/in-force";
import type { CriteriaSet } from "./criteria/model";
import type { RelatedVerdicts } from "./criteria/scratch";
import {
  type ChildUnit,
  type IndicatorValue,
  periodStart,
  periodValidUntil,
} from "./criteria/values";
import type { SetVerdict } from "./criteria/verdicts";
import { addDays } from "./dates";

/**
 * A judging set as its definitions: the set, the set it adapts (itself a tree) and the sets its
 * thresholds refer to, each as in force on the report's as-of date. The server sends this to
 * the entry page so the browser compiles exactly what the server compiles.
 */
export interface SetDefinitionTree {
  set: CriteriaSet;
  parent: SetDefinitionTree | null;
  related: SetDefinitionTree[];
}

const compiledTrees = new WeakMap<SetDefinitionTree, CompiledCriteriaSet>();

/** Compiles a definition tree as the server compiles a stored version; remembered per tree. */
export function compileDefinitionTree(tree: SetDefinitionTree): CompiledCriteriaSet {
  const known = compiledTrees.get(tree);
  if (known) return known;
  const compiled = compileCriteriaSet(tree.set, {
    ...(tree.parent ? { parent: compileDefinitionTree(tree.parent) } : {}),
    related: tree.related.map(compileDefinitionTree),
  });
  compiledTrees.set(tree, compiled);
  return compiled;
}

/** Everything the verdict of one report depends on, as the server reads it. */
export interface EntryInputs {
  tree: SetDefinitionTree;
  unit: { code: string; name: string | null };
  period: string;
  /** The unit's attributes on the as-of date (region, commune group…). */
  attributes: Readonly<Record<string, string>>;
  /** The unit's values of the set in other periods up to the as-of date. */
  history: readonly Observation[];
  /** The values of this period: the server's, with what the clerk typed over them. */
  current: Readonly<Record<string, IndicatorValue | undefined>>;
  /** Children's values in force (villages), when the set derives indicators from them. */
  children?: readonly ChildUnit[];
  related?: RelatedVerdicts;
}

/**
 * The verdict the server will store for this report once the current values are saved: the
 * unit's standing on the period's last day (`valuesInForce` over every period, then `evaluate`).
 */
export function evaluateEntry(inputs: EntryInputs): SetVerdict {
  const compiled = compileDefinitionTree(inputs.tree);
  const asOf = periodValidUntil(inputs.period);
  const observations: Observation[] = [...inputs.history];
  for (const [indicator, value] of Object.entries(inputs.current))
    if (value) observations.push({ indicator, value });
  return evaluate(
    compiled,
    {
      code: inputs.unit.code,
      ...(inputs.unit.name ? { name: inputs.unit.name } : {}),
      attributes: { ...inputs.attributes },
      ...(inputs.children ? { children: [...inputs.children] } : {}),
    },
    valuesInForce(compiled, observations, asOf),
    asOf,
    { related: inputs.related ?? {} },
  );
}

/** Per indicator, the value in force the day before the period begins: "the value before". */
export function valuesBefore(
  tree: SetDefinitionTree,
  history: readonly Observation[],
  period: string,
): Record<string, IndicatorValue> {
  return valuesInForce(compileDefinitionTree(tree), history, addDays(periodStart(period), -1));
}
