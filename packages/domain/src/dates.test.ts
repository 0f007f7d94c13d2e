import { describe, expect, it } from "vitest";
import { addDays, daysBetween, vietnamDate } from "./dates";

describe("vietnamDate", () => {
  it.each([
    ["2025-01-25T16:59:59.999Z", "2025-01-25"],
    ["2025-01-25T17:00:00.000Z", "2025-01-26"],
    ["2025-01-25T00:00:00.000Z", "2025-01-25"],
    ["2024-12-31T17:00:00.000Z", "2025-01-01"],
    ["2024-02-28T17:30:00.000Z", "2024-02-29"],
  ])("%s is %s in Vietnam", (instant, date) => {
    expect(vietnamDate(new Date(instant))).toBe(date);
  });

  it("agrees with the time zone database for Asia/Ho_Chi_Minh", () => {
    const format = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" });
    for (let hour = 0; hour < 24 * 400; hour += 7) {
      const instant = new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000);
      expect(vietnamDate(instant)).toBe(format.format(instant));
    }
  });
});

describe("addDays", () => {
  it.each([
    ["2025-07-01", -1, "2025-06-30"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-01-25", 0, "2025-01-25"],
  ])("%s %i → %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2025-01-25", "2025-01-25", 0],
    ["2025-01-25", "2025-01-26", 1],
    ["2024-02-25", "2024-03-01", 5],
    ["2024-12-25", "2025-01-01", 7],
    ["2025-03-01", "2025-02-25", -4],
  ])("%s → %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
