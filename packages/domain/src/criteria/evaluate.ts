import { type CompiledCriteriaSet, type CompiledIndicator, compileCriteriaSet } from "./compile";
import { judgeUnit } from "./judge";
import type { CriteriaSet } from "./model";
import { ratioPercent } from "./numeric";
import { evaluateRule, MET, NOT_MET, type Outcome, SKIPPED } from "./rules";
import {
  MISSING_REASONS,
  type MissingReason,
  type RelatedVerdicts,
  S_MET,
  S_MISSING,
  S_NO_THRESHOLD,
  S_NOT_APPLICABLE,
  S_STALE,
  type Scratch,
  scratchFor,
} from "./scratch";
import type { ThresholdEntry } from "./thresholds";
import type { UnitProfile, ValueMap } from "./values";
import {
  type CriterionVerdict,
  gapOf,
  type IndicatorVerdict,
  type RuleStatus,
  type SetVerdict,
} from "./verdicts";

export interface EvaluateOptions {
  /** Verdicts of other sets this one depends on, by set id (kiểu mẫu needs nâng cao's). */
  related?: RelatedVerdicts;
}

const compiledSets = new WeakMap<CriteriaSet, CompiledCriteriaSet>();

/** The compiled form of a set; a plain set is compiled once and remembered. */
export function toCompiled(set: CriteriaSet | CompiledCriteriaSet): CompiledCriteriaSet {
  if ("compiled" in set) return set;
  let compiled = compiledSets.get(set);
  if (!compiled) {
    compiled = compileCriteriaSet(set);
    compiledSets.set(set, compiled);
  }
  return compiled;
}

const RULE_STATUS: Record<Outcome, RuleStatus> = {
  [MET]: "met",
  [NOT_MET]: "not_met",
  2: "undetermined",
  [SKIPPED]: "not_applicable",
};

/** Outcome code → rule status. */
export function ruleStatusOf(outcome: Outcome): RuleStatus {
  return RULE_STATUS[outcome];
}

function indicatorVerdict(
  ci: CompiledIndicator,
  criterion: number,
  scratch: Scratch,
): IndicatorVerdict {
  const i = ci.index;
  const code = ci.code;
  const value = scratch.values[i];
  const entry = scratch.entries[i] as ThresholdEntry;
  const threshold = entry.applied;
  switch (scratch.status[i]) {
    case S_NOT_APPLICABLE:
      return { code, criterion, status: "not_applicable", value: value ?? null };
    case S_MISSING:
      return {
        code,
        criterion,
        status: "missing",
        reason: MISSING_REASONS[scratch.missingReason[i] ?? 0] as MissingReason,
        threshold,
      };
    case S_STALE: {
      const until = scratch.validUntil[i];
      return {
        code,
        criterion,
        status: "stale",
        value: value ?? null,
        validUntil: until || null,
        threshold,
      };
    }
  }
  if (value === undefined || value.kind === "not_applicable")
    throw new Error(`Internal: indicator ${code} judged without a value`);
  if (scratch.status[i] === S_NO_THRESHOLD)
    return { code, criterion, status: "no_threshold", value, threshold };
  const measured =
    value.kind === "ratio" ? ratioPercent(value.numerator, value.denominator) : value.value;
  if (scratch.status[i] === S_MET)
    return {
      code,
      criterion,
      status: "met",
      value,
      measured,
      threshold,
      fragile: scratch.fragile[i] === 1,
    };
  return {
    code,
    criterion,
    status: "not_met",
    value,
    measured,
    threshold,
    gap: gapOf(ci.indicator, value, threshold),
  };
}

/**
 * Evaluates one unit against a criteria set as of a date: a verdict for every indicator, every
 * criterion and the set, each with the value used, the threshold applied and why. Never throws
 * for "not met"; missing, stale and unknown thresholds are verdicts too.
 */
export function evaluate(
  set: CriteriaSet | CompiledCriteriaSet,
  unit: UnitProfile,
  values: ValueMap,
  asOf: string,
  options: EvaluateOptions = {},
): SetVerdict {
  const compiled = toCompiled(set);
  const scratch = scratchFor(compiled);
  judgeUnit(compiled, unit, values, asOf, options.related, scratch);
  const criterionOutcomes = new Uint8Array(compiled.criteria.length);
  const criteria: CriterionVerdict[] = [];
  let indicatorsMet = 0;
  let indicatorsTotal = 0;
  let criteriaMet = 0;
  let criteriaNotMet = 0;
  let criteriaUndetermined = 0;
  for (const cc of compiled.criteria) {
    const { criterion } = cc;
    const outcome = evaluateRule(cc.rule, scratch.outcome);
    criterionOutcomes[cc.index] = outcome;
    const indicators: IndicatorVerdict[] = [];
    let met = 0;
    let applicable = 0;
    let fragile = false;
    for (const i of cc.indicatorIndexes) {
      const ci = compiled.indicators[i] as CompiledIndicator;
      indicators.push(indicatorVerdict(ci, criterion.number, scratch));
      const status = scratch.status[i];
      if (status !== S_NOT_APPLICABLE) applicable++;
      if (status === S_MET) {
        met++;
        if (scratch.fragile[i] === 1) fragile = true;
      }
    }
    indicatorsMet += met;
    indicatorsTotal += applicable;
    const status = RULE_STATUS[outcome];
    if (status === "met") criteriaMet++;
    else if (status === "not_met") criteriaNotMet++;
    else if (status === "undetermined") criteriaUndetermined++;
    criteria.push({
      number: criterion.number,
      name: criterion.name,
      group: criterion.group,
      department: criterion.department ?? null,
      status,
      fragile: status === "met" && fragile,
      indicatorsMet: met,
      indicatorsApplicable: applicable,
      indicators,
    });
  }
  const setOutcome = evaluateRule(compiled.setRule, criterionOutcomes);
  const { effective } = compiled.set;
  const criteriaTotal = criteriaMet + criteriaNotMet + criteriaUndetermined;
  return {
    set: { id: compiled.set.id, version: compiled.set.version, title: compiled.set.title },
    unit: { code: unit.code, name: unit.name ?? null },
    asOf,
    inEffect: asOf >= effective.from && (effective.to === undefined || asOf <= effective.to),
    status:
      setOutcome === SKIPPED ? "undetermined" : (RULE_STATUS[setOutcome] as SetVerdict["status"]),
    criteriaMet,
    criteriaNotMet,
    criteriaUndetermined,
    criteriaTotal,
    indicatorsMet,
    indicatorsTotal,
    summary: `đạt ${criteriaMet}/${criteriaTotal} tiêu chí, ${indicatorsMet}/${indicatorsTotal} chỉ tiêu`,
    criteria,
  };
}
