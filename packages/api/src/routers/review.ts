import { isoDateSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { assessDistrictOn, type ReviewScope, summariseStanding } from "../services/review";
import { progressOf } from "../services/review-progress";
import { buildScopeReport } from "../services/review-report";
import { resolveReviewScope } from "../services/review-scope";
import { type Context, createTRPCRouter, publicProcedure } from "../trpc";

/** A unit with children (district, province) by code, or a named cluster by id. */
const scopeInput = z
  .object({ unitCode: unitCodeSchema.optional(), clusterId: z.uuid().optional() })
  .refine((s) => (s.unitCode === undefined) !== (s.clusterId === undefined), {
    message: "Chọn một đơn vị hoặc một cụm, không phải cả hai",
    path: ["unitCode"],
  });

/** Working (unsigned) verdicts too: only for a reader of drafts over the scope. */
const working = z.boolean().default(false);

async function resolveScope(
  ctx: Context,
  input: { unitCode?: string | undefined; clusterId?: string | undefined; working: boolean },
): Promise<ReviewScope> {
  return (await resolveReviewScope(ctx.db, ctx.viewer, input)).scope;
}

/** A standing or report: the scope, the set, the date, an optional earlier date to compare. */
export const reportInput = scopeInput
  .and(
    z.object({
      setId: z.string().min(1),
      asOf: isoDateSchema,
      since: isoDateSchema.optional(),
      working,
    }),
  )
  .refine((i) => i.since === undefined || i.since < i.asOf, {
    message: "Ngày so sánh phải trước ngày đánh giá.",
    path: ["since"],
  });

/**
 * District reviews (tổng hợp, đánh giá): roll-ups of the communes under a unit or in a cluster
 * on a date, read from stored verdicts, never re-evaluated. The public reads signed verdicts of
 * accepted reports; `working: true` adds the newest unsigned ones for readers of drafts.
 */
export const reviewRouter = createTRPCRouter({
  standing: publicProcedure
    .input(
      scopeInput.and(
        z.object({
          setId: z.string().min(1),
          asOf: isoDateSchema,
          /** An earlier date to compare with: what regressed and what improved since. */
          since: isoDateSchema.optional(),
          working,
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      if (input.since !== undefined && input.since >= input.asOf)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Ngày so sánh phải trước ngày đánh giá.",
        });
      const scope = await resolveScope(ctx, input);
      return summariseStanding(ctx.db, {
        scope,
        setId: input.setId,
        asOf: input.asOf,
        since: input.since,
        acceptedOnly: !input.working,
      });
    }),
  /**
   * The review report (báo cáo rà soát) of the same standing: the model every output reads and
   * its text, in the sentences of the offices' own reports. Same access as `standing`.
   */
  report: publicProcedure.input(reportInput).query(async ({ ctx, input }) => {
    const resolved = await resolveReviewScope(ctx.db, ctx.viewer, input);
    return buildScopeReport(ctx.db, ctx.viewer, resolved, input);
  }),
  /** The standing counted at several dates (at most 12), oldest first: progress over periods. */
  progress: publicProcedure
    .input(
      scopeInput.and(
        z.object({
          setId: z.string().min(1),
          dates: z
            .array(isoDateSchema)
            .min(1, "Chọn ít nhất một ngày")
            .max(12, "Chọn tối đa 12 ngày"),
          working,
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const scope = await resolveScope(ctx, input);
      return progressOf(ctx.db, {
        scope,
        setId: input.setId,
        dates: [...new Set(input.dates)].sort(),
        acceptedOnly: !input.working,
      });
    }),
  /** QĐ 320's commune shares for a district: all communes NTM, at least 10 % nâng cao. */
  districtConditions: publicProcedure
    .input(
      scopeInput.and(
        z.object({
          asOf: isoDateSchema,
          ntmSetId: z.string().min(1).default("ntm-xa-2021-2025"),
          advancedSetId: z.string().min(1).default("ntm-nang-cao-xa-2021-2025"),
          working,
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const scope = await resolveScope(ctx, input);
      return assessDistrictOn(ctx.db, {
        scope,
        asOf: input.asOf,
        ntmSetId: input.ntmSetId,
        advancedSetId: input.advancedSetId,
        acceptedOnly: !input.working,
      });
    }),
});
