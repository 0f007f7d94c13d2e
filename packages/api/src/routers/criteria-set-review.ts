import { getCriteriaSetRow } from "@datchuan/db";
import {
  CriteriaSetError,
  criteriaSetSchema,
  criteriaSetTarget,
  isoDateSchema,
  vietnamDate,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { previewSetImpact } from "../services/set-impact";
import { listThresholdWorklist, verifyThreshold } from "../services/threshold-verification";
import { authedProcedure, authorize, type Viewer } from "../trpc";

async function requireManaged(
  ctx: { db: Parameters<typeof getCriteriaSetRow>[0]; viewer: Viewer },
  id: string,
) {
  const row = await getCriteriaSetRow(ctx.db, id);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
  authorize(ctx.viewer, "criteria_set.manage", criteriaSetTarget(row.ownerPath));
  return row;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/**
 * Reviewing a set before and after publishing: which units a draft would flip, the thresholds
 * still to verify, and verifying one. Spread into `criteriaSet` (routers/criteria-set).
 */
export const criteriaSetReviewProcedures = {
  /**
   * Which units' verdicts a draft (or any stored version) would change against the versions
   * judging them now, on a date: per unit under the set's owner, met ↔ not met overall and per
   * criterion, with the indicators that moved. Computed from stored values, stored nowhere.
   */
  previewImpact: authedProcedure
    .input(z.object({ id: z.uuid(), date: isoDateSchema }))
    .query(async ({ ctx, input }) => {
      const row = await requireManaged(ctx, input.id);
      const parsed = criteriaSetSchema.safeParse(row.definition);
      if (!parsed.success)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Bộ tiêu chí không hợp lệ: ${z.prettifyError(parsed.error)}`,
        });
      try {
        return await previewSetImpact(ctx.db, {
          set: parsed.data,
          rowId: row.id,
          ownerPath: row.ownerPath,
          date: input.date,
        });
      } catch (error) {
        if (error instanceof CriteriaSetError)
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: `Bộ tiêu chí không hợp lệ: ${error.issues.join("; ")}`,
          });
        throw error;
      }
    }),

  /** Thresholds empty, unverified or illustrative in the sets in force for the viewer's units. */
  thresholdWorklist: authedProcedure.query(async ({ ctx }) =>
    listThresholdWorklist(ctx.db, { roles: ctx.viewer.roles, today: vietnamDate(ctx.now()) }),
  ),

  /** Records a threshold's source and marks it verified: one audited action (see the service). */
  verifyThreshold: authedProcedure
    .input(
      z.object({
        id: z.uuid(),
        expectedRowVersion: z.int().min(1),
        indicator: z.string().min(1).max(32),
        ruleIndex: z.int().min(0).max(10_000),
        source: z.string().trim().min(1, "Hãy ghi số quyết định.").max(500),
        article: optionalText(200),
        url: z
          .url("Đường dẫn không hợp lệ.")
          .max(2000)
          .optional()
          .or(z.literal("").transform(() => undefined)),
        value: z.union([z.number(), z.boolean(), z.string().max(64)]).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireManaged(ctx, input.id);
      const { id, expectedRowVersion, ...verification } = input;
      return ctx.db.transaction((tx) =>
        verifyThreshold(tx, {
          actorUserId: ctx.viewer.id,
          rowId: id,
          expectedRowVersion,
          verification,
        }),
      );
    }),
};
