import { describe, expect, it } from "vitest";
import {
  type AccessTarget,
  type Action,
  actionSchema,
  can,
  canGrant,
  canManageUser,
  criteriaSetTarget,
  type RoleAssignment,
  unitPathOf,
} from "./access";

const province = unitPathOf(["TH"]);
const district = unitPathOf(["TH", "TX"]);
const commune = unitPathOf(["TH", "TX", "TX.XM"]);
const village = unitPathOf(["TH", "TX", "TX.XM", "TX.XM.T1"]);
const otherCommune = unitPathOf(["TH", "TX", "TX.XT"]);
const otherDistrict = unitPathOf(["TH", "TS"]);

const users: Record<string, RoleAssignment[]> = {
  systemAdmin: [{ role: "system_admin", scopePath: null }],
  districtAdmin: [{ role: "admin", scopePath: district }],
  healthReviewer: [{ role: "reviewer", scopePath: district, department: "y-te" }],
  communeOfficer: [{ role: "commune_officer", scopePath: commune }],
  villageOfficer: [{ role: "village_officer", scopePath: village }],
  nobody: [],
};

const targets: Record<string, AccessTarget> = {
  province: { unitPath: province, unitLevel: "province" },
  district: { unitPath: district, unitLevel: "district" },
  commune: { unitPath: commune, unitLevel: "commune", department: "y-te" },
  communeOtherDepartment: { unitPath: commune, unitLevel: "commune", department: "giao-thong" },
  village: { unitPath: village, unitLevel: "village", department: "y-te" },
  otherCommune: { unitPath: otherCommune, unitLevel: "commune", department: "y-te" },
  otherDistrict: { unitPath: otherDistrict, unitLevel: "district" },
};

/** The grants, written out by hand: every pair not listed here must be denied. */
const expectedGrants: Record<string, Partial<Record<Action, string[]>>> = {
  systemAdmin: Object.fromEntries(actionSchema.options.map((a) => [a, Object.keys(targets)])),
  districtAdmin: Object.fromEntries(
    (
      [
        "unit.manage",
        "user.manage",
        "criteria_set.manage",
        "target.manage",
        "period.manage",
        "value.read_draft",
        "report.reopen",
        "audit.read",
        "bulletin.publish",
      ] as const
    ).map((a) => [a, ["district", "commune", "communeOtherDepartment", "village", "otherCommune"]]),
  ),
  healthReviewer: {
    "value.read_draft": [
      "district",
      "commune",
      "communeOtherDepartment",
      "village",
      "otherCommune",
    ],
    "value.review": ["commune", "village", "otherCommune"],
  },
  communeOfficer: {
    "value.read_draft": ["commune", "communeOtherDepartment", "village"],
    "value.enter": ["commune", "communeOtherDepartment", "village"],
    "report.submit": ["commune", "communeOtherDepartment", "village"],
  },
  villageOfficer: {
    "value.read_draft": ["village"],
    "value.enter": ["village"],
  },
  nobody: {},
};

const matrix = Object.keys(users).flatMap((user) =>
  actionSchema.options.flatMap((action) =>
    Object.keys(targets).map((target) => ({
      user,
      action,
      target,
      allowed: expectedGrants[user]?.[action]?.includes(target) ?? false,
    })),
  ),
);

describe("access policy: role × action × unit", () => {
  it.each(matrix)("$user $action on $target → $allowed", ({ user, action, target, allowed }) => {
    expect(can(users[user]!, action, targets[target]!)).toBe(allowed);
  });
});

describe("canGrant", () => {
  it("lets an admin give roles inside its subtree only", () => {
    expect(canGrant(users.districtAdmin!, { role: "commune_officer", scopePath: commune })).toBe(
      true,
    );
    expect(canGrant(users.districtAdmin!, { role: "admin", scopePath: otherDistrict })).toBe(false);
    expect(canGrant(users.districtAdmin!, { role: "system_admin", scopePath: null })).toBe(false);
  });

  it("lets only system admins create system admins", () => {
    expect(canGrant(users.systemAdmin!, { role: "system_admin", scopePath: null })).toBe(true);
    expect(canGrant(users.communeOfficer!, { role: "village_officer", scopePath: village })).toBe(
      false,
    );
  });

  it("never treats an unscoped non-system role as global", () => {
    expect(can([{ role: "admin", scopePath: null }], "unit.manage", targets.commune!)).toBe(false);
  });
});

describe("canManageUser", () => {
  it("lets an admin manage users whose every role lies inside its subtree", () => {
    expect(canManageUser(users.districtAdmin!, users.communeOfficer!)).toBe(true);
    expect(canManageUser(users.districtAdmin!, users.healthReviewer!)).toBe(true);
    expect(
      canManageUser(users.districtAdmin!, [{ role: "commune_officer", scopePath: otherDistrict }]),
    ).toBe(false);
    // One role outside is enough to keep the user out of reach.
    expect(
      canManageUser(users.districtAdmin!, [
        { role: "commune_officer", scopePath: commune },
        { role: "reviewer", scopePath: otherDistrict, department: "y-te" },
      ]),
    ).toBe(false);
  });

  it("keeps system admins and users without a role to system admins", () => {
    expect(canManageUser(users.districtAdmin!, users.systemAdmin!)).toBe(false);
    expect(canManageUser(users.districtAdmin!, [])).toBe(false);
    expect(canManageUser(users.systemAdmin!, users.systemAdmin!)).toBe(true);
    expect(canManageUser(users.systemAdmin!, [])).toBe(true);
  });

  it("gives officers and reviewers no hold on anyone", () => {
    expect(canManageUser(users.communeOfficer!, users.villageOfficer!)).toBe(false);
    expect(canManageUser(users.healthReviewer!, users.communeOfficer!)).toBe(false);
  });
});

describe("criteriaSetTarget", () => {
  it.each([
    ["systemAdmin", null, true],
    ["districtAdmin", null, false],
    ["districtAdmin", district, true],
    ["districtAdmin", province, false],
    ["districtAdmin", otherDistrict, false],
    ["communeOfficer", commune, false],
  ] as const)("%s managing a set owned by %s: %s", (user, ownerPath, allowed) => {
    expect(can(users[user]!, "criteria_set.manage", criteriaSetTarget(ownerPath))).toBe(allowed);
  });
});
