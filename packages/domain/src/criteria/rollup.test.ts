import { describe, expect, it } from "vitest";
import { compareEvaluations } from "./compare";
import { evaluate } from "./evaluate";
import {
  assessDistrictConditions,
  assessDistrictRevocation,
  assessRevocation,
  qd320DistrictConditions,
} from "./revocation";
import { rollup, rollupUnits } from "./rollup";
import { attested, buildSet, criterion, unverified } from "./testing";
import type { ValueMap } from "./values";

const AS_OF = "2024-06-30";
// Ten criteria of one yes/no indicator each; 2 (income), 5 (environment), 9 (security) critical.
const set = buildSet(
  Array.from({ length: 10 }, (_, k) =>
    criterion(k + 1, [attested(`${k + 1}.1`)], { name: `Tiêu chí ${k + 1}` }),
  ),
  { revocation: { criticalCriteria: [2, 5, 9], provenance: unverified } },
);

/** Values where the listed criteria fail and `unknown` ones have no value. */
function values(failing: number[], unknown: number[] = []): ValueMap {
  const out: Record<string, ValueMap[string]> = {};
  for (let n = 1; n <= 10; n++)
    if (!unknown.includes(n))
      out[`${n}.1`] = { kind: "boolean", value: !failing.includes(n), period: "2024" };
  return out;
}

const communes = [
  ["XA-A", []],
  ["XA-B", [3]],
  ["XA-C", [3]],
  ["XA-D", [3, 7]],
  ["XA-E", [1, 3, 4, 6]],
] as const;
const verdicts = communes.map(([code, failing]) =>
  evaluate(set, { code, attributes: {} }, values([...failing]), AS_OF),
);

describe("rollup", () => {
  const r = rollup(set, verdicts);

  it("groups units by score as the district reports them", () => {
    expect(r.byScore.map((g) => g.text)).toEqual([
      "01 xã đạt 10/10 tiêu chí, 10/10 chỉ tiêu",
      "02 xã đạt 9/10 tiêu chí, 9/10 chỉ tiêu",
      "01 xã đạt 8/10 tiêu chí, 8/10 chỉ tiêu",
      "01 xã đạt 6/10 tiêu chí, 6/10 chỉ tiêu",
    ]);
  });

  it("lists failing units per criterion and indicator", () => {
    expect(r.failingByCriterion.map((f) => [f.number, f.count])).toEqual([
      [1, 1],
      [3, 4],
      [4, 1],
      [6, 1],
      [7, 1],
    ]);
    expect(r.failingByCriterion[1]?.text).toBe("Tiêu chí số 3 - Tiêu chí 3 có 04 xã chưa đạt");
    expect(r.failingByIndicator.find((f) => f.code === "3.1")?.units).toEqual([
      "XA-B",
      "XA-C",
      "XA-D",
      "XA-E",
    ]);
  });

  it("totals criteria met (lượt tiêu chí), the average and the share meeting the standard", () => {
    expect(r.criteriaMetTotal).toBe(10 + 9 + 9 + 8 + 6);
    expect(r.criteriaMetAverage).toBeCloseTo(42 / 5);
    expect(r.unitsMeetingStandard).toBe(1);
    expect(r.shareMeetingStandard).toBe(20);
  });

  it("ranks units by distance to the standard", () => {
    expect(r.ranking.map((u) => [u.rank, u.unit, u.criteriaToGo])).toEqual([
      [1, "XA-A", 0],
      [2, "XA-B", 1],
      [3, "XA-C", 1],
      [4, "XA-D", 2],
      [5, "XA-E", 4],
    ]);
  });

  it("survives a JSON round trip unchanged, as do the verdicts", () => {
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(JSON.parse(JSON.stringify(verdicts))).toEqual(verdicts);
  });

  it("gives the same roll-up on the fast path", () => {
    const fast = rollupUnits(
      set,
      communes.map(([code, failing]) => ({
        unit: { code, attributes: {} },
        values: values([...failing]),
      })),
      AS_OF,
    );
    expect(fast).toEqual(r);
  });
});

describe("revocation (QĐ 18/2022)", () => {
  it.each([
    ["2 of 10 fail", [1, 3], [], "keep", null],
    ["3 of 10 fail, none critical", [1, 3, 4], [], "keep", null],
    ["3 of 10 fail with income", [1, 2, 3], [], "revoke", "critical_band"],
    ["4 of 10 fail with security", [1, 3, 4, 9], [], "revoke", "critical_band"],
    ["5 of 10 fail, none critical", [1, 3, 4, 6, 7], [], "revoke", "half_or_more"],
    ["2 fail, environment unknown", [1, 3], [5], "undetermined", null],
    ["2 fail, a non-critical unknown", [1, 3], [4], "keep", null],
  ] as const)("%s → %s", (_, failing, unknown, status, rule) => {
    const verdict = evaluate(
      set,
      { code: "XA", attributes: {} },
      values([...failing], [...unknown]),
      AS_OF,
    );
    expect(assessRevocation(verdict, set)).toMatchObject({ status, rule });
  });

  it("explains the decision in Vietnamese", () => {
    const verdict = evaluate(set, { code: "XA", attributes: {} }, values([1, 2, 3]), AS_OF);
    expect(assessRevocation(verdict, set).text).toBe(
      "Thuộc diện thu hồi: 3/10 tiêu chí không đạt (30 %), trong đó có tiêu chí số 2.",
    );
  });
});

describe("district conditions (QĐ 320) over roll-ups", () => {
  const ntm = { ...rollup(set, verdicts), set: { id: "ntm", version: "1", title: "NTM" } };
  const advanced = { ...ntm, set: { id: "nc", version: "1", title: "NC" } };

  it.each([
    [5, 1, ["not_met", "met"]], // 1 of 5 meet NTM; 20 % ≥ 10 % nâng cao
    [1, 1, ["met", "met"]],
    [20, 1, ["not_met", "not_met"]], // 1 of 20 is 5 %
  ])("with %d communes and %d meeting → %j", (communes, meeting, expected) => {
    const withMeeting = (r: typeof ntm) => ({ ...r, unitsMeetingStandard: meeting });
    const results = assessDistrictConditions(
      [withMeeting(ntm), withMeeting(advanced)],
      qd320DistrictConditions("ntm", "nc"),
      communes,
    );
    expect(results.map((c) => c.status)).toEqual(expected);
  });

  it.each([
    [3, 10, "revoke"],
    [2, 10, "keep"],
  ])("%d of %d communes revoked → district %s", (revoked, total, status) => {
    const communes = Array.from({ length: total }, (_, k) => ({
      status: k < revoked ? ("revoke" as const) : ("keep" as const),
    }));
    expect(assessDistrictRevocation(communes).status).toBe(status);
  });
});

describe("compareEvaluations", () => {
  it("lists what regressed and what improved", () => {
    const before = evaluate(set, { code: "XA", attributes: {} }, values([3], [4]), AS_OF);
    const after = evaluate(set, { code: "XA", attributes: {} }, values([1]), AS_OF);
    const diff = compareEvaluations(before, after);
    expect(diff.regressed.map((c) => `${c.level}:${c.code}`)).toEqual([
      "criterion:1",
      "indicator:1.1",
    ]);
    expect(diff.improved.map((c) => `${c.level}:${c.code}`)).toEqual([
      "criterion:3",
      "indicator:3.1",
      "criterion:4",
      "indicator:4.1",
    ]);
  });

  it("reports a met indicator turning fragile as a regression", () => {
    const pct = buildSet([
      criterion(1, [
        {
          ...attested("1.1"),
          kind: "percentage",
          unitOfMeasure: "%",
          comparator: "gte",
          thresholds: [{ value: 90, provenance: unverified }],
        },
      ]),
    ]);
    const at = (value: number) =>
      evaluate(
        pct,
        { code: "XA", attributes: {} },
        { "1.1": { kind: "number", value, period: "2024" } },
        AS_OF,
      );
    expect(compareEvaluations(at(99), at(91)).regressed).toEqual([
      { level: "indicator", code: "1.1", before: "met", after: "met", fragility: true },
    ]);
  });
});
