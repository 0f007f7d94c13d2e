import type { CriterionVerdict, IndicatorVerdict } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { missingIndicators, relativeDistance } from "./order";

const threshold = (value: number | boolean) =>
  ({
    indicator: "x",
    comparator: "gte",
    value,
    unitOfMeasure: "%",
    reason: {} as never,
  }) as const;

function notMet(
  code: string,
  measured: number | boolean,
  limit: number | boolean,
): IndicatorVerdict {
  return {
    code,
    criterion: Number(code.split(".")[0]),
    status: "not_met",
    value: { kind: "number", period: "2025", value: 0 },
    measured,
    threshold: threshold(limit),
    gap: { kind: "attestation", required: true, text: "" },
  };
}

function criterion(number: number, indicators: IndicatorVerdict[]): CriterionVerdict {
  return {
    number,
    name: `Tiêu chí ${number}`,
    group: "g",
    department: null,
    status: "not_met",
    fragile: false,
    indicatorsMet: 0,
    indicatorsApplicable: indicators.length,
    indicators,
  };
}

describe("what is missing", () => {
  it("measures the distance relative to the threshold", () => {
    expect(relativeDistance(notMet("15.1", 90, 95))).toBeCloseTo(5 / 95);
    expect(relativeDistance(notMet("3.2", false, true))).toBe(1);
    expect(relativeDistance(notMet("9.9", 2, 0))).toBe(2);
  });

  it("orders failing indicators closest first, then those without figures, by code", () => {
    const missing: IndicatorVerdict = {
      code: "10.2",
      criterion: 10,
      status: "missing",
      reason: "no_value",
      threshold: threshold(45),
    };
    const met: IndicatorVerdict = {
      code: "1.1",
      criterion: 1,
      status: "met",
      value: { kind: "number", period: "2025", value: 1 },
      measured: 1,
      threshold: threshold(1),
      fragile: false,
    };
    const ordered = missingIndicators({
      criteria: [
        criterion(1, [met]),
        criterion(10, [missing, notMet("10.1", 30, 45)]),
        criterion(15, [notMet("15.1", 90, 95)]),
        criterion(17, [notMet("17.1", 20, 80)]),
        criterion(3, [notMet("3.2", false, true)]),
      ],
    });
    expect(ordered.map((e) => e.verdict.code)).toEqual(["15.1", "10.1", "17.1", "3.2", "10.2"]);
  });
});
