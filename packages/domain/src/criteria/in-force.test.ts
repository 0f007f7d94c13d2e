import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { type Observation, periodFrequency, valuesInForce } from "./in-force";
import type { ReportingFrequency } from "./model";
import { buildSet, criterion, percentAtLeast } from "./testing";
import { periodStart } from "./values";

const indicator = (code: string, frequency?: ReportingFrequency, graceMonths?: number) => ({
  ...percentAtLeast(code, 50),
  ...(frequency ? { frequency } : {}),
  ...(graceMonths !== undefined ? { validity: { graceMonths } } : {}),
});
const set = buildSet([
  criterion(1, [
    indicator("1.1"),
    indicator("1.2", "monthly"),
    indicator("1.3", "quarterly"),
    indicator("1.4", "yearly", 6),
  ]),
]);
// Each figure is its period's position in the list, so a case names the period it expects.
const observe = (code: string, periods: string[]): Observation[] =>
  periods.map((period, k) => ({ indicator: code, value: { kind: "number", value: k, period } }));
const pick = (code: string, periods: string[], asOf: string) =>
  valuesInForce(set, observe(code, periods), asOf)[code]?.period ?? null;

describe("valuesInForce: the value in force on a date", () => {
  it.each([
    // yearly by default
    ["1.1", ["2023", "2024"], "2024-06-30", "2024"],
    ["1.1", ["2023", "2024"], "2023-12-31", "2023"],
    ["1.1", ["2024", "2025"], "2024-12-31", "2024"],
    ["1.1", ["2025"], "2024-12-31", null],
    ["1.1", ["2024-Q3", "2024"], "2024-12-31", "2024"],
    ["1.1", ["2024", "2024-Q4"], "2024-12-31", "2024"],
    ["1.1", ["2024", "2024-Q4"], "2025-01-01", "2024"],
    // a valid figure of another frequency beats an expired one of the usual frequency
    ["1.1", ["2023", "2024-Q2"], "2024-05-15", "2024-Q2"],
    // nothing valid: the best expired figure is kept so the verdict says stale
    ["1.1", ["2022", "2023"], "2024-06-30", "2023"],
    // monthly
    ["1.2", ["2024-04", "2024-05", "2024-06"], "2024-05-31", "2024-05"],
    ["1.2", ["2024", "2024-05"], "2024-05-20", "2024-05"],
    ["1.2", ["2024", "2024-05"], "2024-06-20", "2024"],
    ["1.2", ["2024-04", "2024-05"], "2024-07-01", "2024-05"],
    // quarterly
    ["1.3", ["2024-Q1", "2024-Q2", "2024"], "2024-05-01", "2024-Q2"],
    ["1.3", ["2024-Q1", "2024-05"], "2024-05-01", "2024-05"],
    // six months' grace: the 2023 figure stands until 30/6/2024 if 2024's is not in yet
    ["1.4", ["2023"], "2024-06-30", "2023"],
    ["1.4", ["2023", "2024"], "2024-06-30", "2024"],
    ["1.4", ["2023", "2024-Q1"], "2024-06-30", "2023"],
    ["1.4", ["2023", "2024-Q1"], "2024-09-30", "2024-Q1"],
  ])("%s with %j on %s → %s", (code, periods, asOf, expected) => {
    expect(pick(code, periods, asOf)).toBe(expected);
  });

  it("honours a value's own validUntil (a certificate's expiry)", () => {
    const observations: Observation[] = [
      {
        indicator: "1.1",
        value: { kind: "number", value: 1, period: "2022", validUntil: "2025-12-31" },
      },
      { indicator: "1.1", value: { kind: "number", value: 2, period: "2023" } },
    ];
    expect(valuesInForce(set, observations, "2024-06-30")["1.1"]).toMatchObject({ value: 1 });
  });

  it("keeps indicators apart and gives what the evaluator judges on that date", () => {
    const observations = [...observe("1.1", ["2023", "2024"]), ...observe("1.2", ["2024-05"])];
    const values = valuesInForce(set, observations, "2024-05-31");
    expect(Object.keys(values).sort()).toEqual(["1.1", "1.2"]);
    const verdict = evaluate(set, { code: "XA", attributes: {} }, values, "2024-05-31");
    expect(verdict.criteria[0]?.indicators.map((i) => i.status)).toEqual([
      "not_met",
      "not_met",
      "missing",
      "missing",
    ]);
  });

  it.each([
    ["2024", "yearly"],
    ["2024-Q3", "quarterly"],
    ["2024-11", "monthly"],
  ])("period %s is %s", (period, frequency) => {
    expect(periodFrequency(period)).toBe(frequency);
  });
});

describe("valuesInForce properties", () => {
  const period = fc.oneof(
    fc.integer({ min: 2020, max: 2026 }).map(String),
    fc
      .tuple(fc.integer({ min: 2020, max: 2026 }), fc.integer({ min: 1, max: 4 }))
      .map(([y, q]) => `${y}-Q${q}`),
    fc
      .tuple(fc.integer({ min: 2020, max: 2026 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
  );
  const asOf = fc
    .tuple(
      fc.integer({ min: 2020, max: 2026 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  const code = fc.constantFrom("1.1", "1.2", "1.3", "1.4");
  const observations = fc.uniqueArray(fc.tuple(code, period), {
    selector: ([c, p]) => `${c} ${p}`,
    maxLength: 12,
  });
  const toObservations = (pairs: Array<[string, string]>): Observation[] =>
    pairs.map(([indicator, p], k) => ({
      indicator,
      value: { kind: "number", value: k, period: p },
    }));

  it("does not depend on the order the values come in", () => {
    fc.assert(
      fc.property(observations, asOf, (pairs, date) => {
        const forward = valuesInForce(set, toObservations(pairs), date);
        const backward = valuesInForce(set, toObservations(pairs).reverse(), date);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it("picks, for every indicator with a period begun by the date, one of its own values", () => {
    fc.assert(
      fc.property(observations, asOf, (pairs, date) => {
        const all = toObservations(pairs);
        const inForce = valuesInForce(set, all, date);
        for (const c of ["1.1", "1.2", "1.3", "1.4"]) {
          const begun = all.filter((o) => o.indicator === c && periodStart(o.value.period) <= date);
          if (begun.length === 0) expect(inForce[c]).toBeUndefined();
          else expect(begun.map((o) => o.value)).toContain(inForce[c]);
        }
      }),
    );
  });
});

describe("valuesInForce for a village's values", () => {
  const withChildren = buildSet([
    criterion(6, [
      {
        ...percentAtLeast("6.3", 100),
        kind: "ratio",
        numeratorLabel: "thôn có nhà văn hóa",
        denominatorLabel: "thôn",
        frequency: "quarterly",
        validity: { graceMonths: 3 },
        source: { kind: "children", indicator: "1", aggregate: "share_true" },
      },
    ]),
  ]);
  const village = (periods: string[]): Observation[] =>
    periods.map((period, k) => ({
      indicator: "1",
      value: { kind: "boolean", value: k % 2 === 0, period },
    }));

  it.each([
    [["2024", "2024-Q1"], "2024-05-15", "2024-Q1"],
    [["2024", "2024-Q1"], "2024-06-30", "2024-Q1"],
    [["2024", "2024-Q1"], "2024-07-31", "2024"],
    [["2023-Q4", "2024-Q2"], "2024-03-31", "2023-Q4"],
  ])(
    "%j on %s → %s (quarterly, three months' grace, from the derived indicator)",
    (periods, asOf, expected) => {
      const values = valuesInForce(withChildren, village(periods), asOf, { of: "children" });
      expect(values["1"]?.period).toBe(expected);
    },
  );
});
