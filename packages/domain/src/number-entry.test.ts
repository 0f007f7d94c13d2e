import { describe, expect, it } from "vitest";
import { formatEntryNumber, parseVietnameseNumber } from "./number-entry";

describe("parseVietnameseNumber", () => {
  it.each([
    ["95,5", 95.5],
    ["1.234", 1234],
    ["1.234,5", 1234.5],
    ["1.234.567,25", 1234567.25],
    ["0", 0],
    ["0,05", 0.05],
    ["  42 ", 42],
    ["1 234,5", 1234.5],
    ["95,5 %", 95.5],
    ["95.5", 95.5],
    ["3.25", 3.25],
    ["-2,5", -2.5],
    ["-0", 0],
    ["120", 120],
  ])("reads %j as %d", (text, value) => {
    expect(parseVietnameseNumber(text)).toEqual({ ok: true, value });
  });

  it.each(["abc", "1,2,3", "1.23.4", "12.34,5", "1,5a", "1.234.5", ",5", "--1", "1e3", "Infinity"])(
    "refuses %j in Vietnamese",
    (text) => {
      const entry = parseVietnameseNumber(text);
      expect(entry.ok).toBe(false);
      if (!entry.ok) expect(entry.message).toContain("không phải là số");
    },
  );

  it("says when nothing was typed", () => {
    expect(parseVietnameseNumber("  ")).toEqual({ ok: false, message: "Chưa nhập số." });
  });

  it.each([
    [95.5, "95,5"],
    [1234, "1.234"],
    [1234.5, "1.234,5"],
    [0.123456, "0,123456"],
  ])("shows %d back as %j, which reads back the same", (value, text) => {
    expect(formatEntryNumber(value)).toBe(text);
    expect(parseVietnameseNumber(formatEntryNumber(value))).toEqual({ ok: true, value });
  });
});
