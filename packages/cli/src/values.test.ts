import type { Indicator } from "@datchuan/domain";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { describe, expect, it } from "vitest";
import { formatProblem } from "./csv";
import { parseValuesCsv, readValueCell, valuesInForceByUnit } from "./values";

const ntm = getOfficialCriteriaSet("ntm-xa-2021-2025");
if (!ntm) throw new Error("official set missing");
const indicator = (code: string) =>
  ntm.criteria.flatMap((c) => c.indicators).find((i) => i.code === code) as Indicator;

describe("readValueCell by indicator kind", () => {
  it.each([
    ["3.1", "95,5", { kind: "number", value: 95.5 }],
    ["3.1", "95.5", { kind: "number", value: 95.5 }],
    ["3.1", "45/50", { kind: "ratio", numerator: 45, denominator: 50 }],
    ["10", "1.234,5", { kind: "number", value: 1234.5 }],
    ["3.2", "Đạt", { kind: "boolean", value: true }],
    ["3.2", "KHÔNG ĐẠT", { kind: "boolean", value: false }],
    ["3.2", "có", { kind: "boolean", value: true }],
    ["9.1", "không", { kind: "boolean", value: false }],
    ["14.1", "mức độ 2", { kind: "level", value: "muc-2" }],
    ["14.1", "muc-3", { kind: "level", value: "muc-3" }],
    ["13.4", "Không áp dụng", { kind: "not_applicable" }],
  ])("%s %j", (code, text, expected) => {
    expect(readValueCell(indicator(code), text, "2024")).toEqual({
      value: { ...expected, period: "2024" },
    });
  });

  it.each([
    ["3.1", "abc", 'giá trị "abc" không phải số'],
    ["3.1", "", "thiếu giá trị"],
    ["3.1", "5/0", 'giá trị "5/0" không phải tỷ số tử/mẫu (mẫu số lớn hơn 0)'],
    ["3.2", "95", 'giá trị "95" không phải đạt/không đạt (true/false, có/không)'],
    [
      "14.1",
      "Mức độ 9",
      'mức "Mức độ 9" không có trong Chưa đạt chuẩn, Mức độ 1, Mức độ 2, Mức độ 3',
    ],
    ["3.1", "n/a", 'chỉ tiêu 3.1 không thuộc loại "(nếu có)", không thể "n/a"'],
    ["10", "1.234", 'giá trị "1.234" không rõ là 1234 hay 1,234: viết 1234 hoặc "1,234"'],
    ["3.1", "912/1.850", 'giá trị "1.850" không rõ là 1850 hay 1,850: viết 1850 hoặc "1,850"'],
    ["3.1", "120", "Chỉ tiêu 3.1 là tỷ lệ phần trăm: giá trị 120 % nằm ngoài khoảng 0–100 %"],
    ["3.1", "-5", "Chỉ tiêu 3.1 là tỷ lệ phần trăm: không nhận số âm (-5 %)"],
    [
      "3.1",
      "1900/1850",
      "Tử số (1.900) không thể lớn hơn mẫu số (1.850): tỷ lệ của chỉ tiêu 3.1 không vượt quá 100 %",
    ],
  ])("%s %j is refused", (code, text, reason) => {
    expect(readValueCell(indicator(code), text, "2024")).toEqual({ reason });
  });
});

describe("parseValuesCsv", () => {
  const units = new Set(["XA-A", "XA-B"]);

  it("reads rows, canonicalising the period", () => {
    const text =
      'unit_code,indicator_code,period,value\nXA-A,3.1,2024-q2,"80,5"\nXA-B,3.2,2024-07,đạt\n';
    const { rows, problems } = parseValuesCsv(text, "values.csv", ntm, units);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        unit: "XA-A",
        indicator: "3.1",
        value: { kind: "number", value: 80.5, period: "2024-Q2" },
      },
      {
        line: 3,
        unit: "XA-B",
        indicator: "3.2",
        value: { kind: "boolean", value: true, period: "2024-07" },
      },
    ]);
  });

  it("reports all bad rows with file and line, including several reasons on one row", () => {
    const text = [
      "unit_code,indicator_code,period,value",
      "XA-A,3.1,2024,80",
      "XA-Z,3.1,2024,80",
      "XA-A,3.1,2024,abc",
      "XA-A,42.1,24,80",
      "XA-A,3.1,2024,81",
      "XA-A,3.1,2024,1,2",
    ].join("\n");
    const { rows, problems } = parseValuesCsv(text, "values.csv", ntm, units);
    expect(rows).toHaveLength(1);
    expect(problems.map(formatProblem)).toEqual([
      'values.csv:3: đơn vị "XA-Z" không có trong tệp đơn vị',
      'values.csv:4: giá trị "abc" không phải số',
      'values.csv:5: chỉ tiêu "42.1" không có trong bộ tiêu chí ntm-xa-2021-2025',
      'values.csv:5: kỳ "24" không đúng dạng 2024, 2024-Q2 hoặc 2024-07',
      "values.csv:6: trùng với dòng 2 (cùng đơn vị, chỉ tiêu và kỳ)",
      "values.csv:7: số cột của dòng khác với dòng tiêu đề",
    ]);
  });

  it("refuses values for indicators computed from others (kiểu mẫu 1 comes from nâng cao)", () => {
    const km = getOfficialCriteriaSet("ntm-kieu-mau-xa-2021-2025");
    if (!km) throw new Error("official set missing");
    const text = "unit_code,indicator_code,period,value\nXA-A,1,2024,đạt\n";
    expect(parseValuesCsv(text, "v.csv", km, units).problems.map(formatProblem)).toEqual([
      "v.csv:2: chỉ tiêu 1 được tính tự động, không nhập giá trị",
    ]);
  });
});

describe("valuesInForceByUnit (the domain's valuesInForce, per unit)", () => {
  const row = (unit: string, indicator: string, period: string, value: number) => ({
    line: 0,
    unit,
    indicator,
    value: { kind: "number" as const, value, period },
  });
  const rows = [
    row("XA-A", "3.1", "2023", 1),
    row("XA-A", "3.1", "2024-Q3", 2),
    row("XA-A", "3.1", "2024", 3),
    row("XA-A", "3.1", "2025", 4),
    row("XA-B", "3.1", "2025", 5),
  ];

  it.each([
    ["2024-12-31", "XA-A", 3],
    ["2024-06-30", "XA-A", 3],
    ["2023-12-31", "XA-A", 1],
    ["2025-03-31", "XA-A", 4],
    ["2025-03-31", "XA-B", 5],
    ["2022-12-31", "XA-A", null],
    ["2024-12-31", "XA-B", null],
  ])("as of %s, %s is judged on %s", (asOf, unit, expected) => {
    const values = valuesInForceByUnit(rows, ntm, asOf).get(unit);
    const value = values?.["3.1"];
    expect(value?.kind === "number" ? value.value : null).toBe(expected);
  });

  it("keeps the yearly figure of a yearly indicator over a quarter's", () => {
    const withQ4 = [...rows, row("XA-A", "3.1", "2024-Q4", 6)];
    expect(valuesInForceByUnit(withQ4, ntm, "2024-12-31").get("XA-A")?.["3.1"]).toMatchObject({
      value: 3,
    });
  });
});

describe("readValueCell and indicators allowed above 100 %", () => {
  const growth = { ...indicator("3.1"), code: "3.9", allowAbove100: true } as Indicator;
  it.each([
    ["120", { kind: "number", value: 120 }],
    ["1900/1850", { kind: "ratio", numerator: 1900, denominator: 1850 }],
  ])("accepts %j", (text, expected) => {
    expect(readValueCell(growth, text, "2024")).toEqual({ value: { ...expected, period: "2024" } });
  });
});
