import { isoDateSchema, unitCodeSchema } from "@datchuan/domain";
import { z } from "zod";
import {
  listUnitBulletins,
  publishBulletin,
  retractPublishedBulletin,
} from "../services/bulletins";
import { authedProcedure, createTRPCRouter } from "../trpc";

/** Review bulletins (bản tin rà soát): publish a unit's report to the portal, list, retract. */
export const bulletinRouter = createTRPCRouter({
  publish: authedProcedure
    .input(
      z
        .object({
          unitCode: unitCodeSchema,
          setId: z.string().min(1),
          asOf: isoDateSchema,
          since: isoDateSchema.optional(),
        })
        .refine((i) => i.since === undefined || i.since < i.asOf, {
          message: "Ngày so sánh phải trước ngày đánh giá.",
          path: ["since"],
        }),
    )
    .mutation(({ ctx, input }) => publishBulletin(ctx.db, ctx.viewer, input, ctx.now())),
  list: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema }))
    .query(({ ctx, input }) => listUnitBulletins(ctx.db, ctx.viewer, input.unitCode)),
  retract: authedProcedure
    .input(
      z.object({
        id: z.uuid("Mã bản tin không hợp lệ"),
        expectedRowVersion: z.int().min(1),
        reason: z.string().trim().min(1, "Nhập lý do gỡ bản tin").max(500),
      }),
    )
    .mutation(({ ctx, input }) => retractPublishedBulletin(ctx.db, ctx.viewer, input, ctx.now())),
});
