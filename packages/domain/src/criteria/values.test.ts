import { describe, expect, it } from "vitest";
import { periodSchema, periodStart, periodValidUntil, periodYear } from "./values";

describe("periods", () => {
  it.each([
    ["2024", 0, "2024-01-01", "2024-12-31"],
    ["2024-Q1", 0, "2024-01-01", "2024-03-31"],
    ["2024-Q4", 0, "2024-10-01", "2024-12-31"],
    ["2024-02", 0, "2024-02-01", "2024-02-29"],
    ["2023-02", 0, "2023-02-01", "2023-02-28"],
    ["1900-02", 0, "1900-02-01", "1900-02-28"],
    ["2000-02", 0, "2000-02-01", "2000-02-29"],
    ["2023", 3, "2023-01-01", "2024-03-31"],
    ["2024-11", 3, "2024-11-01", "2025-02-28"],
  ])("%s with %d grace months runs %s – %s", (period, grace, start, until) => {
    expect(periodStart(period)).toBe(start);
    expect(periodValidUntil(period, grace)).toBe(until);
    expect(periodYear(period)).toBe(Number(period.slice(0, 4)));
  });

  it.each(["2024", "2024-Q3", "2024-09"])("accepts %s", (p) => {
    expect(periodSchema.safeParse(p).success).toBe(true);
  });

  it.each(["24", "2024-Q5", "2024-13", "2024-1", "2024/09"])("rejects %s", (p) => {
    expect(periodSchema.safeParse(p).success).toBe(false);
  });
});
