import { describe, expect, it } from "vitest";
import { parseVietnameseDate, progressDates, readParams, writeParams } from "./params";

describe("dashboard parameters", () => {
  it("reads dates typed the Vietnamese way and refuses impossible ones", () => {
    expect(parseVietnameseDate("19/05/2023")).toBe("2023-05-19");
    expect(parseVietnameseDate(" 1/6/2025 ")).toBe("2025-06-01");
    expect(parseVietnameseDate("31/02/2023")).toBeNull();
    expect(parseVietnameseDate("2023-05-19")).toBeNull();
  });

  it("round-trips through the address", () => {
    const params = {
      unitCode: "THO-XUAN",
      clusterId: null,
      asOf: "2023-05-19",
      setId: "ntm-xa-2021-2025",
      since: null,
      working: false,
    };
    expect(readParams(writeParams(params))).toEqual(params);
    const drafts = { ...params, since: "2022-12-31", working: true };
    expect(readParams(writeParams(drafts))).toEqual(drafts);
    const cluster = { ...params, clusterId: "0b6f3c9e-5d1a-4f7e-9c39-2f1d8f6a7b10" };
    expect(readParams(writeParams(cluster))).toEqual(cluster);
    expect(readParams(new URLSearchParams("ngay=hom-nay")).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
  });

  it("reads progress at half-year ends before the date, then on it", () => {
    expect(progressDates("2023-05-19", 4)).toEqual([
      "2021-12-31",
      "2022-06-30",
      "2022-12-31",
      "2023-05-19",
    ]);
    expect(progressDates("2025-12-31", 3)).toEqual(["2024-12-31", "2025-06-30", "2025-12-31"]);
    expect(progressDates("2024-08-01", 3)).toEqual(["2023-12-31", "2024-06-30", "2024-08-01"]);
  });
});
