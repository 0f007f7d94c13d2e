import {
  type Executor,
  enqueueReevaluation,
  getCriteriaSetRow,
  getLatestReevaluation,
  insertDraftSet,
  isUniqueViolation,
  listCriteriaSets,
  listReportsUnder,
  listSetOwners,
  lockSetId,
  publishDraftSet,
  recordAudit,
  updateDraftSet,
} from "@datchuan/db";
import {
  type CriteriaSet,
  CriteriaSetError,
  can,
  criteriaSetSchema,
  criteriaSetTarget,
  programmeOf,
  unitCodeSchema,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { compileDraft, listStoredVersions } from "../services/criteria-sets";
import { requireUnit } from "../services/lookup";
import {
  authedProcedure,
  authorize,
  createTRPCRouter,
  publicProcedure,
  throwConflict,
  type Viewer,
  zodRefusalCause,
} from "../trpc";
import { criteriaSetReviewProcedures } from "./criteria-set-review";

interface Owner {
  id: string | null;
  /** Null for national sets. */
  path: string | null;
}

function invalid(message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message: `Bộ tiêu chí không hợp lệ: ${message}` });
}

function parseDefinition(definition: unknown): CriteriaSet {
  const parsed = criteriaSetSchema.safeParse(definition);
  if (!parsed.success) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Bộ tiêu chí không hợp lệ: ${z.prettifyError(parsed.error)}`,
      cause: zodRefusalCause(parsed.error),
    });
  }
  return parsed.data;
}

/**
 * Checks a definition as its owner would publish it: one owner per set id (a province or
 * district changes a national or another unit's set by an adaptation under an id of its own),
 * an adaptation only of a set that applies where its owner is, and the whole compiling with
 * the published sets it adapts and refers to (the compiler catches dangling codes…).
 */
async function checkDefinition(
  db: Executor,
  viewer: Viewer,
  definition: unknown,
  owner: Owner,
): Promise<z.input<typeof criteriaSetSchema>> {
  const set = parseDefinition(definition);
  const others = (await listSetOwners(db, set.id)).filter((o) => o.ownerUnitId !== owner.id);
  if (others.length > 0) {
    const holder = others[0]!.ownerPath === null ? "cấp quốc gia" : "một đơn vị khác";
    if (!can(viewer.roles, "criteria_set.manage", criteriaSetTarget(null))) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `Bộ tiêu chí ${set.id} thuộc ${holder}; đơn vị chỉ điều chỉnh được bằng một bộ mã riêng (adapts: ${set.id}).`,
      });
    }
    invalid(`mã ${set.id} thuộc ${holder}; mọi phiên bản của một bộ giữ cùng đơn vị chủ quản.`);
  }
  if (set.adapts) {
    if (set.adapts.id === set.id) invalid("một bộ không điều chỉnh chính nó.");
    const parents = (await listStoredVersions(db)).filter((v) => v.setId === set.adapts?.id);
    const parentOwner = parents[0]?.ownerPath ?? null;
    // A parent owned elsewhere would judge none of this owner's units.
    if (parents.length > 0 && parentOwner !== null && !owner.path?.startsWith(parentOwner))
      invalid(`bộ ${set.adapts.id} không áp dụng cho đơn vị chủ quản của bộ này.`);
  }
  try {
    await compileDraft(db, set);
  } catch (error) {
    if (error instanceof CriteriaSetError) invalid(error.issues.join("; "));
    throw error;
  }
  return definition as z.input<typeof criteriaSetSchema>;
}

/** The owner named by code (null: national), after checking the viewer may manage its sets. */
async function authorizeNewOwner(
  ctx: { db: Executor; viewer: Viewer },
  ownerCode: string | null,
): Promise<Owner> {
  const owner = ownerCode ? await requireUnit(ctx.db, ownerCode) : null;
  if (!owner && !mayManage(ctx.viewer, null)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message:
        "Chỉ quản trị hệ thống ban hành bộ tiêu chí cấp quốc gia; tỉnh, huyện hãy tạo bộ điều chỉnh với mã riêng.",
    });
  }
  authorize(ctx.viewer, "criteria_set.manage", criteriaSetTarget(owner?.path ?? null));
  return { id: owner?.id ?? null, path: owner?.path ?? null };
}

/** A stored set the viewer may manage, or NOT_FOUND: drafts of other subtrees are not shown. */
async function requireManagedSet(ctx: { db: Executor; viewer: Viewer }, id: string) {
  const row = await getCriteriaSetRow(ctx.db, id);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
  authorize(ctx.viewer, "criteria_set.manage", criteriaSetTarget(row.ownerPath));
  return row;
}

function mayManage(viewer: Viewer | null, ownerPath: string | null): boolean {
  return Boolean(viewer && can(viewer.roles, "criteria_set.manage", criteriaSetTarget(ownerPath)));
}

/**
 * Criteria sets as versioned legal objects: drafts are edited, published versions never change.
 * Each set has one owner (null: national, versioned by system admins only); a province or
 * district adapts a set under an id of its own, and a unit is judged by the nearest adaptation
 * on its path in force on the report's date (services/criteria-sets).
 */
export const criteriaSetRouter = createTRPCRouter({
  ...criteriaSetReviewProcedures,

  /** Published versions to all; drafts only to those who may manage their owner's sets. */
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await listCriteriaSets(ctx.db);
    return rows.filter((row) => row.status === "published" || mayManage(ctx.viewer, row.ownerPath));
  }),

  /** A set with its definition; drafts only to those who may manage them. */
  get: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const row = await getCriteriaSetRow(ctx.db, input.id);
    if (row && (row.status === "published" || mayManage(ctx.viewer, row.ownerPath))) return row;
    throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
  }),

  createDraft: authedProcedure
    .input(z.object({ definition: z.unknown(), ownerUnitCode: unitCodeSchema.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const owner = await authorizeNewOwner(ctx, input.ownerUnitCode);
      const setId = parseDefinition(input.definition).id;
      try {
        return await ctx.db.transaction(async (tx) => {
          await lockSetId(tx, setId);
          const definition = await checkDefinition(tx, ctx.viewer, input.definition, owner);
          const created = await insertDraftSet(tx, { definition, ownerUnitId: owner.id });
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "criteria_set.create_draft",
            entity: "criteria_set",
            entityId: created.id,
            unitPath: owner.path ?? "/",
            after: { setId: created.setId, version: created.version },
          });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error, "criteria_set_set_id_version_key")) {
          const { version } = parseDefinition(input.definition);
          throw new TRPCError({
            code: "CONFLICT",
            message: `Đã có bộ tiêu chí ${setId} phiên bản ${version}; hãy đặt phiên bản mới.`,
          });
        }
        throw error;
      }
    }),

  updateDraft: authedProcedure
    .input(z.object({ id: z.uuid(), definition: z.unknown(), expectedRowVersion: z.int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const current = await requireManagedSet(ctx, input.id);
      if (current.status !== "draft") {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "Bộ tiêu chí đã ban hành không sửa được; hãy tạo phiên bản mới.",
        });
      }
      const owner = { id: current.ownerUnitId, path: current.ownerPath };
      const definition = await checkDefinition(ctx.db, ctx.viewer, input.definition, owner);
      return ctx.db.transaction(async (tx) => {
        const updated = await updateDraftSet(tx, {
          id: input.id,
          definition,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!updated) {
          const message = "Bản nháp vừa được thay đổi ở nơi khác, hoặc mã và phiên bản đã bị đổi.";
          throwConflict(message, current);
        }
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "criteria_set.update_draft",
          entity: "criteria_set",
          entityId: input.id,
          unitPath: owner.path ?? "/",
          before: current.definition,
          after: definition,
        });
        return updated;
      });
    }),

  /**
   * Publishes a draft. Every report it may now judge (its programme's, in its owner's subtree)
   * is to be evaluated again: the publish commits the version with a job listing them, and the
   * API processes' workers judge them in batches (services/reevaluation), each batch taking the
   * locks every report write takes. A new verdict is stored beside the old ones, and an
   * accepted report keeps the verdict that was signed. `criteriaSet.reevaluation` shows progress.
   */
  publish: authedProcedure
    .input(z.object({ id: z.uuid(), expectedRowVersion: z.int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const current = await requireManagedSet(ctx, input.id);
      // What it adapts or refers to may have changed since the draft was saved.
      if (current.status === "draft") {
        const owner = { id: current.ownerUnitId, path: current.ownerPath };
        await checkDefinition(ctx.db, ctx.viewer, current.definition, owner);
      }
      return ctx.db.transaction(async (tx) => {
        // As every writer of the set id (a threshold verification publishes a version too), so
        // the order of publication is the order of commits.
        await lockSetId(tx, current.setId);
        const published = await publishDraftSet(tx, input);
        if (!published) {
          const message = "Bộ tiêu chí đã ban hành hoặc vừa được thay đổi.";
          throwConflict(message, current);
        }
        const versions = await listStoredVersions(tx);
        const reports = await listReportsUnder(tx, {
          setId: programmeOf(versions, published.setId),
          pathPrefix: published.ownerPath ?? "/",
        });
        const job = await enqueueReevaluation(tx, {
          setRowId: published.id,
          reportIds: reports.map((r) => r.id),
        });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "criteria_set.publish",
          entity: "criteria_set",
          entityId: input.id,
          unitPath: published.ownerPath ?? "/",
          before: { status: "draft" },
          after: {
            status: "published",
            version: published.version,
            reevaluationJobId: job.id,
            reportsToReevaluate: job.total,
          },
        });
        return { ...published, reevaluation: { jobId: job.id, total: job.total } };
      });
    }),

  /**
   * How far the re-evaluation a published version asked for has got (the latest, if it was
   * published again); null before any. To those who may manage the set, as publishing is.
   */
  reevaluation: authedProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    await requireManagedSet(ctx, input.id);
    const job = await getLatestReevaluation(ctx.db, input.id);
    if (!job) return null;
    return {
      jobId: job.id,
      status: job.status,
      done: job.done,
      total: job.total,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      error: job.error,
    };
  }),
});
