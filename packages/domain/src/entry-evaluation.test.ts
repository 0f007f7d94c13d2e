import { describe, expect, it } from "vitest";
import { compileCriteriaSet } from "./criteria/compile";
import { evaluate } from "./criteria/evaluate";
import { attested, buildSet, criterion, percentAtLeast, verified } from "./criteria/testing";
import { compileDefinitionTree, evaluateEntry, valuesBefore } from "./entry-evaluation";

const national = buildSet([criterion(1, [percentAtLeast("1.1", 90), attested("1.2")])], {
  id: "national",
});
const adaptation = buildSet(
  [
    criterion(1, [
      { ...percentAtLeast("1.1", 95), thresholds: [{ value: 95, provenance: verified }] },
    ]),
  ],
  { id: "province", adapts: { id: "national" }, dimensions: [], appliedDimensionRules: [] },
);
const tree = {
  set: adaptation,
  parent: { set: national, parent: null, related: [] },
  related: [],
};

describe("evaluateEntry", () => {
  it("compiles a definition tree as the server compiles the set with its parent", () => {
    const fromTree = compileDefinitionTree(tree);
    const direct = compileCriteriaSet(adaptation, { parent: national });
    const unit = { code: "X", attributes: { region: "BTB" } };
    const values = {
      "1.1": { kind: "number" as const, period: "2024-05", value: 93 },
      "1.2": { kind: "boolean" as const, period: "2024-05", value: true },
    };
    expect(evaluate(fromTree, unit, values, "2024-05-31")).toEqual(
      evaluate(direct, unit, values, "2024-05-31"),
    );
    expect(compileDefinitionTree(tree)).toBe(fromTree);
  });

  it("judges the period's typed values over the unit's history, latest in force", () => {
    const history = [
      { indicator: "1.1", value: { kind: "number" as const, period: "2024-04", value: 96 } },
      { indicator: "1.2", value: { kind: "boolean" as const, period: "2024", value: true } },
    ];
    const inputs = {
      tree,
      unit: { code: "X", name: "Xã X" },
      period: "2024-05",
      attributes: { region: "BTB" },
      history,
    };
    const before = evaluateEntry({ ...inputs, current: {} });
    expect(before.criteria[0]?.indicators[0]?.status).toBe("stale");
    const typed = evaluateEntry({
      ...inputs,
      current: { "1.1": { kind: "number", period: "2024-05", value: 95.5 } },
    });
    expect(typed.criteria[0]?.status).toBe("met");
    const low = evaluateEntry({
      ...inputs,
      current: { "1.1": { kind: "number", period: "2024-05", value: 94 } },
    });
    expect(low.criteria[0]?.status).toBe("not_met");
    expect(valuesBefore(tree, history, "2024-05")["1.1"]).toEqual(history[0]?.value);
  });
});
