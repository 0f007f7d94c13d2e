import { describe, expect, it } from "vitest";
import { getOfficialCriteriaSet } from "../official";
import type { CriteriaSetInput, NumericThresholdRule } from "./model";
import { canonicalJson, diffCriteriaSets, thresholdScopeText } from "./set-diff";
import { applyThresholdVerification, isIllustrative, thresholdWorklist } from "./worklist";

const provenance = { source: "dữ liệu thử", verified: false };

function small(): CriteriaSetInput {
  return {
    id: "thu",
    version: "1",
    title: "Bộ thử",
    level: "commune",
    effective: { from: "2024-01-01" },
    legalBasis: [{ source: "QĐ thử" }],
    groups: [{ id: "g", name: "Nhóm" }],
    criteria: [
      {
        number: 1,
        name: "Tiêu chí một",
        group: "g",
        provenance,
        indicators: [
          {
            code: "1.1",
            name: "Tỷ lệ",
            kind: "percentage",
            unitOfMeasure: "%",
            comparator: "gte",
            provenance,
            thresholds: [
              { when: { region: ["A"] }, value: 80, provenance },
              { when: { region: ["B"] }, years: { from: 2024, to: 2025 }, value: null, provenance },
            ],
          },
        ],
      },
    ],
  };
}

describe("diffCriteriaSets", () => {
  it("finds nothing between a set and itself, whatever the key order", () => {
    const set = small();
    const reordered = JSON.parse(canonicalJson(set)) as CriteriaSetInput;
    expect(diffCriteriaSets(set, reordered)).toEqual([]);
  });

  it("names a tightened threshold, an added indicator, a removed criterion and a new title", () => {
    const before = small();
    before.criteria.push({ number: 2, name: "Hai", group: "g", provenance, indicators: [] });
    const after = small();
    after.title = "Bộ thử (điều chỉnh)";
    const indicator = after.criteria[0]!.indicators[0]!;
    indicator.thresholds[0] = { when: { region: ["A"] }, value: 90, provenance };
    after.criteria[0]!.indicators.push({
      code: "1.2",
      name: "Chỉ tiêu địa phương",
      kind: "boolean",
      unitOfMeasure: "",
      provenance,
      thresholds: [{ value: true, provenance }],
    });
    const changes = diffCriteriaSets(before, after);
    expect(changes).toEqual([
      {
        level: "set",
        kind: "changed",
        field: "title",
        before: "Bộ thử",
        after: "Bộ thử (điều chỉnh)",
      },
      {
        level: "threshold",
        kind: "changed",
        criterion: 1,
        indicator: "1.1",
        scope: "region: A",
        field: "value",
        before: 80,
        after: 90,
      },
      {
        level: "indicator",
        kind: "added",
        criterion: 1,
        indicator: "1.2",
        after: "Chỉ tiêu địa phương",
      },
      { level: "criterion", kind: "removed", criterion: 2, before: "Hai" },
    ]);
  });

  it("tells a removed scope from a changed one, and sees a verified source", () => {
    const before = small();
    const after = small();
    const rules = after.criteria[0]!.indicators[0]!.thresholds;
    rules[1] = { ...rules[1]!, provenance: { source: "QĐ 318", verified: true } };
    rules.shift();
    expect(diffCriteriaSets(before, after).map((c) => [c.kind, c.scope, c.field])).toEqual([
      ["changed", "region: B · 2024–2025", "provenance"],
      ["removed", "region: A", undefined],
    ]);
  });

  it("diffs the official 2021–2025 set against the 2026–2030 one without failing", () => {
    const { official: _a, ...old } = getOfficialCriteriaSet("ntm-xa-2021-2025")!;
    const { official: _b, ...next } = getOfficialCriteriaSet("ntm-xa-2026-2030")!;
    const changes = diffCriteriaSets(old, next);
    expect(changes.some((c) => c.level === "criterion" && c.kind === "removed")).toBe(true);
  });
});

describe("thresholdScopeText", () => {
  it("writes dimensions sorted and the years", () => {
    expect(thresholdScopeText({})).toBe("mọi đơn vị");
    expect(thresholdScopeText({ when: { z: ["b", "a"] }, years: { from: 2024 } })).toBe(
      "z: a, b · 2024–…",
    );
    expect(thresholdScopeText({ years: { from: 2023, to: 2023 } })).toBe("2023");
  });
});

describe("thresholdWorklist", () => {
  it("lists empty, unverified and illustrative rules with where they are used", () => {
    const set = small();
    const rules = set.criteria[0]!.indicators[0]!.thresholds as NumericThresholdRule[];
    rules.push({
      value: 70,
      provenance: { source: "số liệu minh họa", verified: false },
    });
    rules.push({
      value: 75,
      provenance: { source: "QĐ 318", verified: true },
    });
    const items = thresholdWorklist(set);
    expect(items.map((i) => [i.indicator, i.ruleIndex, i.scope, i.problems])).toEqual([
      ["1.1", 0, "region: A", ["unverified"]],
      ["1.1", 1, "region: B · 2024–2025", ["empty", "unverified"]],
      ["1.1", 2, "mọi đơn vị", ["unverified", "illustrative"]],
    ]);
    expect(isIllustrative({ source: "Số liệu minh hoạ" })).toBe(true);
  });

  it("records a source and the verified mark on one rule, and a value for an empty one", () => {
    const set = small();
    const { definition, before, after } = applyThresholdVerification(set, {
      indicator: "1.1",
      ruleIndex: 1,
      source: "QĐ 318/QĐ-TTg",
      article: "Phụ lục I",
      url: "https://example.org/qd318",
      value: 85,
    });
    const rule = definition.criteria[0]!.indicators[0]!.thresholds[1]!;
    expect(rule).toMatchObject({
      value: 85,
      years: { from: 2024, to: 2025 },
      provenance: {
        source: "QĐ 318/QĐ-TTg",
        article: "Phụ lục I",
        url: "https://example.org/qd318",
        verified: true,
      },
    });
    expect(before).toEqual({ value: null, provenance });
    expect(after).toMatchObject({ value: 85, provenance: { verified: true } });
    expect(thresholdWorklist(definition).map((i) => i.ruleIndex)).toEqual([0]);
    // The input is left as it was.
    expect(set.criteria[0]!.indicators[0]!.thresholds[1]!.provenance.verified).toBe(false);
  });

  it("refuses an empty threshold without a value, a value of the wrong kind, a missing rule", () => {
    const set = small();
    const base = { indicator: "1.1", source: "QĐ" };
    expect(() => applyThresholdVerification(set, { ...base, ruleIndex: 1 })).toThrow(
      /chưa có giá trị/u,
    );
    expect(() => applyThresholdVerification(set, { ...base, ruleIndex: 0, value: true })).toThrow(
      /không đúng loại/u,
    );
    expect(() => applyThresholdVerification(set, { ...base, ruleIndex: 5 })).toThrow(
      /Không tìm thấy/u,
    );
  });
});
