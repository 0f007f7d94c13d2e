import {
  type ChildUnit,
  type CriteriaSet,
  type CriteriaSetInput,
  criteriaSetSchema,
  type IndicatorValue,
  type UnitValues,
} from "../src/index";
import { type BenchIndicator, buildBenchSet, prng, REGIONS } from "./synthetic";

/**
 * The realistic case beside the best one: what a district's history view asks of the evaluator.
 * The same 75 indicators, plus
 * - k-of-n rules: a criterion of four or more indicators is met with all but one (at_least);
 * - derived indicators: the share of villages with a cultural house (from children, 4–8
 *   villages each) and the poor-household rate (one entered indicator ÷ another);
 * - several periods: every commune judged as of the end of 2022, 2023 and 2024, with values of
 *   that year, the year before (current for survey indicators valid 12 more months, stale for the
 *   rest) or two years before (stale);
 * - missing values: 5 % of entered values absent, 1 % of villages without an answer.
 */

export const YEARS = [2022, 2023, 2024] as const;
const made = { source: "Bộ tiêu chí tổng hợp để đo tốc độ", verified: false } as const;

/** Survey indicators, valid 12 months past their year: every third yes/no or percentage one. */
export const surveyed = (ind: BenchIndicator, i: number) =>
  (ind.kind === "boolean" || ind.kind === "percentage") && i % 3 === 0;

/** The derived and input indicators the realistic set adds, by code. */
export const ADDED = {
  villageShare: "6.5",
  households: "10.4",
  poorHouseholds: "10.5",
  poorRate: "10.6",
} as const;
export const VILLAGE_SHARE_MIN = 80;
/** The villages' own indicator: the village has a cultural house. */
export const VILLAGE_HOUSE = "1";
export const POOR_RATE_MAX = 3;

export interface RealisticSet {
  set: CriteriaSet;
  indicators: BenchIndicator[];
  /** Items each criterion's rule counts and how many must be met (k of n). */
  criterionRules: { number: number; of: string[]; k: number }[];
}

export function buildRealisticSet(): RealisticSet {
  const { set, indicators } = buildBenchSet();
  const index = new Map(indicators.map((ind, i) => [ind.code, i]));
  const criterionRules: RealisticSet["criterionRules"] = [];
  const criteria = set.criteria.map((criterion) => {
    const list: CriteriaSetInput["criteria"][number]["indicators"] = criterion.indicators.map(
      (indicator) =>
        surveyed(
          indicators[index.get(indicator.code) ?? -1] as BenchIndicator,
          index.get(indicator.code) ?? -1,
        )
          ? { ...indicator, validity: { graceMonths: 12 } }
          : indicator,
    );
    const base = list.map((indicator) => indicator.code);
    if (criterion.number === 6) {
      list.push({
        code: ADDED.villageShare,
        name: "Tỷ lệ thôn có nhà văn hóa",
        provenance: made,
        kind: "ratio",
        unitOfMeasure: "%",
        comparator: "gte",
        thresholds: [{ value: VILLAGE_SHARE_MIN, provenance: made }],
        numeratorLabel: "thôn có nhà văn hóa",
        denominatorLabel: "thôn",
        source: { kind: "children", indicator: VILLAGE_HOUSE, aggregate: "share_true" },
      });
      base.push(ADDED.villageShare);
    }
    let rule: CriteriaSetInput["criteria"][number]["rule"];
    if (criterion.number === 10) {
      list.push(
        {
          code: ADDED.households,
          name: "Số hộ",
          provenance: made,
          kind: "count",
          unitOfMeasure: "hộ",
          comparator: "gte",
          thresholds: [{ value: 1, provenance: made }],
        },
        {
          code: ADDED.poorHouseholds,
          name: "Số hộ nghèo",
          provenance: made,
          kind: "count",
          unitOfMeasure: "hộ",
          comparator: "gte",
          thresholds: [{ value: 0, provenance: made }],
        },
        {
          code: ADDED.poorRate,
          name: "Tỷ lệ hộ nghèo",
          provenance: made,
          kind: "ratio",
          unitOfMeasure: "%",
          comparator: "lte",
          thresholds: [{ value: POOR_RATE_MAX, provenance: made }],
          numeratorLabel: "hộ nghèo",
          denominatorLabel: "hộ",
          source: {
            kind: "indicators",
            inputs: [ADDED.poorHouseholds, ADDED.households],
            op: "ratio",
          },
        },
      );
      // The counts are inputs: the criterion asks for the rate, not for them.
      base.push(ADDED.poorRate);
      rule = { op: "all", of: base };
      criterionRules.push({ number: criterion.number, of: base, k: base.length });
    } else if (base.length >= 4) {
      rule = { op: "at_least", k: base.length - 1, of: base };
      criterionRules.push({ number: criterion.number, of: base, k: base.length - 1 });
    } else {
      criterionRules.push({ number: criterion.number, of: base, k: base.length });
    }
    return { ...criterion, indicators: list, ...(rule ? { rule } : {}) };
  });
  return {
    set: criteriaSetSchema.parse({ ...set, id: "bench-realistic", criteria }),
    indicators,
    criterionRules,
  };
}

export interface RealisticCommune {
  region: number;
  /** One entry per year of YEARS: what the commune had on file at the end of that year. */
  years: UnitValues[];
}

/** Threshold of a base indicator for a region and a value's period year. */
export const thresholdOf = (ind: BenchIndicator, region: number, year: number) =>
  (ind.byRegion[region] ?? 0) + (year - 2022) * ind.yearStep;

function valueNear(
  ind: BenchIndicator,
  t: number,
  rand: () => number,
  period: string,
): IndicatorValue {
  const fail = rand() < 0.08;
  const up = ind.comparator === "gte" ? 1 : -1;
  const delta = (fail ? -1 : 1) * up * (1 + Math.floor(rand() * 5));
  if (ind.kind === "boolean") return { kind: "boolean", value: !fail, period };
  if (ind.kind === "level") return { kind: "level", value: fail ? "tb" : "tot", period };
  if (ind.kind === "ratio") {
    const denominator = 2000 + Math.floor(rand() * 8000);
    const numerator = Math.min(
      denominator,
      Math.max(0, Math.round(((t + delta) * denominator) / 100)),
    );
    return { kind: "ratio", numerator, denominator, period };
  }
  if (ind.kind === "count")
    return { kind: "number", value: Math.max(0, t + (fail ? -1 : 1)), period };
  return { kind: "number", value: Math.round((t + delta / 2) * 10) / 10, period };
}

export function buildRealisticCommunes(
  count: number,
  indicators: BenchIndicator[],
): RealisticCommune[] {
  const rand = prng(11);
  const communes: RealisticCommune[] = [];
  for (let u = 0; u < count; u++) {
    const region = u % REGIONS.length;
    const villages = 4 + (u % 5);
    const years = YEARS.map((year): UnitValues => {
      const values: Record<string, IndicatorValue> = {};
      indicators.forEach((ind) => {
        if (rand() < 0.05) return;
        const age = rand();
        const valueYear = age < 0.8 ? year : age < 0.95 ? year - 1 : year - 2;
        values[ind.code] = valueNear(
          ind,
          thresholdOf(ind, region, valueYear),
          rand,
          String(valueYear),
        );
      });
      if (rand() >= 0.03) {
        const households = 800 + Math.floor(rand() * 2200);
        // 1.5–2.5 % or 3.5–4.5 %: never exactly on the 3 % line.
        const rate = (rand() < 0.85 ? 1.5 : 3.5) + rand();
        const period = String(rand() < 0.9 ? year : year - 1);
        values[ADDED.households] = { kind: "number", value: households, period: String(year) };
        values[ADDED.poorHouseholds] = {
          kind: "number",
          value: Math.round((households * rate) / 100),
          period,
        };
      }
      const children: ChildUnit[] = Array.from({ length: villages }, (_, k) => ({
        code: `XA-${u}.THON-${k}`,
        values:
          rand() < 0.01
            ? {}
            : { [VILLAGE_HOUSE]: { kind: "boolean", value: rand() < 0.92, period: String(year) } },
      }));
      return {
        unit: { code: `XA-${u}`, attributes: { region: REGIONS[region] as string }, children },
        values,
      };
    });
    communes.push({ region, years });
  }
  return communes;
}
