import type { Indicator } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import {
  type Draft,
  draftKey,
  EMPTY_FIELDS,
  fieldsOf,
  readFields,
  reconcile,
  type ServerValue,
  scopePrefix,
} from "./draft-logic";

const provenance = { source: "thử", verified: false };
const common = {
  name: "Chỉ tiêu",
  optional: false,
  source: { kind: "entered" as const },
  provenance,
};
const percentage: Indicator = {
  ...common,
  code: "15.1",
  unitOfMeasure: "%",
  kind: "percentage",
  comparator: "gte",
  thresholds: [],
};
const ratio: Indicator = {
  ...common,
  code: "17.1",
  unitOfMeasure: "%",
  kind: "ratio",
  comparator: "gte",
  thresholds: [],
  numeratorLabel: "hộ",
  denominatorLabel: "tổng số hộ",
};
const yesNo: Indicator = {
  ...common,
  code: "7",
  unitOfMeasure: "",
  kind: "boolean",
  thresholds: [],
};

const fields = (a: string, b = "") => ({ ...EMPTY_FIELDS, a, b });

describe("readFields", () => {
  it("reads Vietnamese numbers as the indicator's value for the period", () => {
    expect(readFields(percentage, fields("95,5"), "2025-09")).toEqual({
      kind: "value",
      value: { kind: "number", period: "2025-09", value: 95.5 },
      note: null,
    });
    expect(readFields(ratio, { ...fields("1.234", "2.000"), note: " Biên bản " }, "2025")).toEqual({
      kind: "value",
      value: { kind: "ratio", period: "2025", numerator: 1234, denominator: 2000 },
      note: "Biên bản",
    });
    expect(readFields(yesNo, fields("true"), "2025-09")).toMatchObject({
      value: { kind: "boolean", value: true },
    });
  });

  it("refuses what the server refuses, with the server's sentence", () => {
    expect(readFields(percentage, fields("120"), "2025-09")).toEqual({
      kind: "problem",
      field: "a",
      message: "Chỉ tiêu 15.1 là tỷ lệ phần trăm: giá trị 120 % nằm ngoài khoảng 0–100 %.",
    });
    expect(readFields(ratio, fields("30", "20"), "2025-09")).toMatchObject({
      kind: "problem",
      message: expect.stringContaining("không thể lớn hơn mẫu số"),
    });
    expect(readFields(percentage, fields("abc"), "2025-09")).toMatchObject({
      kind: "problem",
      message: expect.stringContaining("không phải là số"),
    });
    expect(readFields(ratio, fields("3", "0"), "2025-09")).toMatchObject({ field: "b" });
  });

  it("says nothing about fields left empty", () => {
    expect(readFields(percentage, fields(""), "2025-09")).toEqual({ kind: "empty" });
    expect(readFields(yesNo, fields(""), "2025-09")).toEqual({ kind: "empty" });
  });

  it("shows stored numbers back in vi-VN form", () => {
    expect(
      fieldsOf({ kind: "ratio", period: "2025", numerator: 1234.5, denominator: 2000 }, null),
    ).toEqual({ a: "1.234,5", b: "2.000", na: false, note: "" });
  });
});

describe("drafts", () => {
  const scope = { user: "u1", unit: "XA", set: "ntm", period: "2025-09" };
  const server = (rowVersion: number, value = 95): ServerValue => ({
    id: "v",
    indicatorCode: "15.1",
    value: { kind: "number", period: "2025-09", value },
    evidenceNote: null,
    reviewStatus: "draft",
    returnReason: null,
    rowVersion,
  });
  const draft = (baseRowVersion: number | null, a = "96"): Draft => ({
    key: draftKey(scope, "15.1"),
    ...scope,
    indicator: "15.1",
    fields: fields(a),
    baseRowVersion,
    state: "pending",
    revision: 1,
  });

  it("are keyed per user, unit, set, period and indicator", () => {
    expect(draftKey(scope, "15.1")).toBe("u1|XA|ntm|2025-09|15.1");
    expect(draftKey(scope, "15.1").startsWith(scopePrefix(scope))).toBe(true);
    expect(draftKey({ ...scope, user: "u2" }, "15.1").startsWith(scopePrefix(scope))).toBe(false);
  });

  it("are dropped once the server holds the same, kept while it holds what they began from", () => {
    const read = (d: Draft) => readFields(percentage, d.fields, "2025-09");
    expect(reconcile(draft(2, "95"), server(3, 95), read(draft(2, "95")))).toBe("drop");
    expect(reconcile(draft(2), server(2), read(draft(2)))).toBe("keep");
    expect(reconcile(draft(null), null, read(draft(null)))).toBe("keep");
  });

  it("are in conflict when someone else saved since they began", () => {
    expect(
      reconcile(draft(2), server(3, 97), readFields(percentage, fields("96"), "2025-09")),
    ).toBe("conflict");
    expect(
      reconcile(draft(null), server(1, 97), readFields(percentage, fields("96"), "2025-09")),
    ).toBe("conflict");
  });
});
