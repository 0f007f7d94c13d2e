import { describe, expect, it } from "vitest";
import type { Rollup } from "../criteria/rollup";
import { buildReviewReport } from "./build";
import { renderReviewReportText } from "./text";

/** A roll-up shaped like seed 000's first two groups, written out by hand. */
const rollup: Rollup = {
  set: { id: "ntm-xa-minh-hoa", version: "2022", title: "Bộ tiêu chí xã NTM 2021-2025" },
  units: 5,
  byScore: [
    {
      criteriaMet: 18,
      criteriaTotal: 19,
      indicatorsMet: 56,
      indicatorsTotal: 57,
      count: 2,
      units: ["A", "B"],
      text: "",
    },
    {
      criteriaMet: 17,
      criteriaTotal: 19,
      indicatorsMet: 55,
      indicatorsTotal: 57,
      count: 1,
      units: ["C"],
      text: "",
    },
    {
      criteriaMet: 17,
      criteriaTotal: 19,
      indicatorsMet: 54,
      indicatorsTotal: 57,
      count: 1,
      units: ["D"],
      text: "",
    },
    {
      criteriaMet: 12,
      criteriaTotal: 19,
      indicatorsMet: 44,
      indicatorsTotal: 57,
      count: 1,
      units: ["E"],
      text: "",
    },
  ],
  failingByCriterion: [
    { number: 2, name: "Giao thông", count: 2, units: ["C", "D"], text: "" },
    {
      number: 17,
      name: "Môi trường và an toàn thực phẩm",
      count: 5,
      units: ["A", "B", "C", "D", "E"],
      text: "",
    },
  ],
  failingByIndicator: [
    {
      code: "17.1",
      name: "Nước sạch tập trung",
      criterion: 17,
      count: 5,
      units: ["A", "B", "C", "D", "E"],
    },
    { code: "2.1", name: "Đường xã", criterion: 2, count: 1, units: ["C"] },
  ],
  criteriaMetTotal: 82,
  criteriaMetAverage: 16.4,
  unitsMeetingStandard: 0,
  shareMeetingStandard: 0,
  ranking: [],
};
const units = [
  { code: "A", name: "Xuân Minh" },
  { code: "B", name: "Xuân Tín" },
  { code: "C", name: "Xuân Hồng" },
  { code: "D", name: "Thọ Diên" },
  { code: "E", name: "Thuận Minh" },
];

describe("buildReviewReport", () => {
  const report = buildReviewReport({
    scope: { name: "huyện Thọ Xuân", word: "huyện" },
    asOf: "2023-05-19",
    since: "2023-04-19",
    units,
    rollups: [rollup],
    set: { id: "x", title: "x" },
    changes: [
      {
        unit: "A",
        name: "Xuân Minh",
        regressed: [{ level: "indicator", code: "17.1", before: "met", after: "not_met" }],
      },
    ],
    notReported: [{ code: "F", name: "Quảng Phú" }],
    targets: [
      { label: "Tỷ lệ hộ nghèo", comparator: "lte", value: 6.5, unitOfMeasure: "%", actual: 7 },
    ],
    illustrative: false,
  });
  const text = renderReviewReportText(report);

  it("groups units by criteria met, with names and indicator ranges, as seed 000 writes", () => {
    expect(text).toContain(
      "Qua rà soát có 02 xã gồm: Xuân Minh và Xuân Tín đạt 18/19 tiêu chí, 56/57 chỉ tiêu; có 02 xã gồm: Xuân Hồng và Thọ Diên đạt 17/19 tiêu chí, 54-55/57 chỉ tiêu; có 01 xã Thuận Minh đạt 12/19 tiêu chí, 44/57 chỉ tiêu.",
    );
  });

  it("counts the criteria not met, the indicators failed by many, and lượt tiêu chí", () => {
    expect(text).toContain(
      "Các tiêu chí chưa đạt: Tiêu chí số 2 - Giao thông có 02 xã chưa đạt; Tiêu chí số 17 - Môi trường và an toàn thực phẩm có 05 xã chưa đạt.",
    );
    expect(text).toContain("Chỉ tiêu 17.1 - Nước sạch tập trung có 05 xã chưa đạt.");
    expect(text).not.toContain("Chỉ tiêu 2.1");
    expect(text).toContain(
      "Tổng số tiêu chí hoàn thành toàn huyện là 82 lượt tiêu chí, số tiêu chí bình quân đạt 16,4 tiêu chí/xã.",
    );
  });

  it("says what regressed, who has no result, and targets against results", () => {
    expect(text).toContain(
      "So với ngày 19/04/2023, có 01 xã giảm: Xuân Minh (chỉ tiêu 17.1 chưa đạt).",
    );
    expect(text).toContain("Chưa có kết quả đánh giá: 01 xã (Quảng Phú).");
    expect(text).toContain("Tỷ lệ hộ nghèo: chỉ tiêu ≤ 6,5 %, kết quả 7 % (chưa đạt).");
  });

  it("marks a demo set's report illustrative", () => {
    expect(report.illustrative).toBe(true);
    expect(text).toContain("Số liệu minh họa");
  });
});
