import { can, periodSchema, periodValidUntil, unitCodeSchema, vietnamDate } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  criterionHistory,
  describeCommuneHome,
  latestExplainedVerdict,
} from "../services/commune-home";
import { requireUnit } from "../services/lookup";
import { authedProcedure, authorize, type Context, createTRPCRouter } from "../trpc";
import { mayChangePlan } from "./plan-tasks";

const setId = z.string().min(1).max(100);

/** The unit, if the viewer may read its unpublished values: the commune app's pages are those. */
async function requireReadableUnit(
  ctx: Context & { viewer: NonNullable<Context["viewer"]> },
  code: string,
) {
  const unit = await requireUnit(ctx.db, code);
  authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
  return unit;
}

/**
 * The commune officer's workplace (issue 9): the home at a glance, the scorecard of the latest
 * verdict and one indicator across periods. Working verdicts included, so readers of drafts only.
 */
export const communeRouter = createTRPCRouter({
  home: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema }))
    .query(async ({ ctx, input }) => {
      const unit = await requireReadableUnit(ctx, input.unitCode);
      return describeCommuneHome(ctx.db, { unit, today: vietnamDate(ctx.now()) });
    }),

  /** The latest verdict (or the one of `period`) explained, with the indicators' names. */
  scorecard: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId, period: periodSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const unit = await requireReadableUnit(ctx, input.unitCode);
      const asOf = input.period ? periodValidUntil(input.period) : vietnamDate(ctx.now());
      const found = await latestExplainedVerdict(ctx.db, {
        unitId: unit.id,
        setId: input.setId,
        asOf,
      });
      if (input.period && found && found.period !== input.period)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `Chưa có kết quả đánh giá kỳ ${input.period}.`,
        });
      // What the page may offer: entering values (and evidence), changing the plan.
      const target = { unitPath: unit.path, unitLevel: unit.level };
      return found
        ? {
            ...found,
            mayEnter: can(ctx.viewer.roles, "value.enter", target),
            mayPlan: mayChangePlan(ctx.viewer, unit),
          }
        : null;
    }),

  /** One criterion across periods: its counts and its indicators' figures, for charts. */
  criterionHistory: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId, criterion: z.int().min(1).max(99) }))
    .query(async ({ ctx, input }) => {
      const unit = await requireReadableUnit(ctx, input.unitCode);
      return criterionHistory(ctx.db, {
        unitId: unit.id,
        setId: input.setId,
        criterion: input.criterion,
      });
    }),
});
