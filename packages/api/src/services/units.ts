import { type Executor, getUnitDetails, isUniqueViolation, listHierarchies } from "@datchuan/db";
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
import { authorize, type Viewer } from "../trpc";

export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export async function requireDetails(db: Executor, code: string) {
  const unit = await getUnitDetails(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
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

/** Who may create or move a unit to a place: managers of the new parent, or system admins for roots. */
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
