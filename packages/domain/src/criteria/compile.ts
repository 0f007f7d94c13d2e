import type {
  Comparator,
  CriteriaSet,
  Criterion,
  Dimension,
  DimensionMatch,
  Indicator,
  IndicatorKind,
  Provenance,
  RelativeThreshold,
  Rule,
  RuleItem,
} from "./model";
import { comparatorMask } from "./numeric";
import { type ResolvedCriteriaSet, type RuleOrigin, resolveCriteriaSet } from "./resolve";
import { compileRule, type RuleList, type RuleNode, ruleList } from "./rules";
import { ThresholdTables } from "./thresholds";

/** A threshold rule ready for lookup. */
export interface CompiledThresholdRule {
  origin: RuleOrigin;
  /** 0: written by this set; 1: by its parent; 2: by the set the parent adapts… */
  depth: number;
  /** Applied dimension index → accepted value codes. */
  when: Array<readonly [number, ReadonlySet<string>]>;
  whenRaw: DimensionMatch | undefined;
  yearFrom: number;
  yearTo: number;
  value: number | boolean | string | null;
  relativeTo: RelativeThreshold | undefined;
  provenance: Provenance;
  specificity: number;
}

export interface CompiledIndicator {
  index: number;
  code: string;
  criterionIndex: number;
  indicator: Indicator;
  kind: IndicatorKind;
  comparator: Comparator;
  /** Tried in this order; the first rule matching the unit and year gives the threshold. */
  rules: CompiledThresholdRule[];
  graceMonths: number;
  /** Level code → rank, lowest first (level indicators only). */
  levelRank: ReadonlyMap<string, number> | null;
  /** Indexes of input indicators (source kind `indicators`). */
  inputs: number[];
  /** Hot-path copies of `indicator` fields. */
  entered: boolean;
  optional: boolean;
  /** `comparatorMask(comparator)`. */
  mask: number;
  /** Takes number values (number, percentage, count, ratio). */
  numeric: boolean;
  /** Takes ratio values (percentage, ratio). */
  percent: boolean;
}

export interface CompiledCriterion {
  index: number;
  criterion: Criterion;
  indicatorIndexes: number[];
  rule: RuleNode;
}

/**
 * A criteria set compiled once for fast evaluation: indicators in dependency order, rules as
 * index trees, thresholds looked up in tables memoised by (applied dimensions, year).
 */
export interface CompiledCriteriaSet {
  readonly compiled: true;
  set: CriteriaSet;
  resolved: ResolvedCriteriaSet;
  dimensions: Dimension[];
  indicators: CompiledIndicator[];
  /**
   * Indicator indexes: the entered ones (`enteredCount` of them) in index order, then the
   * derived ones in an order where inputs come before what is derived from them.
   */
  order: Int32Array;
  enteredCount: number;
  /** The codes of the entered indicators, in `order`. */
  enteredCodes: string[];
  indicatorIndex: ReadonlyMap<string, number>;
  criteria: CompiledCriterion[];
  /** The criteria's rules, for evaluating them all at once (`evaluateRules`). */
  criteriaRules: RuleList;
  setRule: RuleNode;
  related: ReadonlyMap<string, CompiledCriteriaSet>;
  tables: ThresholdTables;
}

export interface CompileOptions {
  /**
   * The set this one adapts, when it has `adapts`. Pass it compiled when it is itself an
   * adaptation, so its own rules keep their precedence over those it inherits.
   */
  parent?: CriteriaSet | CompiledCriteriaSet;
  /** Sets whose thresholds this one refers to (`relativeTo`), compiled. */
  related?: readonly CompiledCriteriaSet[];
}

/** A criteria set whose cross-references do not hold (unknown group, dimension, indicator…). */
export class CriteriaSetError extends Error {
  constructor(readonly issues: string[]) {
    super(`Bộ tiêu chí không hợp lệ:\n- ${issues.join("\n- ")}`);
    this.name = "CriteriaSetError";
  }
}

function compileIndicatorRules(
  indicator: Indicator,
  origins: readonly RuleOrigin[],
  depths: readonly number[],
  dimensionIndex: ReadonlyMap<string, number>,
  issues: string[],
): CompiledThresholdRule[] {
  const rules = indicator.thresholds.map((rule, k): CompiledThresholdRule => {
    const when: Array<readonly [number, ReadonlySet<string>]> = [];
    for (const [dimension, values] of Object.entries(rule.when ?? {})) {
      const d = dimensionIndex.get(dimension);
      if (d === undefined)
        issues.push(`Chỉ tiêu ${indicator.code}: chiều "${dimension}" chưa khai báo`);
      else when.push([d, new Set(values)]);
    }
    const relativeTo = "relativeTo" in rule ? rule.relativeTo : undefined;
    const value = rule.value === undefined ? null : rule.value;
    return {
      origin: origins[k] ?? "own",
      depth: depths[k] ?? 0,
      when,
      whenRaw: rule.when,
      yearFrom: rule.years?.from ?? Number.NEGATIVE_INFINITY,
      yearTo: rule.years?.to ?? Number.POSITIVE_INFINITY,
      value,
      relativeTo,
      provenance: rule.provenance,
      specificity: when.length + (rule.years ? 1 : 0),
    };
  });
  // The set's own rules before its parent's, the parent's before the grandparent's…; then the
  // most specific; then the written order.
  return rules
    .map((rule, k) => ({ rule, k }))
    .sort(
      (a, b) => a.rule.depth - b.rule.depth || b.rule.specificity - a.rule.specificity || a.k - b.k,
    )
    .map(({ rule }) => rule);
}

function dependencyOrder(indicators: CompiledIndicator[], issues: string[]): number[] {
  const order: number[] = [];
  const state = new Uint8Array(indicators.length); // 0 new, 1 visiting, 2 done
  const visit = (i: number) => {
    if (state[i] === 2) return;
    if (state[i] === 1) {
      issues.push(`Chỉ tiêu ${indicators[i]?.code}: phụ thuộc vòng tròn`);
      return;
    }
    state[i] = 1;
    for (const input of indicators[i]?.inputs ?? []) visit(input);
    state[i] = 2;
    order.push(i);
  };
  for (let i = 0; i < indicators.length; i++) visit(i);
  return order;
}

/** Checks and compiles a criteria set. Throws `CriteriaSetError` when references do not hold. */
export function compileCriteriaSet(
  set: CriteriaSet,
  options: CompileOptions = {},
): CompiledCriteriaSet {
  const issues: string[] = [];
  const given = options.parent;
  const parent = given && "compiled" in given ? given.set : given;
  if (set.adapts && !parent)
    issues.push(`Bộ "${set.id}" điều chỉnh bộ "${set.adapts.id}" nhưng chưa có bộ đó`);
  if (parent && set.adapts && parent.id !== set.adapts.id)
    issues.push(`Bộ cha là "${set.adapts.id}", không phải "${parent.id}"`);
  const resolved = resolveCriteriaSet(
    set,
    parent ?? null,
    given && "compiled" in given ? given.resolved.ruleDepths : undefined,
  );
  const merged = resolved.set;
  const dimensionIndex = new Map(merged.dimensions.map((d, k) => [d.id, k]));
  const groupIds = new Set(merged.groups.map((g) => g.id));
  const indicators: CompiledIndicator[] = [];
  const indicatorIndex = new Map<string, number>();
  const seenNumbers = new Set<number>();

  merged.criteria.forEach((criterion, criterionIndex) => {
    if (seenNumbers.has(criterion.number)) issues.push(`Tiêu chí số ${criterion.number} bị trùng`);
    seenNumbers.add(criterion.number);
    if (!groupIds.has(criterion.group))
      issues.push(`Tiêu chí số ${criterion.number}: nhóm "${criterion.group}" chưa khai báo`);
    for (const indicator of criterion.indicators) {
      if (indicatorIndex.has(indicator.code)) issues.push(`Chỉ tiêu ${indicator.code} bị trùng`);
      indicatorIndex.set(indicator.code, indicators.length);
      const levelRank =
        indicator.kind === "level" ? new Map(indicator.levels.map((l, k) => [l.code, k])) : null;
      if (levelRank && indicator.kind === "level")
        for (const rule of indicator.thresholds)
          if (rule.value !== null && !levelRank.has(rule.value))
            issues.push(`Chỉ tiêu ${indicator.code}: mức "${rule.value}" không có trong danh sách`);
      indicators.push({
        index: indicators.length,
        code: indicator.code,
        criterionIndex,
        indicator,
        kind: indicator.kind,
        comparator: indicator.kind === "boolean" ? "eq" : indicator.comparator,
        rules: compileIndicatorRules(
          indicator,
          resolved.ruleOrigins.get(indicator.code) ?? [],
          resolved.ruleDepths.get(indicator.code) ?? [],
          dimensionIndex,
          issues,
        ),
        graceMonths: indicator.validity?.graceMonths ?? 0,
        levelRank,
        inputs: [],
        entered: indicator.source.kind === "entered",
        optional: indicator.optional,
        mask: comparatorMask(indicator.kind === "boolean" ? "eq" : indicator.comparator),
        numeric: indicator.kind !== "boolean" && indicator.kind !== "level",
        percent: indicator.kind === "percentage" || indicator.kind === "ratio",
      });
    }
  });

  for (const ci of indicators) {
    const source = ci.indicator.source;
    if (source.kind === "indicators") {
      for (const code of source.inputs) {
        const k = indicatorIndex.get(code);
        if (k === undefined) issues.push(`Chỉ tiêu ${ci.code}: không có chỉ tiêu nguồn ${code}`);
        else ci.inputs.push(k);
      }
      if (source.op === "ratio" && source.inputs.length !== 2)
        issues.push(`Chỉ tiêu ${ci.code}: phép "ratio" cần đúng hai chỉ tiêu nguồn`);
    }
    if (source.kind === "set_met" && ci.kind !== "boolean")
      issues.push(`Chỉ tiêu ${ci.code}: nguồn "set_met" chỉ dùng cho chỉ tiêu có/không`);
  }
  for (const rule of merged.appliedDimensionRules) {
    if (!dimensionIndex.has(rule.dimension))
      issues.push(`Quy tắc vùng áp dụng: chiều "${rule.dimension}" chưa khai báo`);
    for (const d of Object.keys(rule.when))
      if (!dimensionIndex.has(d)) issues.push(`Quy tắc vùng áp dụng: chiều "${d}" chưa khai báo`);
  }

  const derived = dependencyOrder(indicators, issues).filter((i) => !indicators[i]?.entered);
  const entered = indicators.filter((ci) => ci.entered).map((ci) => ci.index);
  const order = Int32Array.from([...entered, ...derived]);
  const criteria = merged.criteria.map((criterion, index): CompiledCriterion => {
    const indicatorIndexes = criterion.indicators.map((i) => indicatorIndex.get(i.code) ?? -1);
    const resolveItem = (item: RuleItem): number | undefined => {
      const k = indicatorIndex.get(String(item));
      if (k === undefined || !indicatorIndexes.includes(k)) {
        issues.push(
          `Tiêu chí số ${criterion.number}: quy tắc nhắc tới chỉ tiêu ${item} không thuộc tiêu chí`,
        );
        return undefined;
      }
      return k;
    };
    const rule: Rule = criterion.rule ?? { op: "all" };
    return {
      index,
      criterion,
      indicatorIndexes,
      rule: compileRule(rule, indicatorIndexes, resolveItem, issues),
    };
  });
  const criterionPositions = criteria.map((c) => c.index);
  const criterionByNumber = new Map(merged.criteria.map((c, k) => [c.number, k]));
  const setRule = compileRule(
    merged.rule ?? { op: "all" },
    criterionPositions,
    (item) => {
      const k = criterionByNumber.get(Number(item));
      if (k === undefined) issues.push(`Quy tắc của bộ nhắc tới tiêu chí ${item} không có`);
      return k;
    },
    issues,
  );
  if (merged.revocation)
    for (const n of merged.revocation.criticalCriteria)
      if (!criterionByNumber.has(n)) issues.push(`Tiêu chí trọng yếu số ${n} không có trong bộ`);

  const related = new Map((options.related ?? []).map((r) => [r.set.id, r]));
  for (const ci of indicators)
    for (const rule of ci.rules)
      if (rule.relativeTo && !related.has(rule.relativeTo.set))
        issues.push(
          `Chỉ tiêu ${ci.code}: ngưỡng theo bộ "${rule.relativeTo.set}" nhưng chưa có bộ đó`,
        );

  if (issues.length > 0) throw new CriteriaSetError(issues);
  const core: Omit<CompiledCriteriaSet, "tables"> = {
    compiled: true,
    set: merged,
    resolved,
    dimensions: merged.dimensions,
    indicators,
    order,
    enteredCount: entered.length,
    enteredCodes: entered.map((i) => indicators[i]?.code ?? ""),
    indicatorIndex,
    criteria,
    criteriaRules: ruleList(criteria.map((c) => c.rule)),
    setRule,
    related,
  };
  return { ...core, tables: new ThresholdTables(core) };
}
