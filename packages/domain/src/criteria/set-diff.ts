import type { CriteriaSetInput } from "./model";

/**
 * What changed between two versions of a criteria set (or a draft and the version in force):
 * criteria by number, indicators by code, thresholds by their scope (dimension values and
 * years). Pure, over the definitions as authored, so the editor can show it before saving.
 */
export type SetChangeKind = "added" | "removed" | "changed";

export interface SetChange {
  level: "set" | "criterion" | "indicator" | "threshold";
  kind: SetChangeKind;
  criterion?: number;
  indicator?: string;
  /** The threshold's scope as text ("region: BTB · 2024–2025"), for threshold changes. */
  scope?: string;
  /** The field that changed ("title", "comparator", "value", "provenance"…). */
  field?: string;
  before?: unknown;
  after?: unknown;
}

type InputCriterion = CriteriaSetInput["criteria"][number];
type InputIndicator = InputCriterion["indicators"][number];
type InputThreshold = InputIndicator["thresholds"][number];

const SET_FIELDS = ["title", "level", "effective", "legalBasis", "adapts", "rule"] as const;
const CRITERION_FIELDS = ["name", "group", "department", "rule"] as const;
const INDICATOR_FIELDS = [
  "name",
  "kind",
  "unitOfMeasure",
  "comparator",
  "optional",
  "department",
  "source",
  "frequency",
  "validity",
] as const;

/** Key-order independent JSON, so `{a,b}` and `{b,a}` compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** "region: BTB, TDMNPB · 2024–2025"; "mọi đơn vị" when a rule applies to every unit and year. */
export function thresholdScopeText(rule: {
  when?: Record<string, string[]> | undefined;
  years?: { from?: number | undefined; to?: number | undefined } | undefined;
}): string {
  const parts = Object.entries(rule.when ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dimension, values]) => `${dimension}: ${[...values].sort().join(", ")}`);
  const { from, to } = rule.years ?? {};
  if (from !== undefined || to !== undefined)
    parts.push(from === to ? `${from}` : `${from ?? "…"}–${to ?? "…"}`);
  return parts.length > 0 ? parts.join(" · ") : "mọi đơn vị";
}

function thresholdValue(rule: InputThreshold): unknown {
  return "relativeTo" in rule && rule.relativeTo ? { relativeTo: rule.relativeTo } : rule.value;
}

function diffThresholds(
  before: readonly InputThreshold[],
  after: readonly InputThreshold[],
  at: { criterion: number; indicator: string },
  out: SetChange[],
): void {
  // Several rules may share a scope (an adaptation restating a year); pair them in order.
  const byScope = new Map<string, InputThreshold[]>();
  for (const rule of before) {
    const key = thresholdScopeText(rule);
    byScope.set(key, [...(byScope.get(key) ?? []), rule]);
  }
  for (const rule of after) {
    const scope = thresholdScopeText(rule);
    const old = byScope.get(scope)?.shift();
    if (!old) {
      out.push({ level: "threshold", kind: "added", ...at, scope, after: thresholdValue(rule) });
      continue;
    }
    if (!same(thresholdValue(old), thresholdValue(rule)))
      out.push({
        level: "threshold",
        kind: "changed",
        ...at,
        scope,
        field: "value",
        before: thresholdValue(old),
        after: thresholdValue(rule),
      });
    if (!same(old.provenance, rule.provenance))
      out.push({
        level: "threshold",
        kind: "changed",
        ...at,
        scope,
        field: "provenance",
        before: old.provenance,
        after: rule.provenance,
      });
  }
  for (const [scope, rules] of byScope)
    for (const rule of rules)
      out.push({ level: "threshold", kind: "removed", ...at, scope, before: thresholdValue(rule) });
}

function diffFields<T extends object>(
  before: T,
  after: T,
  fields: readonly string[],
  base: Omit<SetChange, "kind">,
  out: SetChange[],
): void {
  for (const field of fields) {
    const a = (before as Record<string, unknown>)[field];
    const b = (after as Record<string, unknown>)[field];
    if (!same(a, b)) out.push({ ...base, kind: "changed", field, before: a, after: b });
  }
}

function diffIndicator(
  criterion: number,
  before: InputIndicator,
  after: InputIndicator,
  out: SetChange[],
): void {
  const at = { criterion, indicator: after.code };
  diffFields(before, after, INDICATOR_FIELDS, { level: "indicator", ...at }, out);
  diffThresholds(before.thresholds, after.thresholds, at, out);
}

/** Every difference from `before` to `after`, in the order of `after` (removals last). */
export function diffCriteriaSets(before: CriteriaSetInput, after: CriteriaSetInput): SetChange[] {
  const out: SetChange[] = [];
  diffFields(before, after, SET_FIELDS, { level: "set" }, out);
  const oldCriteria = new Map(before.criteria.map((c) => [c.number, c]));
  for (const criterion of after.criteria) {
    const old = oldCriteria.get(criterion.number);
    oldCriteria.delete(criterion.number);
    if (!old) {
      out.push({
        level: "criterion",
        kind: "added",
        criterion: criterion.number,
        after: criterion.name,
      });
      for (const indicator of criterion.indicators)
        out.push({
          level: "indicator",
          kind: "added",
          criterion: criterion.number,
          indicator: indicator.code,
          after: indicator.name,
        });
      continue;
    }
    diffFields(
      old,
      criterion,
      CRITERION_FIELDS,
      { level: "criterion", criterion: old.number },
      out,
    );
    const oldIndicators = new Map(old.indicators.map((i) => [i.code, i]));
    for (const indicator of criterion.indicators) {
      const previous = oldIndicators.get(indicator.code);
      oldIndicators.delete(indicator.code);
      if (previous) diffIndicator(criterion.number, previous, indicator, out);
      else
        out.push({
          level: "indicator",
          kind: "added",
          criterion: criterion.number,
          indicator: indicator.code,
          after: indicator.name,
        });
    }
    for (const removed of oldIndicators.values())
      out.push({
        level: "indicator",
        kind: "removed",
        criterion: criterion.number,
        indicator: removed.code,
        before: removed.name,
      });
  }
  for (const removed of oldCriteria.values())
    out.push({
      level: "criterion",
      kind: "removed",
      criterion: removed.number,
      before: removed.name,
    });
  return out;
}
