import type { IndicatorStatus, RuleStatus, VerdictOutline } from "./verdicts";

/** One change between two evaluations of the same unit. */
export interface VerdictChange {
  level: "set" | "criterion" | "indicator";
  /** Set id, criterion number or indicator code. */
  code: string;
  before: IndicatorStatus | RuleStatus | "absent";
  after: IndicatorStatus | RuleStatus | "absent";
  /** Met before and after, but fragile now and not before (or the reverse, for improved). */
  fragility?: boolean;
}

export interface EvaluationComparison {
  regressed: VerdictChange[];
  improved: VerdictChange[];
  /** Other changes: between unknown states, or in or out of not applicable. */
  changed: VerdictChange[];
}

// Met is the top; not met the bottom; every unknown state sits between.
function rank(status: string): number | null {
  if (status === "met") return 2;
  if (status === "not_met") return 0;
  if (status === "not_applicable" || status === "absent") return null;
  return 1;
}

function classify(change: VerdictChange, out: EvaluationComparison): void {
  if (change.before === change.after && change.fragility === undefined) return;
  const a = rank(change.before);
  const b = rank(change.after);
  if (change.fragility !== undefined && change.before === change.after)
    (change.fragility ? out.regressed : out.improved).push(change);
  else if (a === null || b === null || a === b) out.changed.push(change);
  else (b < a ? out.regressed : out.improved).push(change);
}

/**
 * What regressed and what improved between two evaluations of one unit (against the same set or
 * a revised one): the set, each criterion by number, each indicator by code.
 */
export function compareEvaluations(
  before: VerdictOutline,
  after: VerdictOutline,
): EvaluationComparison {
  const out: EvaluationComparison = { regressed: [], improved: [], changed: [] };
  classify({ level: "set", code: after.set.id, before: before.status, after: after.status }, out);
  const beforeCriteria = new Map(before.criteria.map((c) => [c.number, c]));
  const beforeIndicators = new Map(
    before.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i])),
  );
  const seen = new Set<string>();
  for (const c of after.criteria) {
    const b = beforeCriteria.get(c.number);
    classify(
      {
        level: "criterion",
        code: String(c.number),
        before: b?.status ?? "absent",
        after: c.status,
      },
      out,
    );
    for (const i of c.indicators) {
      seen.add(i.code);
      const bi = beforeIndicators.get(i.code);
      const change: VerdictChange = {
        level: "indicator",
        code: i.code,
        before: bi?.status ?? "absent",
        after: i.status,
      };
      if (bi?.status === "met" && i.status === "met" && bi.fragile !== i.fragile)
        change.fragility = i.fragile;
      classify(change, out);
    }
  }
  for (const [code, bi] of beforeIndicators)
    if (!seen.has(code))
      classify({ level: "indicator", code, before: bi.status, after: "absent" }, out);
  return out;
}
