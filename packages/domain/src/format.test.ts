import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent } from "./format";

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
