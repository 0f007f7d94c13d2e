import { describe, expect, it } from "vitest";
import {
  formatPeriodCell,
  isAmbiguousNumber,
  matchLevelCell,
  parseBooleanCell,
  parseNumberCell,
  parsePeriodCell,
  parseRatioCell,
} from "./cells";

describe("parseNumberCell", () => {
  it.each([
    ["95.5", 95.5],
    ["95,5", 95.5],
    ["1.234,5", 1234.5],
    ["1.234.567", 1234567],
    ["1.234.567,25", 1234567.25],
    ["1234,5", 1234.5],
    ["80", 80],
    ["80 %", 80],
    ["-2,5", -2.5],
    [" 0.125 ", 0.125],
    ["12.5", 12.5],
    ["1234.567", 1234.567],
  ])("%j → %d", (text, expected) => {
    expect(parseNumberCell(text)).toBe(expected);
  });

  it.each([
    "",
    "abc",
    "1,2,3",
    "1.23,5",
    "12..5",
    "1.234,5.6",
    "95,5x",
    "Infinity",
    "1e3",
    "1.234",
    "-12.500",
  ])("%j is not a number", (text) => {
    expect(parseNumberCell(text)).toBeUndefined();
  });
});

describe("isAmbiguousNumber", () => {
  it.each([
    ["1.234", true],
    ["-12.500", true],
    ["0.125", false],
    ["1.234,0", false],
    ["1.234.567", false],
    ["95.5", false],
  ])("%j → %s", (text, expected) => {
    expect(isAmbiguousNumber(text)).toBe(expected);
  });
});

describe("parseBooleanCell", () => {
  it.each([
    ["true", true],
    ["FALSE", false],
    ["Đạt", true],
    ["đạt", true],
    ["ĐẠT", true],
    ["Không đạt", false],
    ["chưa đạt", false],
    ["Có", true],
    ["không", false],
    // "Đạt" typed with combining marks (NFD) is the same word.
    ["Đạt".normalize("NFD"), true],
    ["  không   đạt ", false],
  ])("%j → %s", (text, expected) => {
    expect(parseBooleanCell(text)).toBe(expected);
  });

  it.each(["", "maybe", "đạt chuẩn?", "95"])("%j is not a boolean", (text) => {
    expect(parseBooleanCell(text)).toBeUndefined();
  });
});

describe("parseRatioCell", () => {
  it.each([
    ["45/50", { numerator: 45, denominator: 50 }],
    ["1.234,0/2.000.000", { numerator: 1234, denominator: 2000000 }],
    ["12,5 / 50", { numerator: 12.5, denominator: 50 }],
    ["0/3", { numerator: 0, denominator: 3 }],
  ])("%j", (text, expected) => {
    expect(parseRatioCell(text)).toEqual(expected);
  });

  it.each(["45", "45/0", "a/b", "1/2/3", "-1/2", "/5", "1.234/2.000"])(
    "%j is not a ratio",
    (text) => {
      expect(parseRatioCell(text)).toBeUndefined();
    },
  );
});

describe("parsePeriodCell", () => {
  it.each([
    ["2024", { kind: "year", year: 2024 }],
    ["2024-Q2", { kind: "quarter", year: 2024, quarter: 2 }],
    ["2024-q4", { kind: "quarter", year: 2024, quarter: 4 }],
    ["2024-07", { kind: "month", year: 2024, month: 7 }],
  ])("%j", (text, expected) => {
    const period = parsePeriodCell(text);
    expect(period).toEqual(expected);
    expect(formatPeriodCell(period as NonNullable<typeof period>)).toBe(text.toUpperCase());
  });

  it.each(["24", "2024-13", "2024-00", "2024-Q5", "2024-7", "Q1-2024", "2024/07", ""])(
    "%j is not a period",
    (text) => {
      expect(parsePeriodCell(text)).toBeUndefined();
    },
  );
});

describe("matchLevelCell", () => {
  const levels = ["Mức độ 1", "Mức độ 2", "Mức độ 3"];
  it("matches case-insensitively and returns the set's own spelling", () => {
    expect(matchLevelCell("mức độ 2", levels)).toBe("Mức độ 2");
    expect(matchLevelCell("MỨC ĐỘ 3".normalize("NFD"), levels)).toBe("Mức độ 3");
  });
  it("rejects labels the set does not define", () => {
    expect(matchLevelCell("Mức độ 4", levels)).toBeUndefined();
  });
});
