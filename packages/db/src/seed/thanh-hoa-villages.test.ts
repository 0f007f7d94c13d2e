import { compileCriteriaSet, criteriaSetSchema, evaluate } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { ILLUSTRATIVE_SOURCE } from "./thanh-hoa-adaptations";
import {
  COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE,
  THANH_HOA_VILLAGE_ROLLUP_SET_ID,
  THANH_HOA_VILLAGE_SET_ID,
  thanhHoaVillageSets,
  VILLAGE_CULTURAL_HOUSE,
} from "./thanh-hoa-villages";

/** The demo's village sets, without a database: valid, illustrative, and rolling up. */
describe("Thanh Hóa's illustrative village sets", () => {
  const [village, rollup] = thanhHoaVillageSets().map((s) => criteriaSetSchema.parse(s));

  it("judge villages and communes, in that order", () => {
    expect(village).toMatchObject({ id: THANH_HOA_VILLAGE_SET_ID, level: "village" });
    expect(rollup).toMatchObject({ id: THANH_HOA_VILLAGE_ROLLUP_SET_ID, level: "commune" });
  });

  it("mark every criterion and threshold as illustrative and unverified", () => {
    for (const set of [village!, rollup!]) {
      expect(set.title).toContain("minh họa");
      for (const criterion of set.criteria) {
        expect(criterion.provenance).toMatchObject({
          source: ILLUSTRATIVE_SOURCE,
          verified: false,
        });
        for (const indicator of criterion.indicators)
          for (const rule of indicator.thresholds)
            expect(rule.provenance).toMatchObject({
              source: ILLUSTRATIVE_SOURCE,
              verified: false,
            });
      }
    }
  });

  it.each([
    [[true, true, true, true], "met", 100],
    [[true, true, true, false], "met", 75],
    [[true, false, true, false], "not_met", 50],
  ])(
    "derives the commune's share of villages with a cultural house (%j)",
    (houses, status, share) => {
      const compiled = compileCriteriaSet(rollup!);
      const children = houses.map((value, i) => ({
        code: `THON-${i + 1}`,
        values: { [VILLAGE_CULTURAL_HOUSE]: { kind: "boolean" as const, period: "2024", value } },
      }));
      const verdict = evaluate(
        compiled,
        { code: "XA", attributes: {}, children },
        {},
        "2024-12-31",
      );
      const derived = verdict.criteria
        .flatMap((c) => c.indicators)
        .find((i) => i.code === COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE);
      expect(derived).toMatchObject({ status, measured: share });
    },
  );
});
