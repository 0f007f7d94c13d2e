import { describe, expect, it } from "vitest";
import { CriteriaSetError, compileCriteriaSet } from "./compile";
import { evaluate } from "./evaluate";
import type { CriteriaSetInput, Provenance } from "./model";
import {
  attested,
  buildSet,
  criterion,
  levelAtLeastKha,
  percentAtLeast,
  unverified,
  verified,
} from "./testing";
import type { IndicatorValue, ValueMap } from "./values";
import type { IndicatorVerdict } from "./verdicts";

type IndicatorInput = CriteriaSetInput["criteria"][number]["indicators"][number];

const AS_OF = "2024-06-30";
const unit = { code: "XA-1", attributes: { region: "DBSH" } as Record<string, string> };

function judge(
  indicator: IndicatorInput,
  value: IndicatorValue | undefined,
  asOf = AS_OF,
  attributes = unit.attributes,
) {
  const set = buildSet([criterion(1, [indicator])]);
  const values: ValueMap = value ? { [indicator.code]: value } : {};
  const verdict = evaluate(set, { code: "XA-1", attributes }, values, asOf);
  return verdict.criteria[0]?.indicators[0] as IndicatorVerdict;
}

const num = (value: number, period = "2024"): IndicatorValue => ({ kind: "number", value, period });
const ratio = (numerator: number, denominator: number): IndicatorValue => ({
  kind: "ratio",
  numerator,
  denominator,
  period: "2024",
});

function numeric(
  kind: "number" | "percentage" | "count",
  comparator: "gte" | "gt" | "lte" | "lt" | "eq",
  value: number | null,
): IndicatorInput {
  return {
    code: "1.1",
    name: "Chỉ tiêu",
    unitOfMeasure: kind === "percentage" ? "%" : kind === "count" ? "sản phẩm" : "triệu đồng",
    kind,
    comparator,
    thresholds: [{ value, provenance: unverified }],
    provenance: unverified,
  };
}

const bhyt: IndicatorInput = {
  code: "15.1",
  name: "Tỷ lệ người dân tham gia bảo hiểm y tế",
  unitOfMeasure: "%",
  kind: "ratio",
  comparator: "gte",
  numeratorLabel: "người tham gia BHYT",
  denominatorLabel: "người dân",
  thresholds: [{ value: 95, provenance: verified }],
  provenance: unverified,
};

const level: IndicatorInput = { ...levelAtLeastKha("1.1"), name: "Xếp loại" };

describe("every value kind and comparator", () => {
  it.each([
    ["number", "gte", 45, 45, "met"],
    ["number", "gte", 45, 44.9, "not_met"],
    ["number", "gt", 45, 45, "not_met"],
    ["number", "gt", 45, 45.1, "met"],
    ["number", "lte", 4, 4, "met"],
    ["number", "lte", 4, 4.01, "not_met"],
    ["number", "lt", 4, 4, "not_met"],
    ["number", "lt", 4, 3.99, "met"],
    ["number", "eq", 2, 2, "met"],
    ["number", "eq", 2, 2.5, "not_met"],
    ["percentage", "gte", 0.3, 0.1 + 0.2, "met"],
    ["percentage", "lte", 16.5, 16.5, "met"],
    ["percentage", "gte", 80, 79.99, "not_met"],
    ["count", "gte", 1, 1, "met"],
    ["count", "gte", 1, 0, "not_met"],
  ] as const)("%s %s %d with %d → %s", (kind, comparator, threshold, value, expected) => {
    expect(judge(numeric(kind, comparator, threshold), num(value)).status).toBe(expected);
  });

  it.each([
    [3040, 3200, "met"], // exactly 95 %, where 3040/3200*100 is not exactly 95 in floating point
    [3039, 3200, "not_met"],
    [2888, 3200, "not_met"],
  ])("ratio %d/%d against ≥ 95 %% → %s", (n, d, expected) => {
    expect(judge(bhyt, ratio(n, d)).status).toBe(expected);
  });

  it.each([
    [true, true, "met"],
    [false, true, "not_met"],
    [false, false, "met"], // "Nhà tạm, dột nát: Không"
    [true, false, "not_met"],
  ])("yes/no %s against required %s → %s", (value, required, expected) => {
    const indicator = {
      ...attested("1.1"),
      thresholds: [{ value: required, provenance: unverified }],
    };
    expect(judge(indicator, { kind: "boolean", value, period: "2024" }).status).toBe(expected);
  });

  it.each([
    ["tot", "gte", "met"],
    ["kha", "gte", "met"],
    ["tb", "gte", "not_met"],
    ["tb", "lte", "met"],
    ["tot", "lte", "not_met"],
    ["kha", "eq", "met"],
  ] as const)("level %s %s Khá → %s", (value, comparator, expected) => {
    expect(judge({ ...level, comparator }, { kind: "level", value, period: "2024" }).status).toBe(
      expected,
    );
  });
});

describe("statuses other than met and not met", () => {
  it.each([
    ["no value", undefined, AS_OF, "missing"],
    [
      "a value of the wrong kind",
      { kind: "boolean", value: true, period: "2024" },
      AS_OF,
      "missing",
    ],
    [
      "an unknown level code",
      { kind: "level", value: "xuat-sac", period: "2024" },
      AS_OF,
      "missing",
    ],
    ["last year's figure", num(99, "2023"), AS_OF, "stale"],
    ["last month's figure", num(99, "2024-05"), AS_OF, "stale"],
    ["this quarter's figure", num(99, "2024-Q2"), AS_OF, "met"],
    ["next year's figure", num(99, "2025"), AS_OF, "missing"],
  ] as const)("%s → %s", (_, value, asOf, expected) => {
    const indicator = _ === "an unknown level code" ? level : percentAtLeast("1.1", 95);
    expect(judge(indicator, value as IndicatorValue | undefined, asOf).status).toBe(expected);
  });

  it("keeps a yearly figure current for the grace months the indicator allows", () => {
    const indicator = { ...percentAtLeast("1.1", 95), validity: { graceMonths: 6 } };
    expect(judge(indicator, num(99, "2023"), "2024-06-30").status).toBe("met");
    const late = judge(indicator, num(99, "2023"), "2024-07-01");
    expect(late.status).toBe("stale");
    expect(late.status === "stale" && late.validUntil).toBe("2024-06-30");
  });

  it("takes an explicit validUntil over the period (an OCOP certificate)", () => {
    const v: IndicatorValue = {
      kind: "number",
      value: 1,
      period: "2022",
      validUntil: "2025-03-31",
    };
    expect(judge(numeric("count", "gte", 1), v).status).toBe("met");
    expect(judge(numeric("count", "gte", 1), v, "2025-04-01").status).toBe("stale");
  });

  it.each([
    [true, "not_applicable"],
    [false, "missing"],
  ])("not applicable on an optional=%s indicator → %s", (optional, expected) => {
    const verdict = judge(attested("1.1", optional), { kind: "not_applicable", period: "2024" });
    expect(verdict.status).toBe(expected);
  });

  it.each([
    ["an unknown value (null)", numeric("percentage", "gte", null)],
    [
      "no rule for the unit's region",
      {
        ...numeric("percentage", "gte", 1),
        thresholds: [{ when: { region: ["TN"] }, value: 90, provenance: unverified }],
      },
    ],
  ])("no threshold when %s, never met nor not met", (_, indicator) => {
    const verdict = judge(indicator as IndicatorInput, num(99));
    expect(verdict.status).toBe("no_threshold");
    expect(verdict.status === "no_threshold" && verdict.threshold.value).toBeNull();
  });
});

describe("effective period", () => {
  it.each([
    ["2021-12-31", false],
    ["2022-01-01", true],
    ["2030-01-01", true],
  ])("as of %s the set (in force from 2022-01-01) is in effect: %s", (asOf, inEffect) => {
    const set = buildSet([criterion(1, [attested("1.1")])]);
    expect(evaluate(set, unit, {}, asOf).inEffect).toBe(inEffect);
  });
});

describe("gaps in natural units", () => {
  it("counts the people missing from a ratio, rounding up", () => {
    const verdict = judge(bhyt, ratio(2888, 3200));
    expect(verdict.status === "not_met" && verdict.gap).toMatchObject({
      kind: "count",
      amount: 152,
      text: "cần thêm 152 người tham gia BHYT",
    });
  });

  it("counts what is missing when a plain percentage is entered as numerator and denominator", () => {
    const verdict = judge(numeric("percentage", "gte", 95), ratio(2888, 3200));
    expect(verdict.status === "not_met" && verdict.gap).toMatchObject({
      kind: "count",
      amount: 152,
      label: "",
      text: "cần thêm 152 trên tổng số 3.200 (4,75 điểm phần trăm)",
    });
  });

  it("counts people to remove for a ≤ ratio", () => {
    const poverty = {
      ...bhyt,
      comparator: "lte" as const,
      numeratorLabel: "hộ nghèo",
      thresholds: [{ value: 4, provenance: unverified }],
    };
    const verdict = judge(poverty, ratio(45, 1000)); // 4.5 %: 5 households too many
    expect(verdict.status === "not_met" && verdict.gap.text).toBe("cần giảm 5 hộ nghèo");
  });

  it.each([
    [numeric("percentage", "gte", 95), 91.8, "thiếu 3,2 điểm phần trăm"],
    [numeric("percentage", "lte", 16.5), 20, "vượt 3,5 điểm phần trăm"],
    [numeric("number", "gte", 45), 40, "thiếu 5 triệu đồng"],
    [numeric("count", "gte", 3), 1, "cần thêm 2 sản phẩm"],
    [numeric("percentage", "gt", 95), 95, "cần cao hơn ngưỡng"],
  ])("%# %s", (indicator, value, text) => {
    const verdict = judge(indicator, num(value));
    expect(verdict.status === "not_met" && verdict.gap.text).toBe(text);
  });

  it("names the level required", () => {
    const verdict = judge(level, { kind: "level", value: "tb", period: "2024" });
    expect(verdict.status === "not_met" && verdict.gap.text).toBe(
      "cần đạt mức Khá trở lên (hiện: Trung bình)",
    );
  });
});

describe("fragile margin", () => {
  it.each([
    [96.9, true],
    [97, true], // inclusive: exactly 2 points above
    [97.1, false],
  ])("95 %% threshold, value %d → fragile %s", (value, fragile) => {
    const verdict = judge(percentAtLeast("1.1", 95), num(value));
    expect(verdict.status === "met" && verdict.fragile).toBe(fragile);
  });

  it("uses the indicator's own margin and a share of the threshold for numbers", () => {
    expect(
      judge({ ...percentAtLeast("1.1", 95), fragileMargin: 0.5 }, num(96)).status === "met",
    ).toBe(true);
    const income = judge(numeric("number", "gte", 60), num(62.9)); // 5 % of 60 = 3
    expect(income.status === "met" && income.fragile).toBe(true);
  });
});

const p318: Provenance = { source: "QĐ 318/QĐ-TTg, Điều 1", verified: true };
const byRegionAndYear: IndicatorInput = {
  code: "10.1",
  name: "Thu nhập bình quân đầu người",
  unitOfMeasure: "triệu đồng/người/năm",
  kind: "number",
  comparator: "gte",
  thresholds: [
    { when: { region: ["TDMNPB"] }, years: { from: 2024, to: 2024 }, value: 40, provenance: p318 },
    { when: { region: ["TDMNPB"] }, years: { from: 2025 }, value: 45, provenance: p318 },
    { when: { region: ["DBSH"] }, years: { from: 2024, to: 2024 }, value: 60, provenance: p318 },
    { when: { region: ["DBSH"] }, value: 55, provenance: p318 },
    { value: null, provenance: unverified },
  ],
  provenance: unverified,
};

describe("threshold rules", () => {
  it.each([
    ["region and year", { region: "DBSH" }, "2024", 60],
    ["region, a year without its own rule", { region: "DBSH" }, "2023", 55],
    ["another region and year", { region: "TDMNPB" }, "2025", 45],
    [
      "applied region: especially disadvantaged commune in DBSH",
      { region: "DBSH", dbkk: "yes" },
      "2024",
      40,
    ],
    ["a region without rules falls to the unknown general rule", { region: "TN" }, "2024", null],
  ])("%s", (_, attributes, period, threshold) => {
    const verdict = judge(byRegionAndYear, num(50, period), `${period}-12-31`, attributes);
    expect(verdict.status === "not_applicable" ? null : verdict.threshold.value).toBe(threshold);
  });

  it("explains an applied region with its provenance", () => {
    const verdict = judge(byRegionAndYear, num(50), AS_OF, { region: "DBSH", dbkk: "yes" });
    if (verdict.status === "not_applicable") throw new Error("unexpected");
    const [dimension] = verdict.threshold.reason.dimensions;
    expect(dimension).toMatchObject({
      dimension: "region",
      own: "DBSH",
      applied: "TDMNPB",
      appliedBy: verified,
    });
    expect(verdict.threshold.reason.text).toContain("áp dụng theo Quyết định thử nghiệm");
    expect(verdict.threshold.reason.text).toContain("năm 2024");
    expect(verdict.threshold.reason.years).toEqual({ from: 2024, to: 2024 });
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  const national = buildSet([criterion(17, [percentAtLeast("17.1", 45), attested("17.2")])], {
    id: "national",
  });
  const province = buildSet(
    [
      criterion(17, [
        {
          ...percentAtLeast("17.1", 85),
          thresholds: [{ years: { from: 2025, to: 2025 }, value: 85, provenance: verified }],
        },
      ]),
      criterion(20, [attested("20.1")]),
    ],
    { id: "province", adapts: { id: "national" } },
  );
  const compiled = compileCriteriaSet(province, { parent: national });

  it.each([
    ["2025", 85, "own"],
    ["2024", 45, "parent"],
  ])(
    "a province's override applies in %s (threshold %d, from the %s set)",
    (period, threshold, origin) => {
      const verdict = evaluate(compiled, unit, { "17.1": num(70, period) }, `${period}-06-30`);
      const v = verdict.criteria
        .find((c) => c.number === 17)
        ?.indicators.find((i) => i.code === "17.1");
      expect(v?.status === "not_applicable" ? null : v?.threshold).toMatchObject({
        value: threshold,
        reason: { origin },
      });
    },
  );

  it("keeps the parent's other indicators and adds the province's criteria", () => {
    const verdict = evaluate(compiled, unit, {}, AS_OF);
    expect(verdict.criteria.map((c) => c.number)).toEqual([17, 20]);
    expect(verdict.criteria[0]?.indicators.map((i) => i.code)).toEqual(["17.1", "17.2"]);
  });

  it("tries a district's rules, then its province's, then the national set's, however specific", () => {
    const regional = buildSet(
      [
        criterion(17, [
          {
            ...percentAtLeast("17.1", null),
            thresholds: [{ when: { region: ["DBSH"] }, value: 50, provenance: verified }],
          },
        ]),
      ],
      { id: "national" },
    );
    const provincial = buildSet([criterion(17, [percentAtLeast("17.1", 60)])], {
      id: "province",
      adapts: { id: "national" },
    });
    const district = buildSet([criterion(20, [attested("20.1")])], {
      id: "district",
      adapts: { id: "province" },
    });
    const chained = compileCriteriaSet(district, {
      parent: compileCriteriaSet(provincial, { parent: regional }),
    });
    const verdict = evaluate(chained, unit, { "17.1": num(55, "2024") }, AS_OF);
    const v = verdict.criteria[0]?.indicators.find((i) => i.code === "17.1");
    // The national rule names the region and so is more specific, but the province is nearer.
    expect(v).toMatchObject({ status: "not_met", threshold: { value: 60 } });
  });

  it("refuses a set whose references do not hold", () => {
    const broken = buildSet([
      criterion(1, [
        {
          ...percentAtLeast("1.1", 1),
          thresholds: [{ when: { vung: ["X"] }, value: 1, provenance: unverified }],
        },
      ]),
    ]);
    expect(() => compileCriteriaSet(broken)).toThrow(CriteriaSetError);
    expect(() => compileCriteriaSet(province)).toThrow(/điều chỉnh bộ "national"/u);
  });
});
