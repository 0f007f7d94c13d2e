import type { Role, RoleAssignment } from "./access";

/**
 * Where a signed-in person starts (trang làm việc): which of the two staff apps serves each role,
 * and which unit an officer's work is about. The apps and the sign-in screen share this rule.
 */
export type StaffApp = "admin" | "commune";

export const staffAppOfRole: Record<Role, StaffApp> = {
  system_admin: "admin",
  admin: "admin",
  reviewer: "admin",
  commune_officer: "commune",
  village_officer: "commune",
};

/** The apps someone may use, in the order of their roles, without repeats. */
export function staffAppsFor(roles: readonly RoleAssignment[]): StaffApp[] {
  return [...new Set(roles.map((assignment) => staffAppOfRole[assignment.role]))];
}

/** The code of a scope's own unit: the last code in its path ("/TH/TX/TX.XM/" → "TX.XM"). */
export function scopeUnitCode(scopePath: string): string | null {
  return scopePath.split("/").filter(Boolean).at(-1) ?? null;
}

/** A unit an officer works on: a commune officer's commune, a village officer's village. */
export interface HomeUnit {
  level: "commune" | "village";
  code: string;
}

/** The units the commune app opens on for these roles, communes first, without repeats. */
export function homeUnitsFor(roles: readonly RoleAssignment[]): HomeUnit[] {
  const homes: HomeUnit[] = [];
  for (const level of ["commune", "village"] as const) {
    for (const assignment of roles) {
      if (assignment.role !== `${level}_officer` || !assignment.scopePath) continue;
      const code = scopeUnitCode(assignment.scopePath);
      if (code && !homes.some((home) => home.code === code)) homes.push({ level, code });
    }
  }
  return homes;
}
