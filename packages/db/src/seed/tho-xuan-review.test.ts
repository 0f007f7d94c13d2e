import {
  compileCriteriaSet,
  criteriaSetSchema,
  evaluate,
  periodValidUntil,
} from "@datchuan/domain";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { describe, expect, it } from "vitest";
import { ILLUSTRATIVE_SOURCE, thanhHoaAdaptations } from "./thanh-hoa-adaptations";
import {
  DEMO_PERIODS,
  failingIn,
  NANG_CAO_REVIEW_PLAN,
  NTM_REVIEW_PLAN,
  WEAKEST_NTM,
} from "./tho-xuan-review";
import { valuesForPlan } from "./tho-xuan-values";

/**
 * The plan and the values derived from it, without a database: every planned indicator, and
 * only those, is not met; every other indicator is judged (no missing value, no unknown
 * threshold); and no commune slips back from one period to the next.
 */

const attributes = { region: "BTB", schools: "3_or_fewer" };

function compiledAdaptation(index: 0 | 1) {
  const adaptation = criteriaSetSchema.parse(thanhHoaAdaptations()[index]);
  const { official: _note, ...parent } = getOfficialCriteriaSet(adaptation.adapts!.id)!;
  return compileCriteriaSet(adaptation, { parent });
}

const programmes = [
  { name: "ntm", compiled: compiledAdaptation(0), plan: NTM_REVIEW_PLAN, indicators: 57 },
  { name: "nang-cao", compiled: compiledAdaptation(1), plan: NANG_CAO_REVIEW_PLAN, indicators: 7 },
] as const;

describe.each(programmes)("the $name plan", ({ name, compiled, plan, indicators }) => {
  const communes = Object.entries(plan) as Array<[string, readonly string[]]>;

  it.each(DEMO_PERIODS)("in %s fails exactly the planned indicators", (period) => {
    for (const [index, [commune, review]] of communes.entries()) {
      const weakest = (WEAKEST_NTM as readonly string[]).includes(commune);
      const failing = failingIn(review, period, name, weakest);
      const values = valuesForPlan(compiled, { attributes, period, failing, spread: index });
      const verdict = evaluate(
        compiled,
        { code: commune, attributes },
        values,
        periodValidUntil(period),
      );
      const all = verdict.criteria.flatMap((c) => c.indicators);
      expect(all).toHaveLength(indicators);
      expect(all.filter((i) => i.status !== "met" && i.status !== "not_met")).toEqual([]);
      expect(
        all
          .filter((i) => i.status === "not_met")
          .map((i) => i.code)
          .sort(),
      ).toEqual([...failing].sort());
    }
  });

  it("never slips back: what is not met later was not met before", () => {
    for (const [commune, review] of communes) {
      const weakest = (WEAKEST_NTM as readonly string[]).includes(commune);
      DEMO_PERIODS.slice(1).forEach((period, k) => {
        const before = failingIn(review, DEMO_PERIODS[k]!, name, weakest);
        for (const code of failingIn(review, period, name, weakest)) expect(before).toContain(code);
      });
    }
  });
});

it("every threshold the adaptations add is illustrative and unverified", () => {
  for (const adaptation of thanhHoaAdaptations())
    for (const criterion of adaptation.criteria)
      for (const indicator of criterion.indicators)
        for (const rule of indicator.thresholds)
          expect(rule.provenance).toMatchObject({ source: ILLUSTRATIVE_SOURCE, verified: false });
});
