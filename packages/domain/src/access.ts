import { z } from "zod";
import type { UnitLevel } from "./unit";

/**
 * Who may do what, where (phân quyền). Every role is scoped to a unit subtree; the server checks
 * every procedure against this one policy, so the policy is pure and tested as a whole matrix.
 */
export const roleSchema = z.enum([
  "system_admin",
  "admin",
  "reviewer",
  "commune_officer",
  "village_officer",
]);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, string> = {
  system_admin: "Quản trị hệ thống",
  admin: "Quản trị tỉnh, huyện",
  reviewer: "Cán bộ thẩm định của phòng, ngành",
  commune_officer: "Cán bộ xã",
  village_officer: "Cán bộ thôn, bản",
};

export const actionSchema = z.enum([
  /** Create, rename, move, merge units; set their attributes. */
  "unit.manage",
  /** Create users and give them roles inside one's own subtree. */
  "user.manage",
  /** Draft, edit and publish criteria sets owned by a unit (national sets: system admins). */
  "criteria_set.manage",
  /** Registrations (đăng ký về đích) and yearly targets. */
  "target.manage",
  /** Reporting periods and their due days. */
  "period.manage",
  /** See values before they are accepted, with their evidence files. */
  "value.read_draft",
  /** Enter or change values and evidence in an open report. */
  "value.enter",
  /** Send a report for review. */
  "report.submit",
  /** Accept or return values of the criteria one's department owns. */
  "value.review",
  /** Reopen an accepted period: an explicit, logged act. */
  "report.reopen",
  /** Read the audit log. */
  "audit.read",
  /** Publish a review report of one's subtree as a public bulletin (bản tin), or retract it. */
  "bulletin.publish",
]);
export type Action = z.infer<typeof actionSchema>;

export interface RoleAssignment {
  role: Role;
  /** Path of the scope's root unit ("/THANH-HOA/THO-XUAN/"); null for system admins only. */
  scopePath: string | null;
  /** The department (phòng, ngành) a reviewer speaks for. */
  department?: string | null;
}

export interface AccessTarget {
  /** Path of the unit acted on; "/" for actions that concern no unit (national criteria sets). */
  unitPath: string;
  unitLevel?: UnitLevel;
  /** The department owning the criterion concerned, for review. */
  department?: string | null;
}

const grants: Record<Role, ReadonlySet<Action>> = {
  system_admin: new Set(actionSchema.options),
  admin: new Set<Action>([
    "unit.manage",
    "user.manage",
    "criteria_set.manage",
    "target.manage",
    "period.manage",
    "value.read_draft",
    "report.reopen",
    "audit.read",
    "bulletin.publish",
  ]),
  reviewer: new Set<Action>(["value.read_draft", "value.review"]),
  commune_officer: new Set<Action>(["value.read_draft", "value.enter", "report.submit"]),
  village_officer: new Set<Action>(["value.read_draft", "value.enter"]),
};

/** Builds the path of a unit from the codes of its ancestors and itself, root first. */
export function unitPathOf(codes: readonly string[]): string {
  return `/${codes.map((code) => `${code}/`).join("")}`;
}

function inScope(assignment: RoleAssignment, target: AccessTarget): boolean {
  if (assignment.scopePath === null) return assignment.role === "system_admin";
  return target.unitPath.startsWith(assignment.scopePath);
}

function allowedBy(assignment: RoleAssignment, action: Action, target: AccessTarget): boolean {
  if (!grants[assignment.role].has(action) || !inScope(assignment, target)) return false;
  if (action === "value.review") {
    return (
      assignment.role === "system_admin" ||
      // "Y tế" typed with combining marks is the same department (names compare in NFC).
      (Boolean(assignment.department) &&
        assignment.department?.normalize("NFC") === target.department?.normalize("NFC"))
    );
  }
  if (assignment.role === "village_officer" && action === "value.enter") {
    return target.unitLevel === "village";
  }
  return true;
}

/** True when any of the user's roles allows `action` on `target`. */
export function can(
  assignments: readonly RoleAssignment[],
  action: Action,
  target: AccessTarget,
): boolean {
  return assignments.some((assignment) => allowedBy(assignment, action, target));
}

/**
 * What managing a criteria set is checked against: its owner unit, or the root for a national
 * set (owner null), which only system admins reach. A province or district changes a national
 * set's thresholds through an adaptation of its own, never by versioning the national set.
 */
export function criteriaSetTarget(ownerPath: string | null): AccessTarget {
  return { unitPath: ownerPath ?? "/" };
}

/** Whether a user holding `granter` may hand out `granted`: never wider, never higher. */
export function canGrant(granter: readonly RoleAssignment[], granted: RoleAssignment): boolean {
  if (granted.role === "system_admin") return granter.some((a) => a.role === "system_admin");
  if (granted.scopePath === null) return false;
  return can(granter, "user.manage", { unitPath: granted.scopePath });
}

/**
 * Whether `manager` may change, disable or reset the password of a user holding `held`: every
 * role the user holds must be one the manager could have granted, so an admin reaches only users
 * wholly inside their subtree. A user with no role belongs nowhere: system admins only.
 */
export function canManageUser(
  manager: readonly RoleAssignment[],
  held: readonly RoleAssignment[],
): boolean {
  if (held.length === 0) return manager.some((a) => a.role === "system_admin");
  return held.every((assignment) => canGrant(manager, assignment));
}
