import {
  type Executor,
  getUnitDetails,
  getUnitDetailsById,
  isUniqueViolation,
  listHierarchies,
  lockUnitDetails,
} from "@datchuan/db";
import {
  hierarchyOn,
  placementProblem,
  type UnitLevel,
  unitCodeSchema,
  unitNameSchema,
  unitTypeSchema,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authorize, throwConflict, type Viewer } from "../trpc";

export async function requireDetails(db: Executor, code: string) {
  const unit = await getUnitDetails(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
}

/** The unit with this code, its row locked until the transaction ends; NOT_FOUND otherwise. */
export async function lockDetails(db: Executor, code: string) {
  const unit = await lockUnitDetails(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
}

/** A unit's parent, or null for a root. */
export async function parentOf(db: Executor, unit: { parentId: string | null }) {
  return unit.parentId ? ((await getUnitDetailsById(db, unit.parentId)) ?? null) : null;
}

/** CONFLICT, with the unit as stored, unless it is still at the version the writer read. */
export function requireVersion(
  unit: { code: string; rowVersion: number },
  expectedRowVersion: number,
): void {
  if (unit.rowVersion !== expectedRowVersion) {
    throwConflict(`Đơn vị ${unit.code} vừa được thay đổi ở nơi khác. Tải lại rồi làm lại.`, unit);
  }
}

/** Checks that a unit of `level` may sit under `parent` by the hierarchy in force on `date`. */
export async function checkPlacement(
  db: Executor,
  level: UnitLevel,
  parentLevel: UnitLevel | null,
  date: string,
) {
  const hierarchy = hierarchyOn(await listHierarchies(db), date);
  const problem = hierarchy
    ? placementProblem(hierarchy, level, parentLevel)
    : `Chưa cấu hình hệ thống đơn vị hành chính cho ngày ${date}.`;
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
}

/**
 * Who may place a unit under a parent (create, move, merge, split) or rename or end it: managers
 * of that parent, or system admins for roots. So an admin can never rename, end or split the root
 * of their own scope, nor place units outside it.
 */
export function authorizePlacement(
  viewer: Viewer,
  parent: { path: string; level: UnitLevel } | null,
) {
  authorize(viewer, "unit.manage", { unitPath: parent?.path ?? "/", unitLevel: parent?.level });
}

export function duplicateCode(error: unknown, code: string): never {
  if (isUniqueViolation(error, "unit_code_key")) {
    throw new TRPCError({ code: "CONFLICT", message: `Mã đơn vị ${code} đã được dùng.` });
  }
  throw error;
}

export const newUnitSchema = z.object({
  code: unitCodeSchema,
  name: unitNameSchema,
  type: unitTypeSchema,
});
