import { describe, expect, it } from "vitest";
import {
  buildUnitTree,
  hierarchyOn,
  placementProblem,
  type Unit,
  unitSchema,
  VIETNAM_HIERARCHIES,
} from "./unit";
import { formatUnitName } from "./unit-names";

const units: Unit[] = [
  { code: "P", name: "Thanh Hóa", level: "province", type: "tinh", parentCode: null },
  { code: "P.D", name: "Thọ Xuân", level: "district", type: "huyen", parentCode: "P" },
  { code: "P.D.C1", name: "Xuân Minh", level: "commune", type: "xa", parentCode: "P.D" },
  { code: "P.D.C2", name: "Xuân Tín", level: "commune", type: "xa", parentCode: "P.D" },
  { code: "P.D.C1.V1", name: "Thôn 1", level: "village", type: "thon", parentCode: "P.D.C1" },
];

describe("buildUnitTree", () => {
  it("nests units under their parents in input order", () => {
    const [province] = buildUnitTree(units);
    expect(province?.code).toBe("P");
    const district = province?.children[0];
    expect(district?.children.map((c) => c.code)).toEqual(["P.D.C1", "P.D.C2"]);
    expect(district?.children[0]?.children.map((v) => v.name)).toEqual(["Thôn 1"]);
  });

  it("makes a unit whose parent is absent a root", () => {
    const roots = buildUnitTree(units.slice(2));
    expect(roots.map((r) => r.code)).toEqual(["P.D.C1", "P.D.C2"]);
  });
});

describe("unitSchema", () => {
  it("stores names in NFC", () => {
    const parsed = unitSchema.parse({ ...units[2], name: " Xua\u0302n  Hoa\u0300 " });
    expect(parsed.name).toBe("Xuân Hoà");
  });

  it("rejects a lower-case code with a Vietnamese message", () => {
    const result = unitSchema.safeParse({ ...units[2], code: "xuan-minh" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/chữ in hoa/u);
  });
});

describe("formatUnitName", () => {
  it("prefixes the unit type", () => {
    expect(formatUnitName({ name: "Xuân Minh", type: "xa" })).toBe("Xã Xuân Minh");
  });

  it("does not repeat a type word the name already has", () => {
    expect(formatUnitName({ name: "Thôn 1", type: "thon" })).toBe("Thôn 1");
    expect(formatUnitName({ name: "Thôn Trung Hậu", type: "thon" })).toBe("Thôn Trung Hậu");
    expect(formatUnitName({ name: "Thôn Đông", type: "xa" })).toBe("Xã Thôn Đông");
  });
});

describe("hierarchies", () => {
  it.each([
    ["2024-05-01", "commune", "district", null],
    ["2024-05-01", "commune", "province", /phải thuộc một đơn vị cấp huyện/u],
    ["2025-07-01", "commune", "province", null],
    ["2025-07-01", "commune", "district", /phải thuộc một đơn vị cấp tỉnh/u],
    ["2025-07-01", "district", "province", /không có trong hệ thống/u],
    ["2025-07-01", "province", null, null],
    ["2025-07-01", "village", "commune", null],
  ] as const)("on %s a %s under a %s → %s", (date, level, parentLevel, expected) => {
    const hierarchy = hierarchyOn(VIETNAM_HIERARCHIES, date)!;
    const problem = placementProblem(hierarchy, level, parentLevel);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
