import { describe, expect, it } from "vitest";
import { atLeastPercent, compareNumbers, compareRatio, ratioCountGap, satisfies } from "./numeric";

describe("the comparison rule", () => {
  it.each([
    ["gte", [false, true, true]],
    ["gt", [false, false, true]],
    ["lte", [true, true, false]],
    ["lt", [true, false, false]],
    ["eq", [false, true, false]],
  ] as const)("%s accepts signs −1, 0, +1 as %j", (comparator, accepted) => {
    expect([-1, 0, 1].map((sign) => satisfies(comparator, sign))).toEqual(accepted);
  });

  it.each([
    [0.1 + 0.2, 0.3, 0],
    [95.0000001, 95, 0], // beyond six decimals
    [95.000001, 95, 1],
    [16.49, 16.5, -1],
  ])("compareNumbers(%d, %d) = %d", (a, b, sign) => {
    expect(compareNumbers(a, b)).toBe(sign);
  });

  it.each([
    [3040, 3200, 95, 0],
    [1, 3, 33.333333, 1],
    [1, 3, 33.333334, -1],
    [9_007_199_254, 9_007_199_254, 100, 0], // past 2⁵³ once scaled: BigInt
  ])("compareRatio(%d, %d, %d %%) = %d", (n, d, t, sign) => {
    expect(compareRatio(n, d, t)).toBe(sign);
  });

  it.each([
    [2888, 3200, "gte", 95, 152],
    [3040, 3200, "gte", 95, 0],
    [3040, 3200, "gt", 95, 1],
    [45, 1000, "lte", 4, 5],
    [40, 1000, "lt", 4, 1],
  ] as const)("%d/%d %s %d %%: %d to change", (n, d, comparator, t, k) => {
    expect(ratioCountGap(n, d, comparator, t)).toBe(k);
  });

  it.each([
    [3, 10, 30, true],
    [2, 7, 30, false],
    [5, 10, 50, true],
    [4, 9, 50, false],
    [0, 0, 0, false],
  ])("%d of %d is at least %d %%: %s", (count, total, percent, expected) => {
    expect(atLeastPercent(count, total, percent)).toBe(expected);
  });
});
