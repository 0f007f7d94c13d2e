import { describe, expect, it } from "vitest";
import { formatProblem, readCsv } from "./csv";

describe("readCsv", () => {
  it("reads rows with their line numbers, NFC cells and lower-cased headers", () => {
    const text =
      '\ufeffUnit_Code,Indicator_Code,Period,Value\nXA-01,3.1,2024,"95,5"\n\nXA-02,3.2,2024,Đạt\n';
    const table = readCsv(text.replace("Đạt", "Đạt".normalize("NFD")), "values.csv", ["unit_code"]);
    expect(table.problems).toEqual([]);
    expect(table.columns).toEqual(["unit_code", "indicator_code", "period", "value"]);
    expect(table.rows).toEqual([
      {
        line: 2,
        cells: { unit_code: "XA-01", indicator_code: "3.1", period: "2024", value: "95,5" },
      },
      {
        line: 4,
        cells: { unit_code: "XA-02", indicator_code: "3.2", period: "2024", value: "Đạt" },
      },
    ]);
  });

  it("collects every structural problem with its line", () => {
    const text = 'a,b\n1,2\n1,2,3\n4\n5,6\n7,"8\n';
    const table = readCsv(text, "x.csv", ["a", "b", "c"]);
    expect(table.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(table.problems.map(formatProblem)).toEqual([
      "x.csv:1: thiếu cột: c",
      "x.csv:3: số cột của dòng khác với dòng tiêu đề",
      "x.csv:4: số cột của dòng khác với dòng tiêu đề",
      "x.csv:6: dấu ngoặc kép chưa được đóng",
    ]);
  });

  it("reports an empty file", () => {
    expect(readCsv("", "units.csv", ["code"]).problems.map(formatProblem)).toEqual([
      "units.csv:1: tệp rỗng, thiếu dòng tiêu đề",
    ]);
  });
});
