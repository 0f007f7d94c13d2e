import type { CriteriaSetInput, Rule } from "@datchuan/domain";

/** A problem the structured editors show beside a derived source or a criterion rule. */
export interface ReferenceIssue {
  /** The form path of the field showing it: `criteria.0.indicators.2.source`, `criteria.0.rule`. */
  path: string;
  key:
    | "inputsMissing"
    | "ratioTwo"
    | "unknownInput"
    | "selfInput"
    | "unknownItem"
    | "kTooLarge"
    | "childIndicatorMissing"
    | "setMissing";
  values?: Record<string, string | number>;
}

/** A rule the structured editor edits: one operation over this criterion's indicators. */
export function isFlatRule(rule: Rule | undefined): boolean {
  return !rule || (rule.of ?? []).every((item) => typeof item === "string");
}

/**
 * What the domain's compiler would refuse about derived sources and criterion rules, found
 * while editing so each shows beside its field: inputs that are no indicator of the set (or of
 * the set it adapts), an indicator fed by itself, a ratio without exactly two inputs, a rule
 * naming an indicator outside its criterion, "at least k" of fewer than k.
 */
export function referenceIssues(
  set: Pick<CriteriaSetInput, "criteria">,
  parentCodes: ReadonlySet<string> = new Set(),
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const codes = new Set(parentCodes);
  for (const criterion of set.criteria)
    for (const indicator of criterion.indicators) codes.add(indicator.code);
  set.criteria.forEach((criterion, c) => {
    criterion.indicators.forEach((indicator, i) => {
      const path = `criteria.${c}.indicators.${i}.source`;
      const source = indicator.source;
      if (!source || source.kind === "entered") return;
      if (source.kind === "indicators") {
        if (source.inputs.length === 0) issues.push({ path, key: "inputsMissing" });
        if (source.op === "ratio" && source.inputs.length !== 2)
          issues.push({ path, key: "ratioTwo" });
        for (const input of source.inputs) {
          if (input === indicator.code) issues.push({ path, key: "selfInput" });
          else if (input && !codes.has(input))
            issues.push({ path, key: "unknownInput", values: { code: input } });
        }
      } else if (source.kind === "children" && !source.indicator.trim())
        issues.push({ path, key: "childIndicatorMissing" });
      else if (source.kind === "set_met" && !source.set.trim())
        issues.push({ path, key: "setMissing" });
    });
    const rule = criterion.rule as Rule | undefined;
    if (!rule || !isFlatRule(rule)) return;
    const path = `criteria.${c}.rule`;
    // A criterion restated by an adaptation may name the parent's indicators as well.
    const own = new Set([...criterion.indicators.map((i) => i.code), ...parentCodes]);
    const items = (rule.of ?? []) as string[];
    for (const item of items)
      if (!own.has(item)) issues.push({ path, key: "unknownItem", values: { code: item } });
    // Without a list, a restated criterion also counts the parent's indicators: unknown here.
    const count = items.length || (parentCodes.size === 0 ? criterion.indicators.length : null);
    if (rule.op === "at_least" && count !== null && rule.k > count)
      issues.push({ path, key: "kTooLarge", values: { k: rule.k, count } });
  });
  return issues;
}
