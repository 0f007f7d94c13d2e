import type { CriterionVerdict, IndicatorVerdict } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { tileStatus } from "./statuses";

const threshold = {
  indicator: "x",
  comparator: "gte",
  value: null,
  unitOfMeasure: "",
  reason: {} as never,
} as const;
const missing: IndicatorVerdict = {
  code: "1.1",
  criterion: 1,
  status: "missing",
  reason: "no_value",
  threshold,
};
const noThreshold: IndicatorVerdict = {
  code: "1.2",
  criterion: 1,
  status: "no_threshold",
  value: { kind: "number", period: "2025", value: 1 },
  threshold,
};

function criterion(
  status: CriterionVerdict["status"],
  fragile: boolean,
  indicators: IndicatorVerdict[] = [],
) {
  return {
    number: 1,
    name: "Quy hoạch",
    group: "g",
    department: null,
    status,
    fragile,
    indicatorsMet: 0,
    indicatorsApplicable: indicators.length,
    indicators,
  } satisfies CriterionVerdict;
}

describe("tileStatus", () => {
  it.each([
    [criterion("met", false), "met"],
    [criterion("met", true), "fragile"],
    [criterion("not_met", false), "not_met"],
    [criterion("not_applicable", false), "not_applicable"],
    // Undetermined: figures to enter come before a threshold the province has not set.
    [criterion("undetermined", false, [noThreshold, missing]), "missing"],
    [criterion("undetermined", false, [noThreshold]), "no_threshold"],
  ])("%#: %s", (verdict, expected) => {
    expect(tileStatus(verdict)).toBe(expected);
  });
});
