import { buildReviewReport, type Rollup } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { reportFileNames } from "./cells";
import { renderReviewReportDocx } from "./docx";
import { readDocxParagraphs, readXlsxSheets } from "./testing";
import { renderReviewReportXlsx } from "./xlsx";

const rollup: Rollup = {
  set: { id: "ntm-xa", version: "2022", title: "Bộ tiêu chí quốc gia về xã nông thôn mới" },
  units: 3,
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
      criteriaMet: 12,
      criteriaTotal: 19,
      indicatorsMet: 44,
      indicatorsTotal: 57,
      count: 1,
      units: ["C"],
      text: "",
    },
  ],
  failingByCriterion: [
    { number: 17, name: "Môi trường & ATTP", count: 3, units: ["A", "B", "C"], text: "" },
  ],
  failingByIndicator: [
    { code: "17.1", name: "Nước sạch tập trung", criterion: 17, count: 3, units: ["A", "B", "C"] },
  ],
  criteriaMetTotal: 48,
  criteriaMetAverage: 16,
  unitsMeetingStandard: 0,
  shareMeetingStandard: 0,
  ranking: [
    {
      rank: 1,
      unit: "A",
      status: "not_met",
      criteriaMet: 18,
      criteriaTotal: 19,
      criteriaToGo: 1,
      indicatorsToGo: 1,
    },
    {
      rank: 2,
      unit: "B",
      status: "not_met",
      criteriaMet: 18,
      criteriaTotal: 19,
      criteriaToGo: 1,
      indicatorsToGo: 1,
    },
    {
      rank: 3,
      unit: "C",
      status: "not_met",
      criteriaMet: 12,
      criteriaTotal: 19,
      criteriaToGo: 7,
      indicatorsToGo: 13,
    },
  ],
};
const report = buildReviewReport({
  scope: { name: "huyện Thọ Xuân", word: "huyện" },
  asOf: "2023-05-19",
  units: [
    { code: "A", name: "Xuân Minh" },
    { code: "B", name: "Xuân Tín" },
    { code: "C", name: "Thuận Minh" },
  ],
  rollups: [rollup],
  set: { id: "ntm-xa", title: "x" },
  targets: [
    {
      label: "Thu nhập bình quân",
      comparator: "gte",
      value: 64.5,
      unitOfMeasure: "triệu đồng",
      actual: 1234.5,
    },
  ],
  illustrative: false,
});

describe("the report as files", () => {
  it("is a Word document whose paragraphs are the report's, tables with vi-VN numbers", async () => {
    const paragraphs = readDocxParagraphs(await renderReviewReportDocx(report));
    expect(paragraphs[0]).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(paragraphs).toContain(
      "Qua rà soát có 02 xã gồm: Xuân Minh và Xuân Tín đạt 18/19 tiêu chí, 56/57 chỉ tiêu; có 01 xã Thuận Minh đạt 12/19 tiêu chí, 44/57 chỉ tiêu.",
    );
    expect(paragraphs).toContain(
      "Các tiêu chí chưa đạt: Tiêu chí số 17 - Môi trường & ATTP có 03 xã chưa đạt.",
    );
    // The targets table cell, formatted vi-VN.
    expect(paragraphs).toContain("1.234,5");
    expect(paragraphs).toContain("Số tiêu chí bình quân đạt/xã");
  });

  it("is a workbook: the text sheet, then a sheet per table with numbers kept numeric", async () => {
    const sheets = await readXlsxSheets(await renderReviewReportXlsx(report));
    expect([...sheets.keys()]).toEqual([
      "Báo cáo",
      "Kết quả theo nhóm",
      "Kết quả từng xã",
      "Tiêu chí chưa đạt",
      "Chỉ tiêu chưa đạt",
      "Tổng hợp",
      "Chỉ tiêu năm",
    ]);
    expect(sheets.get("Báo cáo")!.flat()).toContain(
      "Tổng số tiêu chí hoàn thành toàn huyện là 48 lượt tiêu chí, số tiêu chí bình quân đạt 16 tiêu chí/xã.",
    );
    expect(sheets.get("Kết quả theo nhóm")).toEqual([
      ["Số tiêu chí đạt", "Tổng số tiêu chí", "Chỉ tiêu đạt", "Số xã", "Các xã"],
      [18, 19, "56/57", 2, "Xuân Minh và Xuân Tín"],
      [12, 19, "44/57", 1, "Thuận Minh"],
    ]);
  });

  it("names files in ASCII and in Vietnamese", () => {
    expect(reportFileNames(report)).toEqual({
      ascii: "bao-cao-ra-soat-huyen-tho-xuan-2023-05-19",
      unicode: "Báo cáo rà soát huyện Thọ Xuân 2023-05-19",
    });
  });
});
