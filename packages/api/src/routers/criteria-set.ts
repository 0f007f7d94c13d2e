import {
  getCriteriaSetRow,
  getUnitById,
  insertDraftSet,
  isUniqueViolation,
  listCriteriaSets,
  listReportsOfSet,
  publishDraftSet,
  recordAudit,
  updateDraftSet,
} from "@datchuan/db";
import { can, compileCriteriaSet, criteriaSetSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { evaluateAndStore } from "../services/evaluation";
import { requireUnit } from "../services/lookup";
import {
  authedProcedure,
  authorize,
  createTRPCRouter,
  publicProcedure,
  throwConflict,
  type Viewer,
} from "../trpc";

/** Parses and compiles a definition; the compiler catches what the schema cannot (dangling codes…). */
function validDefinition(definition: unknown) {
  const parsed = criteriaSetSchema.safeParse(definition);
  if (!parsed.success) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Bộ tiêu chí không hợp lệ: ${z.prettifyError(parsed.error)}`,
      cause: parsed.error,
    });
  }
  try {
    compileCriteriaSet(parsed.data);
  } catch (error) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Bộ tiêu chí không hợp lệ: ${(error as Error).message}`,
    });
  }
  return definition as z.input<typeof criteriaSetSchema>;
}

async function authorizeOwner(
  ctx: { db: Parameters<typeof requireUnit>[0]; viewer: Viewer },
  ownerUnitId: string | null,
  ownerCode?: string | null,
) {
  if (ownerCode) {
    const owner = await requireUnit(ctx.db, ownerCode);
    authorize(ctx.viewer, "criteria_set.manage", { unitPath: owner.path, unitLevel: owner.level });
    return owner.id;
  }
  if (ownerUnitId) {
    // Stored drafts keep their owner; re-check against it.
    const owner = await getUnitById(ctx.db, ownerUnitId);
    authorize(ctx.viewer, "criteria_set.manage", {
      unitPath: owner!.path,
      unitLevel: owner!.level,
    });
    return ownerUnitId;
  }
  authorize(ctx.viewer, "criteria_set.manage", { unitPath: "/" });
  return null;
}

/** Criteria sets as versioned legal objects: drafts are edited, published versions never change. */
export const criteriaSetRouter = createTRPCRouter({
  list: publicProcedure.query(async ({ ctx }) => {
    const rows = await listCriteriaSets(ctx.db);
    const manager = ctx.viewer?.roles.some((r) => r.role === "system_admin" || r.role === "admin");
    return rows.filter((row) => row.status === "published" || manager);
  }),

  /** A set with its definition; drafts only to those who may manage them. */
  get: publicProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const row = await getCriteriaSetRow(ctx.db, input.id);
    if (row?.status === "published") return row;
    if (row && ctx.viewer) {
      const owner = row.ownerUnitId ? await getUnitById(ctx.db, row.ownerUnitId) : null;
      if (can(ctx.viewer.roles, "criteria_set.manage", { unitPath: owner?.path ?? "/" }))
        return row;
    }
    throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
  }),

  createDraft: authedProcedure
    .input(z.object({ definition: z.unknown(), ownerUnitCode: unitCodeSchema.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const ownerUnitId = await authorizeOwner(ctx, null, input.ownerUnitCode);
      const definition = validDefinition(input.definition);
      try {
        return await ctx.db.transaction(async (tx) => {
          const created = await insertDraftSet(tx, { definition, ownerUnitId });
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "criteria_set.create_draft",
            entity: "criteria_set",
            entityId: created.id,
            unitPath: "/",
            after: { setId: created.setId, version: created.version },
          });
          return created;
        });
      } catch (error) {
        if (isUniqueViolation(error, "criteria_set_set_id_version_key")) {
          throw new TRPCError({
            code: "CONFLICT",
            message: `Đã có bộ tiêu chí ${definition.id} phiên bản ${definition.version}; hãy đặt phiên bản mới.`,
          });
        }
        throw error;
      }
    }),

  updateDraft: authedProcedure
    .input(z.object({ id: z.uuid(), definition: z.unknown(), expectedRowVersion: z.int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const current = await getCriteriaSetRow(ctx.db, input.id);
      if (!current)
        throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
      await authorizeOwner(ctx, current.ownerUnitId);
      if (current.status !== "draft") {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "Bộ tiêu chí đã ban hành không sửa được; hãy tạo phiên bản mới.",
        });
      }
      const definition = validDefinition(input.definition);
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
          unitPath: "/",
          before: current.definition,
          after: definition,
        });
        return updated;
      });
    }),

  /** Publishes a draft; every report of the set is re-evaluated against it in the same transaction. */
  publish: authedProcedure
    .input(z.object({ id: z.uuid(), expectedRowVersion: z.int().min(1) }))
    .mutation(async ({ ctx, input }) => {
      const current = await getCriteriaSetRow(ctx.db, input.id);
      if (!current)
        throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
      await authorizeOwner(ctx, current.ownerUnitId);
      return ctx.db.transaction(async (tx) => {
        const published = await publishDraftSet(tx, input);
        if (!published) {
          const message = "Bộ tiêu chí đã ban hành hoặc vừa được thay đổi.";
          throwConflict(message, current);
        }
        const reports = await listReportsOfSet(tx, published.setId);
        for (const report of reports) await evaluateAndStore(tx, report);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "criteria_set.publish",
          entity: "criteria_set",
          entityId: input.id,
          unitPath: "/",
          before: { status: "draft" },
          after: {
            status: "published",
            version: published.version,
            reevaluatedReports: reports.length,
          },
        });
        return { ...published, reevaluatedReports: reports.length };
      });
    }),
});
