import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCriteriaSet } from "./compile";
import { evaluate } from "./evaluate";
import type { CriteriaSetInput } from "./model";
import { attested, buildSet, criterion, percentAtLeast, unverified, verified } from "./testing";
import type { ChildUnit, IndicatorValue, ValueMap } from "./values";

type IndicatorInput = CriteriaSetInput["criteria"][number]["indicators"][number];
const AS_OF = "2024-06-30";
const yes = (value: boolean) => ({ kind: "boolean" as const, value, period: "2024" });

describe("values derived from children", () => {
  const share: IndicatorInput = {
    ...percentAtLeast("6.3", 100),
    kind: "ratio",
    numeratorLabel: "thôn có nhà văn hóa",
    denominatorLabel: "thôn",
    source: { kind: "children", indicator: "1", aggregate: "share_true" },
  };
  const set = buildSet([criterion(6, [share])]);
  const villages = (...has: boolean[]): ChildUnit[] =>
    has.map((h, k) => ({ code: `THON-${k}`, values: { "1": yes(h) } }));

  it.each([
    [[true, true, true], "met", null],
    [[true, false, true, false], "not_met", "cần thêm 2 thôn có nhà văn hóa"],
  ])("share of villages with a cultural house %j → %s", (has, status, gap) => {
    const v = evaluate(set, { code: "XA", attributes: {}, children: villages(...has) }, {}, AS_OF);
    const verdict = v.criteria[0]?.indicators[0];
    expect(verdict?.status).toBe(status);
    if (verdict?.status === "not_met") expect(verdict.gap.text).toBe(gap);
  });

  it("is stale while any village's value is past its period", () => {
    const children = [
      ...villages(true),
      { code: "THON-X", values: { "1": { ...yes(true), period: "2023" } } },
    ];
    const v = evaluate(set, { code: "XA", attributes: {}, children }, {}, AS_OF);
    expect(v.criteria[0]?.indicators[0]).toMatchObject({ status: "stale", validUntil: null });
  });

  it("is missing while any village has no value", () => {
    const children = [...villages(true), { code: "THON-X", values: {} }];
    const v = evaluate(set, { code: "XA", attributes: {}, children }, {}, AS_OF);
    expect(v.criteria[0]?.indicators[0]).toMatchObject({
      status: "missing",
      reason: "children_missing",
    });
  });
});

describe("values derived from other indicators", () => {
  const input = (code: string): IndicatorInput => ({
    ...percentAtLeast(code, null),
    kind: "number",
    unitOfMeasure: "người",
    thresholds: [],
  });
  const derived: IndicatorInput = {
    ...percentAtLeast("2.3", 50),
    kind: "ratio",
    numeratorLabel: "lao động qua đào tạo",
    denominatorLabel: "lao động",
    source: { kind: "indicators", inputs: ["2.1", "2.2"], op: "ratio" },
  };
  const set = buildSet([
    criterion(2, [input("2.1"), input("2.2"), derived], { rule: { op: "all", of: ["2.3"] } }),
  ]);

  it("divides one indicator by another and counts the gap in the numerator's terms", () => {
    const values: ValueMap = {
      "2.1": { kind: "number", value: 40, period: "2024" },
      "2.2": { kind: "number", value: 100, period: "2024" },
    };
    const v = evaluate(set, { code: "XA", attributes: {} }, values, AS_OF);
    const verdict = v.criteria[0]?.indicators[2];
    expect(verdict?.status === "not_met" && verdict.gap.text).toBe(
      "cần thêm 10 lao động qua đào tạo",
    );
    expect(v.criteria[0]?.status).toBe("not_met");
  });

  it("is stale when an input is stale", () => {
    const values: ValueMap = {
      "2.1": { kind: "number", value: 60, period: "2023" },
      "2.2": { kind: "number", value: 100, period: "2024" },
    };
    const v = evaluate(set, { code: "XA", attributes: {} }, values, AS_OF);
    expect(v.criteria[0]?.indicators[2]?.status).toBe("stale");
  });
});

describe("criterion rules", () => {
  const four = [attested("1.1"), attested("1.2"), attested("1.3", true), attested("1.4")];
  const values = (...met: Array<boolean | null | "na">): ValueMap =>
    Object.fromEntries(
      met.flatMap((m, k) =>
        m === null
          ? []
          : [
              [
                `1.${k + 1}`,
                m === "na" ? { kind: "not_applicable" as const, period: "2024" } : yes(m),
              ],
            ],
      ),
    );
  it.each([
    ["all (default)", undefined, [true, true, "na", true], "met"],
    ["all (default)", undefined, [true, false, true, null], "not_met"],
    ["all (default)", undefined, [true, true, true, null], "undetermined"],
    ["at least 2", { op: "at_least", k: 2 }, [true, true, false, null], "met"],
    ["at least 3", { op: "at_least", k: 3 }, [true, false, false, null], "not_met"],
    ["at least 3", { op: "at_least", k: 3 }, [true, true, false, null], "undetermined"],
    ["any", { op: "any" }, [false, false, false, true], "met"],
    [
      "1.1 and (1.2 or 1.4)",
      { op: "all", of: ["1.1", { op: "any", of: ["1.2", "1.4"] }] },
      [true, false, null, true],
      "met",
    ],
    [
      "1.1 and (1.2 or 1.4)",
      { op: "all", of: ["1.1", { op: "any", of: ["1.2", "1.4"] }] },
      [true, false, null, false],
      "not_met",
    ],
    ["only not applicable", { op: "all", of: ["1.3"] }, [true, true, "na", true], "not_applicable"],
  ] as const)("%s with %j → %s", (_, rule, met, status) => {
    const set = buildSet([criterion(1, four, rule ? { rule: rule as never } : {})]);
    expect(
      evaluate(set, { code: "XA", attributes: {} }, values(...met), AS_OF).criteria[0]?.status,
    ).toBe(status);
  });
});

describe("a model-commune set built from data (kiểu mẫu, QĐ 319)", () => {
  const income = (thresholds: IndicatorInput["thresholds"]): IndicatorInput => ({
    code: "10.1",
    name: "Thu nhập bình quân đầu người",
    unitOfMeasure: "triệu đồng/người/năm",
    kind: "number",
    comparator: "gte",
    thresholds: thresholds as never,
    provenance: unverified,
  });
  const advanced = buildSet(
    [
      criterion(10, [
        income([
          {
            when: { region: ["DBSH"] },
            years: { from: 2024, to: 2024 },
            value: 70,
            provenance: verified,
          },
        ]),
      ]),
    ],
    { id: "nang-cao" },
  );
  const field = (code: string): IndicatorInput => ({
    ...attested(code),
    name: `Lĩnh vực nổi trội ${code}`,
  });
  const model = buildSet(
    [
      criterion(1, [{ ...attested("1.1"), source: { kind: "set_met", set: "nang-cao" } }]),
      criterion(
        2,
        [
          income([
            {
              relativeTo: { set: "nang-cao", indicator: "10.1", percent: 110 },
              provenance: verified,
            },
          ]),
        ].map((i) => ({ ...i, code: "2.1" })),
      ),
      criterion(3, [
        {
          code: "3.1",
          name: "Số thôn thông minh",
          unitOfMeasure: "thôn",
          kind: "count",
          comparator: "gte",
          thresholds: [{ value: 1, provenance: verified }],
          provenance: unverified,
        },
      ]),
      criterion(4, [field("4.1"), field("4.2"), field("4.3")], { rule: { op: "at_least", k: 1 } }),
    ],
    { id: "kieu-mau" },
  );
  const compiledAdvanced = compileCriteriaSet(advanced);
  const compiled = compileCriteriaSet(model, { related: [compiledAdvanced] });
  const unit = { code: "XA", attributes: { region: "DBSH" } };
  const values = (incomeValue: number): ValueMap => ({
    "2.1": { kind: "number", value: incomeValue, period: "2024" },
    "3.1": { kind: "number", value: 1, period: "2024" },
    "4.1": yes(false),
    "4.2": yes(true),
    "4.3": yes(false),
  });

  it("needs income ≥ 110 % of the nâng cao threshold at the same time: 77 for 70", () => {
    const related = { "nang-cao": { status: "met" } };
    const met = evaluate(compiled, unit, values(77), "2024-12-31", { related });
    expect(met.status).toBe("met");
    const low = evaluate(compiled, unit, values(76.9), "2024-12-31", { related });
    const verdict = low.criteria[1]?.indicators[0];
    expect(verdict?.status).toBe("not_met");
    expect(verdict?.status === "not_met" && verdict.threshold.reason.relativeTo).toEqual({
      set: "nang-cao",
      indicator: "10.1",
      percent: 110,
      base: 70,
    });
  });

  it("is undetermined until the nâng cao verdict is known, and not met when it is not met", () => {
    expect(evaluate(compiled, unit, values(80), "2024-12-31").status).toBe("undetermined");
    const v = evaluate(compiled, unit, values(80), "2024-12-31", {
      related: { "nang-cao": { status: "not_met" } },
    });
    expect(v.status).toBe("not_met");
  });
});

describe("a derived value's status does not depend on the order of its inputs", () => {
  type InputState = "current" | "stale" | "missing";
  // Missing outranks stale, stale outranks current (derive.ts).
  const expected = (states: readonly InputState[]) =>
    states.includes("missing") ? "missing" : states.includes("stale") ? "stale" : "met";
  const permutations = <T>(items: readonly T[]): T[][] =>
    items.length <= 1
      ? [[...items]]
      : items.flatMap((item, k) =>
          permutations([...items.slice(0, k), ...items.slice(k + 1)]).map((rest) => [
            item,
            ...rest,
          ]),
        );
  const number = (value: number, state: InputState) =>
    state === "missing"
      ? undefined
      : { kind: "number" as const, value, period: state === "stale" ? "2023" : "2024" };

  const fromIndicators = (op: "sum" | "min" | "max" | "count_met", n: number) => {
    const codes = Array.from({ length: n }, (_, k) => `2.${k + 1}`);
    const inputs: IndicatorInput[] = codes.map((code) => ({
      ...percentAtLeast(code, 0),
      kind: "number",
      unitOfMeasure: "người",
    }));
    const derived: IndicatorInput = {
      ...percentAtLeast("2.9", 0),
      kind: "number",
      unitOfMeasure: "người",
      source: { kind: "indicators", inputs: codes, op },
    };
    return buildSet([criterion(2, [...inputs, derived])]);
  };
  const statusFromIndicators = (op: "sum" | "min" | "max" | "count_met", states: InputState[]) => {
    const values: Record<string, IndicatorValue | undefined> = {};
    states.forEach((state, k) => {
      values[`2.${k + 1}`] = number(k + 1, state);
    });
    const v = evaluate(
      fromIndicators(op, states.length),
      { code: "XA", attributes: {} },
      values,
      AS_OF,
    );
    return v.criteria[0]?.indicators.find((i) => i.code === "2.9")?.status;
  };

  const fromChildren = (aggregate: "sum" | "min" | "max" | "share_true") =>
    buildSet([
      criterion(6, [
        aggregate === "share_true"
          ? {
              ...percentAtLeast("6.3", 0),
              kind: "ratio",
              numeratorLabel: "thôn có nhà văn hóa",
              denominatorLabel: "thôn",
              source: { kind: "children", indicator: "1", aggregate },
            }
          : {
              ...percentAtLeast("6.3", 0),
              kind: "number",
              unitOfMeasure: "người",
              source: { kind: "children", indicator: "1", aggregate },
            },
      ]),
    ]);
  const statusFromChildren = (
    aggregate: "sum" | "min" | "max" | "share_true",
    states: InputState[],
  ) => {
    const children: ChildUnit[] = states.map((state, k) => {
      const value: IndicatorValue | undefined =
        aggregate === "share_true"
          ? state === "missing"
            ? undefined
            : { ...yes(true), period: state === "stale" ? "2023" : "2024" }
          : number(k + 1, state);
      const values: Record<string, IndicatorValue> = value ? { "1": value } : {};
      return { code: `THON-${k}`, values };
    });
    const v = evaluate(
      fromChildren(aggregate),
      { code: "XA", attributes: {}, children },
      {},
      AS_OF,
    );
    return v.criteria[0]?.indicators[0]?.status;
  };

  const orders = permutations<InputState>(["current", "stale", "missing"]);
  const pairs = permutations<InputState>(["stale", "missing"]);
  it.each(
    (["sum", "min", "max", "count_met"] as const).flatMap((op) =>
      [...orders, ...pairs, ...permutations<InputState>(["current", "stale"])].map(
        (states) => [op, states] as const,
      ),
    ),
  )("from indicators, %s of %j", (op, states) => {
    expect(statusFromIndicators(op, [...states])).toBe(expected(states));
  });

  it.each(
    (["sum", "min", "max", "share_true"] as const).flatMap((aggregate) =>
      [...orders, ...pairs].map((states) => [aggregate, states] as const),
    ),
  )("from children, %s of %j", (aggregate, states) => {
    expect(statusFromChildren(aggregate, [...states])).toBe(expected(states));
  });

  it("holds for any inputs in any order (property)", () => {
    const state = fc.constantFrom<InputState>("current", "stale", "missing");
    fc.assert(
      fc.property(
        fc.array(state, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("sum", "min", "max", "count_met") as fc.Arbitrary<
          "sum" | "min" | "max" | "count_met"
        >,
        (states, op) => {
          const status = statusFromIndicators(op, states);
          expect(status).toBe(expected(states));
          expect(statusFromIndicators(op, [...states].reverse())).toBe(status);
          expect(statusFromChildren(op === "count_met" ? "sum" : op, states)).toBe(status);
        },
      ),
    );
  });
});
