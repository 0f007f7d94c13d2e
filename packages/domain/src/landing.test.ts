import { describe, expect, it } from "vitest";
import { type RoleAssignment, unitPathOf } from "./access";
import { homeUnitsFor, scopeUnitCode, staffAppsFor } from "./landing";

const district = unitPathOf(["TH", "TX"]);
const commune = unitPathOf(["TH", "TX", "TX.XM"]);
const village = unitPathOf(["TH", "TX", "TX.XM", "TX.XM.T1"]);

describe("staffAppsFor", () => {
  it.each<[string, RoleAssignment[], string[]]>([
    ["system admin", [{ role: "system_admin", scopePath: null }], ["admin"]],
    ["district admin", [{ role: "admin", scopePath: district }], ["admin"]],
    ["reviewer", [{ role: "reviewer", scopePath: district, department: "Y tế" }], ["admin"]],
    ["commune officer", [{ role: "commune_officer", scopePath: commune }], ["commune"]],
    ["village officer", [{ role: "village_officer", scopePath: village }], ["commune"]],
    [
      "admin who is also a commune officer",
      [
        { role: "commune_officer", scopePath: commune },
        { role: "admin", scopePath: district },
        { role: "village_officer", scopePath: village },
      ],
      ["commune", "admin"],
    ],
    ["no role", [], []],
  ])("%s", (_name, roles, apps) => {
    expect(staffAppsFor(roles)).toEqual(apps);
  });
});

describe("scopeUnitCode", () => {
  it.each([
    [commune, "TX.XM"],
    [village, "TX.XM.T1"],
    ["/", null],
  ])("%s → %s", (path, code) => {
    expect(scopeUnitCode(path)).toBe(code);
  });
});

describe("homeUnitsFor", () => {
  it("puts a commune officer on their commune and a village officer on their village", () => {
    expect(homeUnitsFor([{ role: "commune_officer", scopePath: commune }])).toEqual([
      { level: "commune", code: "TX.XM" },
    ]);
    expect(homeUnitsFor([{ role: "village_officer", scopePath: village }])).toEqual([
      { level: "village", code: "TX.XM.T1" },
    ]);
  });

  it("lists communes before villages, once each, and ignores roles of the admin app", () => {
    const roles: RoleAssignment[] = [
      { role: "village_officer", scopePath: village },
      { role: "admin", scopePath: district },
      { role: "commune_officer", scopePath: commune },
      { role: "commune_officer", scopePath: commune },
    ];
    expect(homeUnitsFor(roles)).toEqual([
      { level: "commune", code: "TX.XM" },
      { level: "village", code: "TX.XM.T1" },
    ]);
  });
});
