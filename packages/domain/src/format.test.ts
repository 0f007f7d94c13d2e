import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatVietnamDate,
  formatVietnamDateTime,
} from "./format";

describe("vi-VN formats", () => {
  it("uses a comma for decimals and a dot for thousands", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatPercent(7.46)).toBe("7,46 %");
  });

  it("writes dates as dd/mm/yyyy", () => {
    expect(formatDate("2023-05-19")).toBe("19/05/2023");
    expect(formatDate("2023-05-19T08:00:00.000Z")).toBe("19/05/2023");
  });

  it("rejects what is not a date", () => {
    expect(() => formatDate("19/05/2023")).toThrow(RangeError);
  });
});

describe("Vietnam date and time of an instant", () => {
  it.each([
    ["2023-05-19T16:59:00.000Z", "19/05/2023", "19/05/2023 23:59"],
    ["2023-05-19T17:00:00.000Z", "20/05/2023", "20/05/2023 00:00"],
    ["2023-05-19T02:05:00.000Z", "19/05/2023", "19/05/2023 09:05"],
    ["2024-12-31T18:30:00.000Z", "01/01/2025", "01/01/2025 01:30"],
  ])("%s is %s (%s) in Vietnam", (instant, date, dateTime) => {
    expect(formatVietnamDate(instant)).toBe(date);
    expect(formatVietnamDateTime(instant)).toBe(dateTime);
    expect(formatVietnamDateTime(new Date(instant))).toBe(dateTime);
  });

  it("agrees with the time zone database for Asia/Ho_Chi_Minh", () => {
    const format = new Intl.DateTimeFormat("vi-VN", {
      timeZone: "Asia/Ho_Chi_Minh",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    });
    for (let hour = 0; hour < 24 * 400; hour += 5) {
      const instant = new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000);
      expect(formatVietnamDate(instant)).toBe(format.format(instant));
    }
  });

  it("refuses what is not an instant", () => {
    expect(() => formatVietnamDate("hôm qua")).toThrow(RangeError);
  });
});
