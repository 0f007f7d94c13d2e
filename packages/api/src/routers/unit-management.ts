import {
  getUnitAttributes,
  insertCluster,
  insertUnit,
  insertUnitAttribute,
  listClusters,
  recordAudit,
  updateUnit,
} from "@datchuan/db";
import {
  isoDateSchema,
  unitCodeSchema,
  unitLevelSchema,
  unitNameSchema,
  unitTypeSchema,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { checkAttributeValue } from "../services/criteria-sets";
import { requireUnit } from "../services/lookup";
import {
  authorizePlacement,
  checkPlacement,
  duplicateCode,
  newUnitSchema,
  requireDetails,
} from "../services/units";
import { authedProcedure, authorize, publicProcedure, throwConflict } from "../trpc";

/** Creating, renaming, moving, merging and splitting units; attributes and clusters. */
export const unitManagementProcedures = {
  create: authedProcedure
    .input(
      newUnitSchema.extend({
        level: unitLevelSchema,
        parentCode: unitCodeSchema.nullable(),
        validFrom: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const parent = input.parentCode ? await requireDetails(ctx.db, input.parentCode) : null;
      authorizePlacement(ctx.viewer, parent);
      await checkPlacement(ctx.db, input.level, parent?.level ?? null, input.validFrom);
      try {
        return await ctx.db.transaction(async (tx) => {
          const created = await insertUnit(tx, { ...input, parent });
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "unit.create",
            entity: "unit",
            entityId: created.id,
            unitPath: created.path,
            after: input,
          });
          return created;
        });
      } catch (error) {
        duplicateCode(error, input.code);
      }
    }),
  update: authedProcedure
    .input(
      z.object({
        code: unitCodeSchema,
        name: unitNameSchema,
        type: unitTypeSchema,
        expectedRowVersion: z.int().min(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireDetails(ctx.db, input.code);
      authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        const updated = await updateUnit(tx, {
          id: unit.id,
          name: input.name,
          type: input.type,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!updated) {
          const message = "Đơn vị vừa được thay đổi ở nơi khác. Tải lại rồi sửa.";
          throwConflict(message, unit);
        }
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "unit.update",
          entity: "unit",
          entityId: unit.id,
          unitPath: unit.path,
          before: { name: unit.name, type: unit.type },
          after: { name: updated.name, type: updated.type },
        });
        return updated;
      });
    }),
  attributes: publicProcedure
    .input(z.object({ code: unitCodeSchema, asOf: isoDateSchema }))
    .query(async ({ ctx, input }) =>
      getUnitAttributes(ctx.db, (await requireUnit(ctx.db, input.code)).id, input.asOf),
    ),
  /** Sets an attribute (region, commune group…) from a date; earlier values stay for earlier dates. */
  setAttribute: authedProcedure
    .input(
      z.object({
        code: unitCodeSchema,
        name: z
          .string()
          .regex(
            /^[a-z][a-z0-9_]{0,49}$/u,
            "Tên thuộc tính gồm chữ thường không dấu, số, gạch dưới",
          ),
        value: z.string().trim().min(1).max(100),
        effectiveFrom: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireDetails(ctx.db, input.code);
      authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
      await checkAttributeValue(ctx.db, input.name, input.value);
      await ctx.db.transaction(async (tx) => {
        const before = await getUnitAttributes(tx, unit.id, input.effectiveFrom);
        await insertUnitAttribute(tx, {
          unitId: unit.id,
          name: input.name,
          value: input.value,
          effectiveFrom: input.effectiveFrom,
        });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "unit.set_attribute",
          entity: "unit",
          entityId: unit.id,
          unitPath: unit.path,
          before: { [input.name]: before[input.name] ?? null },
          after: { [input.name]: input.value, effectiveFrom: input.effectiveFrom },
        });
      });
      return { saved: true };
    }),
  clusters: publicProcedure
    .input(z.object({ ownerCode: unitCodeSchema }))
    .query(async ({ ctx, input }) =>
      listClusters(ctx.db, (await requireUnit(ctx.db, input.ownerCode)).id),
    ),
  /** A named cluster of units (a former district, a programme area) defined by an admin. */
  createCluster: authedProcedure
    .input(
      z.object({
        ownerCode: unitCodeSchema,
        name: unitNameSchema,
        memberCodes: z.array(unitCodeSchema).min(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const owner = await requireUnit(ctx.db, input.ownerCode);
      authorize(ctx.viewer, "unit.manage", { unitPath: owner.path, unitLevel: owner.level });
      const members = await Promise.all(input.memberCodes.map((code) => requireUnit(ctx.db, code)));
      if (members.some((m) => !m.path.startsWith(owner.path))) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Cụm chỉ gồm các đơn vị thuộc đơn vị quản lý cụm.",
        });
      }
      return ctx.db.transaction(async (tx) => {
        const cluster = await insertCluster(tx, {
          name: input.name,
          ownerUnitId: owner.id,
          memberIds: members.map((m) => m.id),
        });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "cluster.create",
          entity: "unit_cluster",
          entityId: cluster.id,
          unitPath: owner.path,
          after: input,
        });
        return cluster;
      });
    }),
};
