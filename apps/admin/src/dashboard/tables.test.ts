import { tablesToSheets } from "@datchuan/ui";
import { describe, expect, it } from "vitest";
import { messages } from "../messages";
import {
  allTables,
  groupRows,
  isIllustrative,
  type Registration,
  registrationRows,
  type Standing,
  type T,
  unitNamer,
} from "./tables";

/** Vietnamese strings straight from the app's messages, as the workbook is written. */
const vi: T = (key, options) => {
  let text = key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages.vi);
  if (typeof text !== "string") return key;
  for (const [name, value] of Object.entries(options ?? {}))
    text = (text as string).replaceAll(`{{${name}}}`, String(value));
  return text as string;
};

const unit = (code: string, name: string, criteriaMet: number, status = "not_met") => ({
  code,
  name,
  period: "2023-04",
  setId: "thanh-hoa-ntm-xa-2021-2025-minh-hoa",
  setVersion: "2022-minh-hoa",
  signed: true,
  status,
  criteriaMet,
  criteriaTotal: 19,
  indicatorsMet: 50,
  indicatorsTotal: 57,
  summary: "",
});

const standing = {
  setId: "ntm-xa-2021-2025",
  asOf: "2023-05-19",
  since: null,
  communes: 3,
  units: [
    unit("A", "Xuân Minh", 18),
    unit("B", "Xuân Tín", 18),
    unit("C", "Thuận Minh", 19, "met"),
  ],
  notReported: [],
  rollups: [
    {
      set: { id: "x", version: "2022-minh-hoa", title: "Bộ minh họa" },
      units: 3,
      byScore: [
        {
          criteriaMet: 19,
          criteriaTotal: 19,
          indicatorsMet: 57,
          indicatorsTotal: 57,
          count: 1,
          units: ["C"],
          text: "",
        },
        {
          criteriaMet: 18,
          criteriaTotal: 19,
          indicatorsMet: 56,
          indicatorsTotal: 57,
          count: 1,
          units: ["A"],
          text: "",
        },
        {
          criteriaMet: 18,
          criteriaTotal: 19,
          indicatorsMet: 55,
          indicatorsTotal: 57,
          count: 1,
          units: ["B"],
          text: "",
        },
      ],
      failingByCriterion: [
        { number: 17, name: "Môi trường", count: 2, units: ["A", "B"], text: "" },
      ],
      failingByIndicator: [],
      criteriaMetTotal: 55,
      criteriaMetAverage: 55 / 3,
      unitsMeetingStandard: 1,
      shareMeetingStandard: 100 / 3,
      ranking: [],
    },
  ],
  fragile: [],
  changes: [],
  revocation: {
    recognised: 0,
    inZone: [],
    district: { status: "keep", revoked: 0, undetermined: 0, total: 3 },
  },
} as unknown as Standing;

describe("the dashboard's tables", () => {
  it("names units and reads groups the meeting's way", () => {
    const nameOf = unitNamer(standing);
    expect(groupRows(standing.rollups[0]!, nameOf).map((g) => g.sentence)).toEqual([
      "01 xã: Thuận Minh đạt 19/19 tiêu chí, 57/57 chỉ tiêu",
      "02 xã: Xuân Minh, Xuân Tín đạt 18/19 tiêu chí, 55-56/57 chỉ tiêu",
    ]);
    expect(isIllustrative(standing)).toBe(true);
  });

  it("sets registrations for a target year against the standing on the date", () => {
    const registrations = [
      { unitCode: "A", setId: "ntm-xa-2021-2025", targetYear: 2023 },
      { unitCode: "C", setId: "ntm-xa-2021-2025", targetYear: 2023 },
      { unitCode: "B", setId: "ntm-xa-2021-2025", targetYear: 2024 },
      { unitCode: "B", setId: "ntm-nang-cao-xa-2021-2025", targetYear: 2025 },
    ] as Registration[];
    expect(registrationRows(registrations, standing, "ntm-xa-2021-2025")).toEqual([
      { targetYear: 2023, registered: 2, achieved: 1, units: ["A", "C"], missing: ["A"] },
      { targetYear: 2024, registered: 1, achieved: 0, units: ["B"], missing: ["B"] },
    ]);
  });

  it("exports every table as a sheet with Vietnamese headers, the overview marked illustrative", () => {
    const sheets = tablesToSheets(
      allTables(vi, { standing, registrations: [], progress: [], illustrative: true }),
    );
    expect(sheets.map((s) => s.name)).toEqual([
      "Tổng quan",
      "Nhóm theo tiêu chí đạt",
      "Tiêu chí chưa đạt",
      "Chỉ tiêu chưa đạt",
      "Xếp hạng",
      "Chưa bền vững",
      "Thay đổi",
      "Nguy cơ thu hồi",
      "Đăng ký về đích",
      "Tiến độ",
    ]);
    const overview = sheets[0]!.rows;
    expect(overview[0]?.map((c) => c.value)).toEqual(["Tổng quan", "Giá trị"]);
    expect(overview.find((r) => r[0]?.value === "Tỷ lệ đạt chuẩn")?.[1]).toEqual({
      value: 100 / 3 / 100,
      kind: "number",
      format: "0.00%",
    });
    expect(overview.find((r) => r[0]?.value === "Lượt tiêu chí đạt")?.[1]).toEqual({
      value: 55,
      kind: "number",
      format: "#,##0",
    });
    expect(String(overview.at(-1)?.[1]?.value)).toMatch(/^Số liệu minh họa/u);
    expect(sheets[2]!.rows[1]?.map((c) => c.value)).toEqual([
      17,
      "Môi trường",
      2,
      "Xuân Minh, Xuân Tín",
    ]);
  });
});
