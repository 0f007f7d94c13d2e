import { getUnitRef, listAuditEvents } from "@datchuan/db";
import { addDays, isoDateSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, authorize, createTRPCRouter } from "../trpc";

export const auditRouter = createTRPCRouter({
  /** The audit log of a subtree, newest first; without a unit, the whole log (system admins). */
  list: authedProcedure
    .input(
      z
        .object({
          unitCode: unitCodeSchema.optional(),
          beforeId: z.int().positive().optional(),
          limit: z.int().min(1).max(200).default(50),
          actor: z.string().trim().toLowerCase().min(1).max(50).optional(),
          action: z
            .string()
            .regex(/^[a-z_]+(\.[a-z_]*)?$/u, "Hành động có dạng user.create hoặc user.")
            .max(60)
            .optional(),
          /** Days in Vietnam, both included. */
          from: isoDateSchema.optional(),
          to: isoDateSchema.optional(),
        })
        .refine((i) => !i.from || !i.to || i.from <= i.to, {
          message: "Ngày bắt đầu phải trước ngày kết thúc",
          path: ["to"],
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
      // A day is a day in Vietnam (UTC+7): "to" includes the whole of its last day.
      return listAuditEvents(ctx.db, {
        scopePath,
        beforeId: input.beforeId,
        limit: input.limit,
        actor: input.actor,
        action: input.action,
        from: input.from ? new Date(`${input.from}T00:00:00+07:00`) : undefined,
        until: input.to ? new Date(`${addDays(input.to, 1)}T00:00:00+07:00`) : undefined,
      });
    }),
});
