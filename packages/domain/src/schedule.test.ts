import { describe, expect, it } from "vitest";
import { lastEndedPeriod } from "./schedule";

describe("lastEndedPeriod", () => {
  it.each([
    ["month", "2024-06-25", "2024-05"],
    ["month", "2024-01-10", "2023-12"],
    ["quarter", "2024-05-01", "2024-Q1"],
    ["quarter", "2024-02-01", "2023-Q4"],
    ["quarter", "2024-12-31", "2024-Q3"],
    ["year", "2025-01-25", "2024"],
  ] as const)("a %s schedule on %s reports %s", (frequency, today, period) => {
    expect(lastEndedPeriod(frequency, today)).toBe(period);
  });
});
