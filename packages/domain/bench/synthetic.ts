import {
  type CriteriaSet,
  type CriteriaSetInput,
  criteriaSetSchema,
  type IndicatorValue,
  type UnitProfile,
  type ValueMap,
} from "../src/index";

/**
 * A synthetic set shaped like NTM nâng cao (19 criteria, 75 indicators, thresholds by region and
 * by year for income) and deterministic communes. Numbers are made up and look it.
 */

export const REGIONS = ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"] as const;
const PER_CRITERION = [2, 4, 2, 3, 2, 4, 2, 5, 3, 3, 2, 3, 6, 4, 6, 3, 14, 5, 2]; // sums to 75

/** mulberry32: a small seeded PRNG, so every run sees the same communes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const made = { source: "Bộ tiêu chí tổng hợp để đo tốc độ", verified: false } as const;

export type Kind = "boolean" | "percentage" | "ratio" | "number" | "count" | "level";

export interface BenchIndicator {
  code: string;
  kind: Kind;
  comparator: "gte" | "lte";
  /** Threshold per region index (and per year offset for income). */
  byRegion: number[];
  yearStep: number;
}

export function buildBenchSet(): { set: CriteriaSet; indicators: BenchIndicator[] } {
  const rand = prng(42);
  const indicators: BenchIndicator[] = [];
  const criteria: CriteriaSetInput["criteria"] = PER_CRITERION.map((n, c) => {
    const number = c + 1;
    const list: CriteriaSetInput["criteria"][number]["indicators"] = [];
    for (let k = 1; k <= n; k++) {
      const code = n === 1 ? String(number) : `${number}.${k}`;
      const roll = (number * 31 + k * 7) % 20;
      const kind: Kind =
        number === 10 && k === 1
          ? "number"
          : roll < 8
            ? "boolean"
            : roll < 13
              ? "percentage"
              : roll < 16
                ? "ratio"
                : roll < 18
                  ? "count"
                  : roll < 19
                    ? "level"
                    : "number";
      const comparator = kind === "percentage" && roll === 12 ? "lte" : "gte";
      const base =
        kind === "percentage"
          ? comparator === "lte"
            ? 10
            : 80
          : kind === "ratio"
            ? 90
            : kind === "number"
              ? 50
              : kind === "count"
                ? 2
                : 1;
      const byRegion = REGIONS.map((_, r) =>
        kind === "percentage" || kind === "ratio"
          ? base + Math.round(rand() * 100) / 10 - 5 + r * 0.5
          : base + (kind === "number" ? r * 4 : 0),
      );
      const yearStep = kind === "number" ? 5 : 0;
      indicators.push({ code, kind, comparator, byRegion, yearStep });
      const common = { code, name: `Chỉ tiêu ${code}`, provenance: made };
      if (kind === "boolean")
        list.push({
          ...common,
          kind,
          unitOfMeasure: "",
          thresholds: [{ value: true, provenance: made }],
        });
      else if (kind === "level")
        list.push({
          ...common,
          kind,
          unitOfMeasure: "",
          levels: [
            { code: "tb", name: "Trung bình" },
            { code: "kha", name: "Khá" },
            { code: "tot", name: "Tốt" },
          ],
          comparator: "gte",
          thresholds: [{ value: "kha", provenance: made }],
        });
      else {
        const thresholds = REGIONS.flatMap((region, r) =>
          yearStep > 0
            ? [2022, 2023, 2024, 2025].map((year, y) => ({
                when: { region: [region] },
                years: { from: year, to: year },
                value: (byRegion[r] ?? 0) + y * yearStep,
                provenance: made,
              }))
            : [{ when: { region: [region] }, value: byRegion[r] ?? 0, provenance: made }],
        );
        const unitOfMeasure =
          kind === "number" ? "triệu đồng/người/năm" : kind === "count" ? "sản phẩm" : "%";
        if (kind === "ratio")
          list.push({
            ...common,
            kind,
            unitOfMeasure,
            comparator,
            thresholds,
            numeratorLabel: "người",
            denominatorLabel: "người dân",
          });
        else list.push({ ...common, kind, unitOfMeasure, comparator, thresholds });
      }
    }
    return { number, name: `Tiêu chí ${number}`, group: "G", indicators: list, provenance: made };
  });
  const set = criteriaSetSchema.parse({
    id: "bench-nc",
    version: "1",
    title: "Bộ tiêu chí tổng hợp (giống NTM nâng cao)",
    level: "commune",
    effective: { from: "2022-01-01", to: "2025-12-31" },
    legalBasis: [{ source: "Tổng hợp để đo tốc độ" }],
    dimensions: [
      { id: "region", name: "Vùng", values: REGIONS.map((code) => ({ code, name: code })) },
    ],
    groups: [{ id: "G", name: "Nhóm" }],
    criteria,
  });
  return { set, indicators };
}

export interface BenchCommune {
  unit: UnitProfile;
  region: number;
  values: ValueMap;
}

/** Communes whose values sit around the thresholds, ~8 % failing per indicator. */
export function buildCommunes(count: number, indicators: BenchIndicator[]): BenchCommune[] {
  const rand = prng(7);
  const communes: BenchCommune[] = [];
  for (let u = 0; u < count; u++) {
    const region = u % REGIONS.length;
    const values: Record<string, IndicatorValue> = {};
    for (const ind of indicators) {
      const fail = rand() < 0.08;
      const t = (ind.byRegion[region] ?? 0) + 2 * ind.yearStep;
      const up = ind.comparator === "gte" ? 1 : -1;
      const delta = (fail ? -1 : 1) * up * (1 + Math.floor(rand() * 5));
      const period = "2024";
      if (ind.kind === "boolean") values[ind.code] = { kind: "boolean", value: !fail, period };
      else if (ind.kind === "level")
        values[ind.code] = { kind: "level", value: fail ? "tb" : "tot", period };
      else if (ind.kind === "ratio") {
        const denominator = 2000 + Math.floor(rand() * 8000);
        const numerator = Math.min(
          denominator,
          Math.max(0, Math.round(((t + delta) * denominator) / 100)),
        );
        values[ind.code] = { kind: "ratio", numerator, denominator, period };
      } else if (ind.kind === "count")
        values[ind.code] = { kind: "number", value: Math.max(0, t + (fail ? -1 : 1)), period };
      else
        values[ind.code] = { kind: "number", value: Math.round((t + delta / 2) * 10) / 10, period };
    }
    communes.push({
      unit: { code: `XA-${u}`, attributes: { region: REGIONS[region] as string } },
      region,
      values,
    });
  }
  return communes;
}
