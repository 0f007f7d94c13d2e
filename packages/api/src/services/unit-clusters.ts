import { type Executor, lockCluster } from "@datchuan/db";
import { unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authorize, throwConflict, type Viewer } from "../trpc";
import { requireUnit } from "./lookup";

/** A cluster's member codes: at least one, each once. */
export const clusterMemberCodesSchema = z
  .array(unitCodeSchema)
  .min(1, "Cụm cần ít nhất một đơn vị.")
  .superRefine((codes, check) => {
    const repeated = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
    if (repeated.length > 0)
      check.addIssue({
        code: "custom",
        message: `Mỗi đơn vị chỉ được nêu một lần trong cụm; bị lặp: ${repeated.join(", ")}.`,
      });
  });

/** The member units by code; BAD_REQUEST unless each lies inside the owner's subtree. */
export async function requireClusterMembers(
  db: Executor,
  owner: { path: string },
  codes: readonly string[],
) {
  const members = await Promise.all(codes.map((code) => requireUnit(db, code)));
  const outside = members.filter((m) => !m.path.startsWith(owner.path));
  if (outside.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Cụm chỉ gồm các đơn vị thuộc đơn vị quản lý cụm; ngoài phạm vi: ${outside
        .map((m) => m.code)
        .join(", ")}.`,
    });
  }
  return members;
}

/**
 * A cluster locked for an edit by someone who manages its owner unit (an admin only edits the
 * clusters of their subtree), at the version the editor read: CONFLICT otherwise.
 */
export async function lockClusterToEdit(
  db: Executor,
  viewer: Viewer,
  params: { clusterId: string; expectedRowVersion: number },
) {
  const cluster = await lockCluster(db, params.clusterId);
  if (!cluster) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy cụm đơn vị." });
  authorize(viewer, "unit.manage", { unitPath: cluster.ownerPath, unitLevel: cluster.ownerLevel });
  if (cluster.rowVersion !== params.expectedRowVersion) {
    throwConflict(`Cụm "${cluster.name}" vừa được thay đổi ở nơi khác. Tải lại rồi sửa.`, {
      id: cluster.id,
      name: cluster.name,
      rowVersion: cluster.rowVersion,
    });
  }
  return cluster;
}
