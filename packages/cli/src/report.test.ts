import { type CriteriaSet, criteriaSetSchema, evaluate, rollup } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { buildReport, formatReportTable, formatSetsTable } from "./report";

const source = { source: "thử nghiệm", verified: false };
const set: CriteriaSet = criteriaSetSchema.parse({
  id: "thu-nghiem",
  version: "1",
  title: "Bộ thử nghiệm",
  level: "commune",
  effective: { from: "2024-01-01" },
  legalBasis: [{ source: "thử nghiệm" }],
  groups: [{ id: "A", name: "A" }],
  criteria: [
    {
      number: 1,
      name: "Y tế",
      group: "A",
      provenance: source,
      indicators: [
        {
          code: "1.1",
          name: "BHYT",
          kind: "ratio",
          unitOfMeasure: "%",
          comparator: "gte",
          numeratorLabel: "người tham gia",
          denominatorLabel: "dân số",
          thresholds: [
            { value: 90, provenance: { ...source, verified: true, url: "https://example.org" } },
          ],
          provenance: source,
        },
        {
          code: "1.2",
          name: "Làng nghề (nếu có)",
          kind: "boolean",
          unitOfMeasure: "",
          optional: true,
          thresholds: [{ value: true, provenance: source }],
          provenance: source,
        },
        {
          code: "1.3",
          name: "Chưa có ngưỡng",
          kind: "percentage",
          unitOfMeasure: "%",
          comparator: "gte",
          thresholds: [{ value: null, provenance: source }],
          provenance: source,
        },
      ],
    },
  ],
});

const verdicts = [
  evaluate(
    set,
    { code: "XA-A", attributes: {} },
    {
      "1.1": { kind: "ratio", numerator: 850, denominator: 1000, period: "2024" },
      "1.2": { kind: "not_applicable", period: "2024" },
      "1.3": { kind: "number", value: 12, period: "2024" },
    },
    "2024-12-31",
  ),
  evaluate(set, { code: "XA-B", attributes: {} }, {}, "2024-12-31"),
];
const summary = rollup(set, verdicts);

describe("buildReport", () => {
  it("flattens verdicts into the documented shape", () => {
    const report = buildReport(verdicts, summary, "2024-12-31");
    expect(report.set).toEqual({ id: "thu-nghiem", version: "1" });
    expect(report.units[0]).toMatchObject({
      code: "XA-A",
      standardMet: false,
      criteria: { met: 0, total: 1 },
      indicators: { met: 0, total: 2 },
    });
    expect(report.units[0]?.verdicts).toEqual([
      {
        criterion: 1,
        indicator: "1.1",
        status: "not_met",
        value: 85,
        threshold: 90,
        comparator: "gte",
        thresholdVerified: true,
        gap: expect.objectContaining({ kind: "count", direction: "more", amount: 50 }),
      },
      {
        criterion: 1,
        indicator: "1.2",
        status: "not_applicable",
        value: null,
        threshold: null,
        comparator: null,
        thresholdVerified: null,
        gap: null,
      },
      {
        criterion: 1,
        indicator: "1.3",
        status: "no_threshold",
        value: 12,
        threshold: null,
        comparator: "gte",
        thresholdVerified: false,
        gap: null,
      },
    ]);
    expect(report.units[1]?.verdicts.map((v) => v.status)).toEqual([
      "missing",
      "missing",
      "missing",
    ]);
    expect(report.rollup.criteriaMetTotal).toBe(0);
  });
});

describe("formatReportTable", () => {
  it("prints the units, the score groups and the failing criteria in Vietnamese", () => {
    const text = formatReportTable(verdicts, summary, new Map([["XA-A", "An Phú"]]), "2024-12-31");
    expect(text).toContain("Bộ tiêu chí: Bộ thử nghiệm (thu-nghiem), tính đến ngày 31/12/2024");
    expect(text).toContain("An Phú");
    expect(text).toContain("Chưa đạt");
    expect(text).toContain("Chưa đủ số liệu");
    expect(text).toContain("1. Y tế");
    expect(text).toContain("bình quân 0 tiêu chí/đơn vị");
  });
});

describe("formatSetsTable", () => {
  it("shows each set with its criteria and indicator counts", () => {
    const text = formatSetsTable([set]);
    expect(text).toMatch(/thu-nghiem\s*│ Bộ thử nghiệm\s*│ 01\/01\/2024 → …\s*│ 1\s*│ 3/u);
  });
});
