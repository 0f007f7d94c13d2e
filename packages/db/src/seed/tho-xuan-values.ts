import {
  type CompiledCriteriaSet,
  type IndicatorValue,
  periodYear,
  type ValueMap,
} from "@datchuan/domain";

/**
 * Values that make a commune fail exactly the planned indicators: each value is placed a few
 * points beyond the threshold that judges the unit that year, on the failing side for planned
 * failures and on the passing side (outside the fragile margin where room allows) for the rest.
 * `spread` varies the distance so communes do not all report the same numbers.
 */
export function valuesForPlan(
  compiled: CompiledCriteriaSet,
  params: {
    attributes: Readonly<Record<string, string>>;
    period: string;
    failing: readonly string[];
    spread: number;
  },
): ValueMap {
  const failing = new Set(params.failing);
  for (const code of failing)
    if (!compiled.indicatorIndex.has(code))
      throw new Error(`Plan names indicator ${code}, not in ${compiled.set.id}`);
  const year = periodYear(params.period);
  const entries = compiled.tables.entries(compiled.tables.profileOf(params.attributes), year);
  const values: Record<string, IndicatorValue> = {};
  for (const ci of compiled.indicators) {
    if (!ci.entered) continue;
    const threshold = entries[ci.index]?.applied;
    if (!threshold || threshold.value === null)
      throw new Error(`${compiled.set.id}: no threshold for ${ci.code} in ${year}`);
    const pass = !failing.has(ci.code);
    const t = threshold.value;
    const period = params.period;
    if (typeof t === "boolean") {
      values[ci.code] = { kind: "boolean", period, value: pass ? t : !t };
    } else if (typeof t === "string") {
      const levels = ci.indicator.kind === "level" ? ci.indicator.levels.map((l) => l.code) : [];
      const rank = levels.indexOf(t);
      const up = threshold.comparator === "gte" || threshold.comparator === "gt";
      const failRank = up ? rank - 1 : rank + 1;
      const value = pass ? t : levels[failRank];
      if (value === undefined) throw new Error(`${ci.code}: no level to fail ${t}`);
      values[ci.code] = { kind: "level", period, value };
    } else {
      const up = threshold.comparator === "gte" || threshold.comparator === "gt";
      const percent = ci.percent;
      // Percentages move by points, other quantities by a share of the threshold.
      const step = percent
        ? 3 + (params.spread % 5)
        : Math.max(1, t * (0.06 + (params.spread % 5) / 100));
      const beyond = (pass ? 1 : -1) * (up ? 1 : -1) * step;
      let value = Math.round((t + beyond) * 10) / 10;
      if (percent) value = Math.min(100, Math.max(0, value));
      if (ci.kind === "count") value = Math.max(0, Math.round(value));
      values[ci.code] = { kind: "number", period, value };
    }
  }
  return values;
}
