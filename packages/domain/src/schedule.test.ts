import { describe, expect, it } from "vitest";
import { lastEndedPeriod, periodReportedUnder } from "./schedule";

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

describe("periodReportedUnder", () => {
  const ntm2021 = { from: "2022-03-08", to: "2025-12-31" };
  const ntm2026 = { from: "2026-02-15", to: "2030-12-31" };
  it.each([
    ["the last ended month while the set is in force", "month", "2024-06-25", ntm2021, "2024-05"],
    ["its last month once the set has ended", "month", "2026-11-26", ntm2021, "2025-12"],
    ["its last year once the set has ended", "year", "2026-11-26", ntm2021, "2025"],
    ["the last ended month under the set in force", "month", "2026-11-26", ntm2026, "2026-10"],
    ["its first year when none has ended under it", "year", "2026-11-26", ntm2026, "2026"],
    ["its first month before any ended under it", "month", "2026-02-20", ntm2026, "2026-02"],
    [
      "not a month it does not cover to the end",
      "month",
      "2025-12-20",
      { from: "2022-03-08", to: "2025-12-15" },
      "2025-11",
    ],
  ] as const)("reports %s", (_why, frequency, today, effective, period) => {
    expect(periodReportedUnder(frequency, today, effective)).toBe(period);
  });
});
