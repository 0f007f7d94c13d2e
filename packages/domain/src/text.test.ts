import { describe, expect, it } from "vitest";
import { findForbiddenCharacter, foldForSearch, matchesSearch, normalizeName } from "./text";

describe("normalizeName", () => {
  it("turns decomposed input into NFC", () => {
    const decomposed = "Xua\u0302n Hoa\u0300";
    expect(decomposed).not.toBe("Xuân Hoà");
    expect(normalizeName(decomposed)).toBe("Xuân Hoà");
  });

  it("collapses and trims whitespace", () => {
    expect(normalizeName("  Thọ   Xuân ")).toBe("Thọ Xuân");
  });
});

describe("foldForSearch", () => {
  it.each([
    ["Xuân Hòa", "xuan hoa"],
    ["Xuân Hoà", "xuan hoa"],
    ["Đồng bằng sông Hồng", "dong bang song hong"],
    ["THỌ XUÂN", "tho xuan"],
  ])("%s → %s", (input, expected) => {
    expect(foldForSearch(input)).toBe(expected);
  });
});

describe("matchesSearch", () => {
  it("finds a name whatever the tone placement or marks typed", () => {
    expect(matchesSearch("Xuân Hòa", "xuan hoa")).toBe(true);
    expect(matchesSearch("Xuân Hoà", "Xuân Hòa")).toBe(true);
    expect(matchesSearch("Xuân Hòa", "hoa xuan")).toBe(true);
  });

  it("does not match a different name", () => {
    expect(matchesSearch("Xuân Hòa", "xuan hong")).toBe(false);
  });
});

describe("findForbiddenCharacter", () => {
  it.each([
    ["Xuân Hòa", null],
    ["Xua\u0302n Hoa\u0300 (tổ hợp)", null],
    ["dòng 1\ndòng 2\tcột\r\n", null],
    ["a\u0000b", "U+0000"],
    ["invoice\u202Efdp.exe", "U+202E"],
    ["Xuân\u200BHòa", "U+200B"],
    ["\uFEFFThọ Xuân", "U+FEFF"],
    ["x\u007F", "U+007F"],
    ["x\u0085", "U+0085"],
    ["\u2067isolate", "U+2067"],
  ])("%j → %s", (input, expected) => {
    expect(findForbiddenCharacter(input)).toBe(expected);
  });
});
