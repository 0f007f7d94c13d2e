import { describe, expect, it } from "vitest";
import {
  atLeastPercent,
  compareNumbers,
  compareRatio,
  ratioCountGap,
  ratioWithinMicro,
  satisfies,
} from "./numeric";

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

describe("a ratio's fragile margin", () => {
  // Threshold 90 %, margin 2 points, in millionths: 91/100 and 92/100 are within, bound included.
  it.each([
    [91, 100, true],
    [92, 100, true],
    [88, 100, true],
    [93, 100, false],
    [87, 100, false],
    [2760, 3000, true],
    [2761, 3000, false],
  ])("%d/%d within 2 points of 90 %%: %s", (n, d, expected) => {
    expect(ratioWithinMicro(n, d, 90_000_000, 2_000_000)).toBe(expected);
  });

  it("has none with a negative margin", () => {
    expect(ratioWithinMicro(90, 100, 90_000_000, -1)).toBe(false);
  });
});
