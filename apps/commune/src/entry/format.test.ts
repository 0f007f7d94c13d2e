import { describe, expect, it } from "vitest";
import { formatPeriod, shiftPeriod } from "./format";

describe("periods on the entry page", () => {
  it.each([
    ["2025-01", -1, "2024-12"],
    ["2024-12", 1, "2025-01"],
    ["2025-Q1", -1, "2024-Q4"],
    ["2025-Q4", 1, "2026-Q1"],
    ["2025", 1, "2026"],
  ] as const)("%s shifted by %i is %s", (period, by, shifted) => {
    expect(shiftPeriod(period, by)).toBe(shifted);
  });

  it("reads the Vietnamese way", () => {
    expect(formatPeriod("2025-09")).toBe("09/2025");
    expect(formatPeriod("2025-Q3")).toBe("quý 3/2025");
    expect(formatPeriod("2025")).toBe("năm 2025");
  });
});
