import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { describeCriterionVerdict, describeIndicatorVerdict, describeSetVerdict } from "./explain";
import type { Indicator } from "./model";
import { attested, buildSet, criterion, percentAtLeast } from "./testing";
import type { ValueMap } from "./values";

const bhyt = {
  ...percentAtLeast("15.1", 95),
  kind: "ratio" as const,
  numeratorLabel: "người tham gia BHYT",
  denominatorLabel: "người dân",
};
const set = buildSet([
  criterion(15, [bhyt, attested("15.2"), percentAtLeast("15.3", null), attested("15.4", true)], {
    name: "Y tế",
  }),
]);
const indicator = (code: string) =>
  set.criteria[0]?.indicators.find((i) => i.code === code) as Indicator;

describe("Vietnamese sentences", () => {
  const values: ValueMap = {
    "15.1": { kind: "ratio", numerator: 2888, denominator: 3200, period: "2024" },
    "15.3": { kind: "number", value: 10, period: "2024" },
    "15.4": { kind: "not_applicable", period: "2024" },
  };
  const verdict = evaluate(
    set,
    { code: "XA-1", name: "Xã Xuân Minh", attributes: {} },
    values,
    "2024-06-30",
  );
  const sentences = Object.fromEntries(
    verdict.criteria[0]?.indicators.map((v) => [
      v.code,
      describeIndicatorVerdict(v, indicator(v.code)),
    ]) ?? [],
  );

  it.each([
    ["15.1", "Chưa đạt: 90,25 % (ngưỡng ≥ 95 %); cần thêm 152 người tham gia BHYT."],
    ["15.2", "Thiếu số liệu: chưa có số liệu."],
    ["15.4", "Không áp dụng (nếu có)."],
  ])("indicator %s", (code, text) => {
    expect(sentences[code]).toBe(text);
  });

  it("says why an indicator without threshold is not judged", () => {
    expect(sentences["15.3"]).toMatch(
      /^Chưa xác định được đạt hay chưa: Chưa xác định mức đạt chuẩn/u,
    );
  });

  it("summarises the criterion and the set", () => {
    const c = verdict.criteria[0];
    if (!c) throw new Error("no criterion");
    expect(describeCriterionVerdict(c)).toBe(
      "Tiêu chí số 15 - Y tế: chưa đạt (chỉ tiêu chưa đạt: 15.1; chưa xác định: 15.2, 15.3).",
    );
    expect(describeSetVerdict(verdict)).toBe(
      "Xã Xuân Minh đạt 0/1 tiêu chí, 0/3 chỉ tiêu; chưa đạt chuẩn (tiêu chí chưa đạt: 15).",
    );
  });

  it("flags a fragile pass", () => {
    const v = evaluate(
      set,
      { code: "XA", attributes: {} },
      { "15.1": { kind: "ratio", numerator: 3050, denominator: 3200, period: "2024" } },
      "2024-06-30",
    );
    const first = v.criteria[0]?.indicators[0];
    if (!first) throw new Error("no verdict");
    expect(describeIndicatorVerdict(first, indicator("15.1"))).toBe(
      "Đạt nhưng chưa bền vững: 95,31 % (ngưỡng ≥ 95 %).",
    );
  });
});
