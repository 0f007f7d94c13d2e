import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCriteriaSet } from "./compile";
import { evaluate } from "./evaluate";
import { judgeUnit } from "./judge";
import type { CriteriaSetInput } from "./model";
import { rollup, rollupUnits } from "./rollup";
import { evaluateRule, evaluateRules, type RuleNode, ruleList } from "./rules";
import { Scratch } from "./scratch";
import { buildSet, criterion, levelAtLeastKha, REGIONS, unverified } from "./testing";
import type { IndicatorValue, UnitProfile, ValueMap } from "./values";

/**
 * A roll-up judges most values in a first pass over flat arrays (judge-common.ts) and leaves the
 * rest to the general loop that explained verdicts use. Here both judge the same random units of
 * a set with every kind of indicator, threshold and value, and must agree on every indicator.
 */

type IndicatorInput = CriteriaSetInput["criteria"][number]["indicators"][number];
const p = unverified;
const common = (code: string) => ({ code, name: `Chỉ tiêu ${code}`, provenance: p });

const indicators: IndicatorInput[] = [
  {
    ...common("1.1"),
    kind: "boolean",
    unitOfMeasure: "",
    thresholds: [{ value: true, provenance: p }],
  },
  {
    ...common("1.2"),
    kind: "boolean",
    unitOfMeasure: "",
    thresholds: [{ value: false, provenance: p }],
  },
  {
    ...common("1.3"),
    kind: "boolean",
    unitOfMeasure: "",
    optional: true,
    thresholds: [{ value: null, provenance: p }],
  },
  {
    ...common("2.1"),
    kind: "number",
    unitOfMeasure: "triệu đồng",
    comparator: "gte",
    fragileMargin: 2,
    thresholds: [
      { years: { to: 2023 }, value: 60, provenance: p },
      { years: { from: 2024 }, value: 80.5, provenance: p },
    ],
  },
  {
    ...common("2.2"),
    kind: "percentage",
    unitOfMeasure: "%",
    comparator: "lte",
    thresholds: REGIONS.map((region, r) => ({
      when: { region: [region] },
      value: r === 3 ? null : 10 + r / 10,
      provenance: p,
    })),
  },
  {
    ...common("2.3"),
    kind: "ratio",
    unitOfMeasure: "%",
    comparator: "gte",
    fragileMargin: 1,
    numeratorLabel: "người",
    denominatorLabel: "người dân",
    thresholds: [{ value: 90, provenance: p }],
  },
  {
    ...common("2.4"),
    kind: "percentage",
    unitOfMeasure: "%",
    comparator: "gt",
    thresholds: [{ value: 50, provenance: p }],
  },
  {
    ...common("3.1"),
    kind: "count",
    unitOfMeasure: "sản phẩm",
    comparator: "eq",
    optional: true,
    thresholds: [{ value: 2, provenance: p }],
  },
  levelAtLeastKha("3.2"),
  {
    ...common("3.3"),
    kind: "percentage",
    unitOfMeasure: "%",
    comparator: "gte",
    validity: { graceMonths: 12 },
    thresholds: [{ value: 70, provenance: p }],
  },
  {
    ...common("4.1"),
    kind: "number",
    unitOfMeasure: "hộ",
    comparator: "lt",
    fragileMargin: 0,
    thresholds: [{ value: 5, provenance: p }],
  },
  {
    ...common("4.2"),
    kind: "percentage",
    unitOfMeasure: "%",
    comparator: "gte",
    source: { kind: "indicators", inputs: ["4.1", "2.1"], op: "ratio" },
    thresholds: [{ value: 5, provenance: p }],
  },
  {
    ...common("4.3"),
    kind: "count",
    unitOfMeasure: "chỉ tiêu",
    comparator: "gte",
    source: { kind: "indicators", inputs: ["1.1", "2.3", "3.1"], op: "count_met" },
    thresholds: [{ value: 2, provenance: p }],
  },
];

const set = buildSet([
  criterion(1, indicators.slice(0, 3)),
  criterion(2, indicators.slice(3, 7), { rule: { op: "at_least", k: 2 } }),
  criterion(3, indicators.slice(7, 10), { rule: { op: "any" } }),
  criterion(4, indicators.slice(10)),
]);
const compiled = compileCriteriaSet(set);

const PERIODS = ["2022", "2023", "2024", "2024-Q2", "2024-11", "2025", "2026"];
const period = fc.constantFrom(...PERIODS);
const number = fc.oneof(
  fc.constantFrom(0, 2, 5, 4.9999995, 5.0000005, 60, 62, 78.5, 80.5, 82.5, 82.5000006, 1e20, -3),
  fc.double({ min: -10, max: 200, noNaN: true }),
);
const value: fc.Arbitrary<IndicatorValue | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({ kind: fc.constant("boolean" as const), value: fc.boolean(), period }),
  fc.record({ kind: fc.constant("number" as const), value: number, period }),
  // Shares on and around 50 %, 89 %, 90 % and 91 %: the thresholds and the fragile margin.
  fc
    .tuple(
      fc.constantFrom(100, 300, 1000, 7, 2 ** 40),
      fc.constantFrom(0.5, 0.89, 0.9, 0.91, 1),
      fc.integer({ min: -1, max: 1 }),
      period,
    )
    .map(([denominator, share, delta, period]) => ({
      kind: "ratio" as const,
      numerator: Math.max(0, Math.round(denominator * share) + delta),
      denominator,
      period,
    })),
  fc.record({
    kind: fc.constant("level" as const),
    value: fc.constantFrom("tb", "kha", "tot", "x"),
    period,
  }),
  fc.record({ kind: fc.constant("not_applicable" as const), period }),
  fc.record({
    kind: fc.constant("number" as const),
    value: number,
    period,
    validUntil: fc.constantFrom("2024-03-31", "2025-12-31"),
  }),
);
const CODES = indicators.map((i) => i.code);
/** Most values of a unit share one period, as entered; some differ, some are missing. */
const unitValues = fc
  .tuple(
    period,
    fc.array(value, { minLength: CODES.length, maxLength: CODES.length }),
    fc.boolean(),
  )
  .map(([shared, list, align]) => {
    const values: Record<string, IndicatorValue | undefined> = {};
    CODES.forEach((code, k) => {
      const v = list[k];
      if (v === undefined) return;
      values[code] = align && !("validUntil" in v) ? { ...v, period: shared } : v;
    });
    return values as ValueMap;
  });
const profile: fc.Arbitrary<UnitProfile> = fc
  .tuple(fc.constantFrom(...REGIONS), fc.constantFrom("yes", "no"), fc.nat(999))
  .map(([region, dbkk, n]) => ({ code: `XA-${n}`, attributes: { region, dbkk } }));
const asOf = fc.constantFrom("2023-12-31", "2024-06-30", "2024-12-31", "2025-03-31");

function judged(unit: UnitProfile, values: ValueMap, date: string, explains: boolean) {
  const scratch = new Scratch(compiled.indicators.length, explains);
  judgeUnit(compiled, unit, values, date, undefined, scratch);
  return {
    status: [...scratch.status],
    outcome: [...scratch.outcome],
    fragile: [...scratch.fragile],
    met: scratch.met,
    applicable: scratch.applicable,
    notMet: [...scratch.notMet.subarray(0, scratch.notMetCount)].sort((a, b) => a - b),
  };
}

describe("the roll-up's first pass", () => {
  it("judges every indicator as the general loop does", () => {
    fc.assert(
      fc.property(profile, unitValues, asOf, (unit, values, date) => {
        expect(judged(unit, values, date, false)).toEqual(judged(unit, values, date, true));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the roll-up of the explained verdicts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(profile, unitValues), { maxLength: 20 }),
        asOf,
        (units, date) => {
          const inputs = units.map(([unit, values], k) => ({
            unit: { ...unit, code: `XA-${k}` },
            values,
          }));
          const verdicts = inputs.map((u) => evaluate(compiled, u.unit, u.values, date));
          expect(rollupUnits(compiled, inputs, date)).toEqual(rollup(compiled, verdicts));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("evaluateRules", () => {
  const outcomes = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 });
  const leaf = fc.array(fc.integer({ min: 0, max: 7 }), { maxLength: 8 });
  const node: fc.Arbitrary<RuleNode> = fc.letrec<{ node: RuleNode }>((tie) => ({
    node: fc
      .tuple(
        fc.constantFrom("all" as const, "any" as const, "at_least" as const),
        fc.integer({ min: 0, max: 5 }),
        leaf,
        fc.oneof(
          { depthSize: "small" },
          fc.constant<RuleNode[]>([]),
          fc.array(tie("node"), { maxLength: 2 }),
        ),
      )
      .map(([op, k, positions, nested]) => ({
        op,
        k: op === "at_least" ? k : op === "all" ? positions.length + nested.length : 1,
        positions: Int32Array.from(positions),
        nested,
      })),
  })).node;

  it("evaluates each rule as evaluateRule does", () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), outcomes, (rules, marks) => {
        const into = new Uint8Array(rules.length);
        const given = Uint8Array.from(marks);
        evaluateRules(ruleList(rules), given, into);
        expect([...into]).toEqual(rules.map((rule) => evaluateRule(rule, given)));
      }),
    );
  });
});
