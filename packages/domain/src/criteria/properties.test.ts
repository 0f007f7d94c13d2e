import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import type { Comparator, Rule } from "./model";
import { compareRatio, ratioCountGap, satisfies } from "./numeric";
import { rollup, rollupUnits } from "./rollup";
import { attested, buildSet, criterion, percentAtLeast } from "./testing";
import type { IndicatorValue, ValueMap } from "./values";

const AS_OF = "2024-06-30";
const unit = { code: "XA", attributes: {} };
// Values in thousandths, as officials enter them (up to three decimals).
const decimal = fc.integer({ min: 0, max: 200_000 }).map((n) => n / 1000);

function statusOf(comparator: Comparator, threshold: number, value: number) {
  const set = buildSet([criterion(1, [{ ...percentAtLeast("1.1", threshold), comparator }])]);
  const values: ValueMap = { "1.1": { kind: "number", value, period: "2024" } };
  return evaluate(set, unit, values, AS_OF).criteria[0]?.indicators[0]?.status;
}

describe("monotonic thresholds", () => {
  it.each(["gte", "gt"] as const)(
    "raising a value never turns a %s indicator from met to not met",
    (comparator) => {
      fc.assert(
        fc.property(decimal, decimal, decimal, (threshold, value, raise) => {
          if (statusOf(comparator, threshold, value) === "met")
            expect(statusOf(comparator, threshold, value + raise)).toBe("met");
        }),
      );
    },
  );

  it.each(["lte", "lt"] as const)(
    "lowering a value never turns a %s indicator from met to not met",
    (comparator) => {
      fc.assert(
        fc.property(decimal, decimal, decimal, (threshold, value, lower) => {
          if (statusOf(comparator, threshold, value) === "met")
            expect(statusOf(comparator, threshold, value - lower)).toBe("met");
        }),
      );
    },
  );
});

describe("exact ratios", () => {
  const counts = fc.tuple(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 100 }));
  const threshold = fc.integer({ min: 0, max: 100_000 }).map((n) => n / 1000);

  it("compares numerator/denominator with a percentage exactly (BigInt reference)", () => {
    fc.assert(
      fc.property(counts, threshold, ([denominator, share], t) => {
        const numerator = Math.floor((denominator * share) / 100);
        const reference =
          BigInt(numerator) * 100_000n - BigInt(Math.round(t * 1000)) * BigInt(denominator);
        expect(compareRatio(numerator, denominator, t)).toBe(
          reference > 0n ? 1 : reference < 0n ? -1 : 0,
        );
      }),
    );
  });

  it.each(["gte", "gt", "lte", "lt"] as const)(
    "the %s count gap is the least number that suffices",
    (comparator) => {
      fc.assert(
        fc.property(counts, threshold, ([denominator, share], t) => {
          const numerator = Math.floor((denominator * share) / 100);
          const k = ratioCountGap(numerator, denominator, comparator, t);
          const step = comparator === "gte" || comparator === "gt" ? 1 : -1;
          const holds = (n: number) => satisfies(comparator, compareRatio(n, denominator, t));
          const reachable = step > 0 ? numerator + k <= denominator : numerator - k >= 0;
          if (reachable) expect(holds(numerator + step * k)).toBe(true);
          if (k > 0) expect(holds(numerator + step * (k - 1))).toBe(false);
        }),
      );
    },
  );
});

type Mark = "met" | "not_met" | "missing" | "na";
const mark = fc.constantFrom<Mark>("met", "not_met", "missing", "na");

function valueFor(m: Mark): IndicatorValue | undefined {
  if (m === "missing") return undefined;
  if (m === "na") return { kind: "not_applicable", period: "2024" };
  return { kind: "boolean", value: m === "met", period: "2024" };
}

/** The rule semantics written independently of rules.ts, over marks. */
function reference(
  rule: Rule,
  marks: Mark[],
  codes: string[],
): "met" | "not_met" | "undetermined" | "not_applicable" {
  const items = (rule.of ?? codes).map((item) =>
    typeof item === "object"
      ? reference(item, marks, codes)
      : (marks[codes.indexOf(String(item))] ?? "missing"),
  );
  const considered = items.filter((s) => s !== "na" && s !== "not_applicable");
  if (considered.length === 0) return "not_applicable";
  const met = considered.filter((s) => s === "met").length;
  const notMet = considered.filter((s) => s === "not_met").length;
  const open = considered.length - met - notMet;
  const need = rule.op === "all" ? considered.length : rule.op === "any" ? 1 : rule.k;
  if (met >= need) return "met";
  if (met + open < need) return "not_met";
  return "undetermined";
}

describe("criterion and set verdicts follow their rules", () => {
  const codes = ["1.1", "1.2", "1.3", "1.4"];
  const leaf = fc.constantFrom(...codes);
  const ruleArb: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: "small" },
      fc.record({
        op: fc.constant("all" as const),
        of: fc.option(fc.array(fc.oneof(leaf, tie("rule")), { minLength: 1, maxLength: 3 }), {
          nil: undefined,
        }),
      }),
      fc.record({
        op: fc.constant("any" as const),
        of: fc.option(fc.array(fc.oneof(leaf, tie("rule")), { minLength: 1, maxLength: 3 }), {
          nil: undefined,
        }),
      }),
      fc.record({
        op: fc.constant("at_least" as const),
        k: fc.integer({ min: 1, max: 2 }),
        of: fc.constant(undefined),
      }),
    ),
  })).rule;

  it("a criterion's verdict is its rule over its indicators", () => {
    fc.assert(
      fc.property(ruleArb, fc.array(mark, { minLength: 4, maxLength: 4 }), (rule, marks) => {
        const set = buildSet([
          criterion(
            1,
            codes.map((c) => attested(c, true)),
            { rule },
          ),
        ]);
        const values = Object.fromEntries(codes.map((c, k) => [c, valueFor(marks[k] as Mark)]));
        expect(evaluate(set, unit, values, AS_OF).criteria[0]?.status).toBe(
          reference(rule, marks, codes),
        );
      }),
    );
  });

  it("a set with the default rule is met exactly when every criterion is met", () => {
    const set = buildSet(
      [1, 2, 3].map((n) => criterion(n, [attested(`${n}.1`), attested(`${n}.2`, true)])),
    );
    fc.assert(
      fc.property(fc.array(mark, { minLength: 6, maxLength: 6 }), (marks) => {
        const codes6 = ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"];
        const values = Object.fromEntries(codes6.map((c, k) => [c, valueFor(marks[k] as Mark)]));
        const v = evaluate(set, unit, values, AS_OF);
        expect(v.status === "met").toBe(
          v.criteria.every((c) => c.status === "met" || c.status === "not_applicable") &&
            v.criteria.some((c) => c.status === "met"),
        );
      }),
    );
  });
});

describe("roll-up totals add up", () => {
  const set = buildSet(
    [1, 2, 3, 4].map((n) => criterion(n, [attested(`${n}.1`), percentAtLeast(`${n}.2`, 80)])),
  );
  const unitValues = fc.record({
    a: fc.array(fc.constantFrom<Mark>("met", "not_met", "missing"), { minLength: 4, maxLength: 4 }),
    p: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
  });

  it("byScore counts sum to the units; criteriaMetTotal is the sum of criteria met; both paths agree", () => {
    fc.assert(
      fc.property(fc.array(unitValues, { maxLength: 12 }), (units) => {
        const inputs = units.map((u, k) => {
          const values: Record<string, IndicatorValue | undefined> = {};
          u.a.forEach((m, c) => {
            values[`${c + 1}.1`] = valueFor(m);
          });
          u.p.forEach((p, c) => {
            if (p !== undefined)
              values[`${c + 1}.2`] = { kind: "number", value: p, period: "2024" };
          });
          return { unit: { code: `XA-${k}`, attributes: {} }, values };
        });
        const verdicts = inputs.map((i) => evaluate(set, i.unit, i.values, AS_OF));
        const r = rollup(set, verdicts);
        expect(r.byScore.reduce((sum, g) => sum + g.count, 0)).toBe(units.length);
        expect(r.criteriaMetTotal).toBe(verdicts.reduce((sum, v) => sum + v.criteriaMet, 0));
        for (const f of r.failingByCriterion)
          expect(f.count).toBe(
            verdicts.filter(
              (v) => v.criteria.find((c) => c.number === f.number)?.status === "not_met",
            ).length,
          );
        expect(r.ranking).toHaveLength(units.length);
        // The documented order, by a comparator and a stable sort: met first, then fewest
        // criteria, then fewest indicators to go; ties in the order the units were given.
        const given = verdicts.map((v) => r.ranking.find((u) => u.unit === v.unit.code));
        const late = (u: (typeof r.ranking)[number]) => (u.status === "met" ? 0 : 1);
        const expected = [...given]
          .map((u) => u as (typeof r.ranking)[number])
          .sort(
            (a, b) =>
              late(a) - late(b) ||
              a.criteriaToGo - b.criteriaToGo ||
              a.indicatorsToGo - b.indicatorsToGo,
          );
        expect(r.ranking.map((u) => u.unit)).toEqual(expected.map((u) => u.unit));
        expect(r.ranking.map((u) => u.rank)).toEqual(r.ranking.map((_, k) => k + 1));
        expect(rollupUnits(set, inputs, AS_OF)).toEqual(r);
      }),
    );
  });
});
