import {
  findRegistration,
  findTarget,
  listRegistrations,
  listTargets,
  recordAudit,
  saveRegistration,
  saveTarget,
} from "@datchuan/db";
import { unitCodeSchema } from "@datchuan/domain";
import { z } from "zod";
import { requirePublishedSet, requireUnit } from "../services/lookup";
import {
  authedProcedure,
  authorize,
  createTRPCRouter,
  publicProcedure,
  throwConflict,
} from "../trpc";
import { planTaskProcedures } from "./plan-tasks";

const year = z.int().min(2010, "Năm không hợp lệ").max(2100, "Năm không hợp lệ");

/** Registrations to reach the standard (đăng ký về đích) and yearly targets (chỉ tiêu năm). */
export const planningRouter = createTRPCRouter({
  registrations: publicProcedure
    .input(z.object({ scopeCode: unitCodeSchema }))
    .query(async ({ ctx, input }) => {
      const scope = await requireUnit(ctx.db, input.scopeCode);
      return listRegistrations(ctx.db, scope.path);
    }),

  register: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        setId: z.string().min(1),
        targetYear: year,
        note: z.string().trim().max(2000).nullable().default(null),
        expectedRowVersion: z.int().min(1).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "target.manage", { unitPath: unit.path, unitLevel: unit.level });
      await requirePublishedSet(ctx.db, input.setId);
      return ctx.db.transaction(async (tx) => {
        const before = await findRegistration(tx, unit.id, input.setId);
        const saved = await saveRegistration(tx, {
          ...input,
          unitId: unit.id,
          userId: ctx.viewer.id,
        });
        if (!saved) throwConflict("Đăng ký này vừa được thay đổi ở nơi khác.", before ?? null);
        const after = (await findRegistration(tx, unit.id, input.setId))!;
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: before ? "registration.move" : "registration.create",
          entity: "registration",
          entityId: after.id,
          unitPath: unit.path,
          before: before ? { targetYear: before.targetYear, note: before.note } : null,
          after: { setId: after.setId, targetYear: after.targetYear, note: after.note },
        });
        return after;
      });
    }),

  targets: publicProcedure
    .input(z.object({ unitCode: unitCodeSchema, year }))
    .query(async ({ ctx, input }) =>
      listTargets(ctx.db, (await requireUnit(ctx.db, input.unitCode)).id, input.year),
    ),

  setTarget: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        year,
        metric: z
          .string()
          .regex(/^[a-z][a-z0-9_]{1,49}$/u, "Mã chỉ tiêu gồm chữ thường không dấu, số, gạch dưới"),
        label: z.string().trim().min(1, "Nhập tên chỉ tiêu").max(200),
        comparator: z.enum(["gte", "lte"]),
        value: z.number().finite(),
        unitOfMeasure: z.string().trim().max(50),
        /** The year's result, when known, and where it comes from (a statistics report…). */
        actual: z.number().finite().nullable().default(null),
        actualSource: z.string().trim().max(500).nullable().default(null),
        expectedRowVersion: z.int().min(1).nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "target.manage", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        const before = await findTarget(tx, unit.id, input.year, input.metric);
        if (!(await saveTarget(tx, { ...input, unitId: unit.id })))
          throwConflict("Chỉ tiêu này vừa được thay đổi ở nơi khác.", before ?? null);
        const after = (await findTarget(tx, unit.id, input.year, input.metric))!;
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "target.save",
          entity: "target",
          entityId: after.id,
          unitPath: unit.path,
          before: before ?? null,
          after,
        });
        return after;
      });
    }),

  ...planTaskProcedures,
});
