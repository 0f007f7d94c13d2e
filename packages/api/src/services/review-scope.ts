import { type Executor, getClusterWithOwner, getUnitByCode, getUnitRef } from "@datchuan/db";
import { type AccessTarget, can, unitTypeLabels } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import type { Viewer } from "../trpc";
import type { ReviewScope } from "./review";

/** A review's scope as asked for: a unit with children by code, or a named cluster by id. */
export interface ReviewScopeInput {
  unitCode?: string | undefined;
  clusterId?: string | undefined;
  /** Working (unsigned) verdicts too: only for a reader of drafts over the scope. */
  working: boolean;
}

/** The scope resolved: what to read, whom it concerns for access, and how a report names it. */
export interface ResolvedScope {
  scope: ReviewScope;
  target: AccessTarget;
  /** "huyện Thọ Xuân" and its word "huyện"; a cluster: "cụm …", "cụm". */
  heading: { name: string; word: string };
  /** The unit, when the scope is one (targets and reporting states are kept per unit). */
  unit: { id: string; code: string; path: string } | null;
}

/**
 * Resolves a review's scope and checks the one access rule reviews have: signed verdicts are
 * public, working ones need `value.read_draft` over the scope. `review.standing`, `review.report`
 * and the report downloads all come through here.
 */
export async function resolveReviewScope(
  db: Executor,
  viewer: Viewer | null,
  input: ReviewScopeInput,
): Promise<ResolvedScope> {
  let resolved: ResolvedScope;
  if (input.unitCode !== undefined) {
    const unit = await getUnitByCode(db, input.unitCode);
    const ref = unit ? await getUnitRef(db, unit.code) : undefined;
    if (!unit || !ref)
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `Không tìm thấy đơn vị ${input.unitCode}`,
      });
    const word = unitTypeLabels[unit.type].toLocaleLowerCase("vi");
    resolved = {
      scope: { path: ref.path },
      target: { unitPath: ref.path, unitLevel: ref.level },
      heading: { name: `${word} ${unit.name}`, word },
      unit: { id: ref.id, code: ref.code, path: ref.path },
    };
  } else {
    const cluster = await getClusterWithOwner(db, input.clusterId!);
    if (!cluster) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy cụm đơn vị." });
    resolved = {
      scope: { clusterId: cluster.id },
      target: { unitPath: cluster.ownerPath, unitLevel: cluster.ownerLevel },
      heading: { name: `cụm ${cluster.name}`, word: "cụm" },
      unit: null,
    };
  }
  if (input.working && !(viewer && can(viewer.roles, "value.read_draft", resolved.target))) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Chỉ xem được kết quả đã thẩm định; kết quả đang làm cần quyền xem số liệu nháp.",
    });
  }
  return resolved;
}
