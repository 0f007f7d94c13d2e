import type { CriteriaSetInput } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { referenceIssues } from "./references";

const provenance = { source: "QĐ 318/QĐ-TTg", verified: true };
function number(code: string, source?: unknown) {
  return {
    code,
    name: `Chỉ tiêu ${code}`,
    kind: "percentage" as const,
    unitOfMeasure: "%",
    comparator: "gte" as const,
    thresholds: [{ value: 90, provenance }],
    provenance,
    ...(source ? { source } : {}),
  };
}
function set(criteria: Array<{ indicators: unknown[]; rule?: unknown }>) {
  return {
    criteria: criteria.map((c, k) => ({
      number: k + 1,
      name: `Tiêu chí ${k + 1}`,
      group: "a",
      provenance,
      ...c,
    })),
  } as Pick<CriteriaSetInput, "criteria">;
}

describe("referenceIssues", () => {
  it("accepts derived inputs and rule items the set has", () => {
    const ok = set([
      {
        indicators: [
          number("1.1"),
          number("1.2"),
          number("1.3", { kind: "indicators", inputs: ["1.1", "1.2"], op: "ratio" }),
        ],
        rule: { op: "at_least", k: 2, of: ["1.1", "1.2", "1.3"] },
      },
    ]);
    expect(referenceIssues(ok)).toEqual([]);
  });

  it("names each problem at the field that shows it", () => {
    const bad = set([
      {
        indicators: [
          number("1.1", { kind: "indicators", inputs: ["1.1", "9.9", "1.2"], op: "ratio" }),
          number("1.2", { kind: "indicators", inputs: [], op: "sum" }),
        ],
        rule: { op: "at_least", k: 3, of: ["1.1", "2.1"] },
      },
      { indicators: [number("2.1", { kind: "set_met", set: " " })] },
    ]);
    expect(referenceIssues(bad)).toEqual([
      { path: "criteria.0.indicators.0.source", key: "ratioTwo" },
      { path: "criteria.0.indicators.0.source", key: "selfInput" },
      { path: "criteria.0.indicators.0.source", key: "unknownInput", values: { code: "9.9" } },
      { path: "criteria.0.indicators.1.source", key: "inputsMissing" },
      { path: "criteria.0.rule", key: "unknownItem", values: { code: "2.1" } },
      { path: "criteria.0.rule", key: "kTooLarge", values: { k: 3, count: 2 } },
      { path: "criteria.1.indicators.0.source", key: "setMissing" },
    ]);
  });

  it("lets an adaptation name its parent's indicators, and leaves nested rules to the compiler", () => {
    const adaptation = set([
      {
        indicators: [number("1.3", { kind: "indicators", inputs: ["1.1"], op: "max" })],
        rule: { op: "any", of: ["1.1", "1.3"] },
      },
      { indicators: [number("2.1")], rule: { op: "all", of: [{ op: "any", of: ["x"] }] } },
    ]);
    expect(referenceIssues(adaptation, new Set(["1.1", "1.2"]))).toEqual([]);
  });
});
