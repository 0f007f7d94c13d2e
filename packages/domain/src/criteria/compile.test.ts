import { describe, expect, it } from "vitest";
import { CriteriaSetError, compileCriteriaSet } from "./compile";
import type { CriteriaSetInput } from "./model";
import { attested, buildSet, criterion, percentAtLeast, unverified } from "./testing";

type IndicatorInput = CriteriaSetInput["criteria"][number]["indicators"][number];

const derived = (code: string, inputs: string[]): IndicatorInput => ({
  ...percentAtLeast(code, 1),
  kind: "number",
  source: { kind: "indicators", inputs, op: "sum" },
});

describe("compileCriteriaSet refuses broken references", () => {
  it.each([
    [
      "an undeclared group",
      buildSet([criterion(1, [attested("1.1")], { group: "X" })]),
      /nhóm "X"/u,
    ],
    [
      "a repeated criterion number",
      buildSet([criterion(1, [attested("1.1")]), criterion(1, [attested("1.2")])]),
      /Tiêu chí số 1 bị trùng/u,
    ],
    [
      "a repeated indicator code",
      buildSet([criterion(1, [attested("1.1"), attested("1.1")])]),
      /1.1 bị trùng/u,
    ],
    [
      "an undeclared dimension",
      buildSet([
        criterion(1, [
          {
            ...percentAtLeast("1.1", 1),
            thresholds: [{ when: { nhom: ["1"] }, value: 1, provenance: unverified }],
          },
        ]),
      ]),
      /chiều "nhom"/u,
    ],
    [
      "an unknown level",
      buildSet([
        criterion(1, [
          {
            code: "1.1",
            name: "Xếp loại",
            unitOfMeasure: "",
            kind: "level",
            levels: [
              { code: "a", name: "A" },
              { code: "b", name: "B" },
            ],
            comparator: "gte",
            thresholds: [{ value: "c", provenance: unverified }],
            provenance: unverified,
          },
        ]),
      ]),
      /mức "c"/u,
    ],
    [
      "a derived input that does not exist",
      buildSet([criterion(1, [derived("1.1", ["9.9"])])]),
      /chỉ tiêu nguồn 9.9/u,
    ],
    [
      "derived indicators in a cycle",
      buildSet([criterion(1, [derived("1.1", ["1.2"]), derived("1.2", ["1.1"])])]),
      /vòng tròn/u,
    ],
    [
      "a rule naming another criterion's indicator",
      buildSet([
        criterion(1, [attested("1.1")], { rule: { op: "all", of: ["2.1"] } }),
        criterion(2, [attested("2.1")]),
      ]),
      /không thuộc tiêu chí/u,
    ],
    [
      "at least more items than there are",
      buildSet([criterion(1, [attested("1.1")], { rule: { op: "at_least", k: 2 } })]),
      /ít nhất 2/u,
    ],
    [
      "a critical criterion that does not exist",
      buildSet([criterion(1, [attested("1.1")])], {
        revocation: { criticalCriteria: [10], provenance: unverified },
      }),
      /trọng yếu số 10/u,
    ],
    [
      "a relative threshold to an absent set",
      buildSet([
        criterion(1, [
          {
            ...percentAtLeast("1.1", 1),
            thresholds: [
              {
                relativeTo: { set: "nc", indicator: "10.1", percent: 110 },
                provenance: unverified,
              },
            ],
          },
        ]),
      ]),
      /bộ "nc"/u,
    ],
  ])("%s", (_, set, message) => {
    expect(() => compileCriteriaSet(set)).toThrow(CriteriaSetError);
    expect(() => compileCriteriaSet(set)).toThrow(message);
  });

  it("orders derived indicators after their inputs", () => {
    const compiled = compileCriteriaSet(
      buildSet([
        criterion(1, [derived("1.1", ["1.3"]), derived("1.2", ["1.1"]), percentAtLeast("1.3", 1)]),
      ]),
    );
    const position = (code: string) =>
      compiled.order.indexOf(compiled.indicatorIndex.get(code) ?? -1);
    expect(position("1.3")).toBeLessThan(position("1.1"));
    expect(position("1.1")).toBeLessThan(position("1.2"));
  });
});
