import { describe, expect, it } from "vitest";
import type { Indicator } from "./criteria/model";
import type { IndicatorValue } from "./criteria/values";
import { entryProblem, reportDueDate, reportEntryBlock, setLevelProblem } from "./entry";

const provenance = { source: "test", verified: false };
const base = {
  name: "x",
  unitOfMeasure: "%",
  optional: false,
  source: { kind: "entered" as const },
  provenance,
};
const percentage = {
  ...base,
  code: "15.1",
  kind: "percentage",
  comparator: "gte",
  thresholds: [],
} as Indicator;
const count = {
  ...base,
  code: "13.2",
  kind: "count",
  comparator: "gte",
  thresholds: [],
} as Indicator;
const growth = { ...percentage, code: "1.9", allowAbove100: true } as Indicator;
const ratio = {
  ...base,
  code: "15.1",
  kind: "ratio",
  comparator: "gte",
  thresholds: [],
  numeratorLabel: "người tham gia BHYT",
  denominatorLabel: "người",
} as Indicator;
const ratioAbove = { ...ratio, code: "15.9", allowAbove100: true } as Indicator;
const yesNo = { ...base, code: "3.2", kind: "boolean", thresholds: [] } as Indicator;
const optional = { ...yesNo, code: "13.4", optional: true } as Indicator;
const derived = {
  ...percentage,
  code: "6.3",
  source: { kind: "children", level: "village", indicator: "1", aggregate: "share_true" },
} as unknown as Indicator;

const v = (value: Partial<IndicatorValue> & { kind: IndicatorValue["kind"] }) =>
  ({ period: "2024", ...value }) as IndicatorValue;

describe("entryProblem", () => {
  it.each([
    [percentage, v({ kind: "number", value: 95.5 }), null],
    [percentage, v({ kind: "ratio", numerator: 3000, denominator: 3200 }), null],
    [percentage, v({ kind: "number", value: 0 }), null],
    [percentage, v({ kind: "number", value: 100 }), null],
    [
      percentage,
      v({ kind: "number", value: 120 }),
      "Chỉ tiêu 15.1 là tỷ lệ phần trăm: giá trị 120 % nằm ngoài khoảng 0–100 %.",
    ],
    [
      percentage,
      v({ kind: "number", value: 100.0001 }),
      "Chỉ tiêu 15.1 là tỷ lệ phần trăm: giá trị 100,0001 % nằm ngoài khoảng 0–100 %.",
    ],
    [
      percentage,
      v({ kind: "number", value: -0.5 }),
      "Chỉ tiêu 15.1 là tỷ lệ phần trăm: không nhận số âm (-0,5 %).",
    ],
    [
      percentage,
      v({ kind: "ratio", numerator: 3300, denominator: 3200 }),
      "Tử số (3.300) không thể lớn hơn mẫu số (3.200): tỷ lệ của chỉ tiêu 15.1 không vượt quá 100 %.",
    ],
    [percentage, v({ kind: "ratio", numerator: 3200, denominator: 3200 }), null],
    [growth, v({ kind: "number", value: 120 }), null],
    [growth, v({ kind: "ratio", numerator: 3300, denominator: 3200 }), null],
    [growth, v({ kind: "number", value: -1 }), /không nhận số âm/u],
    [ratio, v({ kind: "ratio", numerator: 3000, denominator: 3200 }), null],
    [ratio, v({ kind: "ratio", numerator: 3201, denominator: 3200 }), /Tử số \(3\.201\)/u],
    [ratioAbove, v({ kind: "ratio", numerator: 3201, denominator: 3200 }), null],
    [percentage, v({ kind: "boolean", value: true }), /cần giá trị kiểu percentage/u],
    [count, v({ kind: "number", value: 2 }), null],
    [count, v({ kind: "number", value: 1.5 }), /số nguyên/u],
    [yesNo, v({ kind: "boolean", value: true }), null],
    [yesNo, v({ kind: "not_applicable" }), /không áp dụng/u],
    [optional, v({ kind: "not_applicable" }), null],
    [derived, v({ kind: "number", value: 50 }), /tính tự động/u],
  ])("%#", (indicator, value, expected) => {
    const problem = entryProblem(indicator, value);
    if (expected === null) expect(problem).toBeNull();
    else if (typeof expected === "string") expect(problem).toBe(expected);
    else expect(problem).toMatch(expected);
  });
});

describe("reportDueDate", () => {
  it.each([
    ["2024-05", 25, "2024-06-25"],
    ["2024-12", 25, "2025-01-25"],
    ["2024-Q1", 25, "2024-04-25"],
    ["2024", 25, "2025-01-25"],
    ["2024-01", 31, "2024-02-29"],
  ])("%s due on day %i → %s", (period, day, expected) => {
    expect(reportDueDate(period, day)).toBe(expected);
  });
});

describe("setLevelProblem", () => {
  it.each([
    ["commune", "commune", null],
    ["commune", "village", /cấp xã, không nhập cho đơn vị thôn, bản/u],
    ["commune", "district", /cấp xã, không nhập cho đơn vị cấp huyện/u],
    ["village", "village", null],
  ] as const)("a %s set for a %s unit", (setLevel, unitLevel, expected) => {
    const problem = setLevelProblem({ id: "bo-thu", level: setLevel }, unitLevel);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("reportEntryBlock", () => {
  it.each([
    ["draft", false, null],
    ["returned", false, null],
    ["submitted", false, "under_review"],
    ["accepted", true, "locked"],
    ["draft", true, "locked"],
  ] as const)("%s (locked: %s) → %s", (status, locked, expected) => {
    expect(reportEntryBlock({ status, locked })).toBe(expected);
  });
});
