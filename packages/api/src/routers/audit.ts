import { getUnitRef, listAuditEvents } from "@datchuan/db";
import { unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, authorize, createTRPCRouter } from "../trpc";

export const auditRouter = createTRPCRouter({
  /** The audit log of a subtree, newest first; without a unit, the whole log (system admins). */
  list: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema.optional(),
        beforeId: z.int().positive().optional(),
        limit: z.int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      let scopePath: string | null = null;
      if (input.unitCode) {
        const unit = await getUnitRef(ctx.db, input.unitCode);
        if (!unit)
          throw new TRPCError({
            code: "NOT_FOUND",
            message: `Không tìm thấy đơn vị ${input.unitCode}`,
          });
        authorize(ctx.viewer, "audit.read", { unitPath: unit.path, unitLevel: unit.level });
        scopePath = unit.path;
      } else {
        authorize(ctx.viewer, "audit.read", { unitPath: "/" });
      }
      return listAuditEvents(ctx.db, { scopePath, beforeId: input.beforeId, limit: input.limit });
    }),
});
