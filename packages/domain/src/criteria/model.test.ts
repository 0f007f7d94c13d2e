import { describe, expect, it } from "vitest";
import { z } from "zod";
import { criteriaSetJsonSchema, criteriaSetSchema } from "./model";
import { buildSet, criterion, percentAtLeast, unverified } from "./testing";

const sample = {
  id: "ntm-xa-mau",
  version: "2022-03-08",
  title: "Bộ tiêu chí mẫu",
  level: "commune",
  effective: { from: "2022-01-01", to: "2025-12-31" },
  legalBasis: [{ source: "QĐ 318/QĐ-TTg", url: "https://example.org/qd-318" }],
  dimensions: [
    { id: "region", name: "Vùng", values: [{ code: "DBSH", name: "Đồng bằng sông Hồng" }] },
  ],
  groups: [{ id: "II", name: "Hạ tầng kinh tế - xã hội" }],
  criteria: [
    {
      number: 3,
      name: "Thủy lợi và phòng, chống thiên tai",
      group: "II",
      department: "NN-PTNT",
      provenance: unverified,
      indicators: [
        {
          code: "3.1",
          name: "Tỷ lệ diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động",
          unitOfMeasure: "%",
          kind: "percentage",
          comparator: "gte",
          thresholds: [
            {
              value: 80,
              provenance: { source: "QĐ 318", verified: true, quote: "đạt từ 80% trở lên" },
            },
          ],
          provenance: unverified,
        },
      ],
    },
  ],
};

describe("criteria set JSON Schema", () => {
  const fromJson = z.fromJSONSchema(
    criteriaSetJsonSchema() as Parameters<typeof z.fromJSONSchema>[0],
  );

  it("accepts a sample set, as zod does", () => {
    expect(fromJson.safeParse(sample).success).toBe(true);
    expect(criteriaSetSchema.safeParse(sample).success).toBe(true);
  });

  it.each([
    ["an unknown indicator kind", { kind: "stars" }],
    ["a comparator outside the enum", { comparator: ">=" }],
    ["a threshold without provenance", { thresholds: [{ value: 80 }] }],
    ["an indicator code that is not numbered", { code: "ba.một" }],
    ["a reporting frequency outside the enum", { frequency: "weekly" }],
  ])("rejects %s", (_, patch) => {
    const broken = structuredClone(sample);
    Object.assign(broken.criteria[0]?.indicators[0] ?? {}, patch);
    expect(fromJson.safeParse(broken).success).toBe(false);
    expect(criteriaSetSchema.safeParse(broken).success).toBe(false);
  });

  it.each(["monthly", "quarterly", "yearly"])("accepts a %s reporting frequency", (frequency) => {
    const withFrequency = structuredClone(sample);
    Object.assign(withFrequency.criteria[0]?.indicators[0] ?? {}, { frequency });
    expect(fromJson.safeParse(withFrequency).success).toBe(true);
    expect(criteriaSetSchema.safeParse(withFrequency).success).toBe(true);
  });

  it("publishes the discriminated indicator kinds", () => {
    const text = JSON.stringify(criteriaSetJsonSchema());
    for (const kind of ["boolean", "number", "percentage", "ratio", "count", "level"])
      expect(text).toContain(`"const":"${kind}"`);
  });
});

describe("criteriaSetSchema", () => {
  it("applies defaults: entered values, not optional, 2-point fragile margin", () => {
    const set = buildSet([criterion(1, [percentAtLeast("1.1", 90)])]);
    const indicator = set.criteria[0]?.indicators[0];
    expect(indicator?.source).toEqual({ kind: "entered" });
    expect(indicator?.optional).toBe(false);
    expect(set.fragile).toEqual({ percentagePoints: 2, relative: 0.05 });
  });

  it("wants exactly one of value and relativeTo in a numeric threshold", () => {
    const both = {
      value: 10,
      relativeTo: { set: "nc", indicator: "10.1", percent: 110 },
      provenance: unverified,
    };
    expect(() =>
      buildSet([criterion(1, [{ ...percentAtLeast("1.1", 1), thresholds: [both] }])]),
    ).toThrow();
  });

  it("says in its own words that a threshold needs the decision it comes from", () => {
    const set = buildSet([criterion(1, [percentAtLeast("1.1", 90)])]);
    const threshold = set.criteria[0]!.indicators[0]!.thresholds[0]!;
    for (const source of [undefined, ""]) {
      threshold.provenance = { ...threshold.provenance, source } as typeof threshold.provenance;
      const result = criteriaSetSchema.safeParse(set);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toContainEqual(
        expect.objectContaining({
          path: ["criteria", 0, "indicators", 0, "thresholds", 0, "provenance", "source"],
          message: "Cần ghi văn bản căn cứ (số quyết định, thông tư…)",
        }),
      );
    }
  });
});
