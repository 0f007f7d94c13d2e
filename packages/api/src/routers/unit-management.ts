import {
  getUnitAttributes,
  insertCluster,
  insertUnit,
  listClusters,
  listUnitAttributeHistory,
  lockUnitTree,
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
import { z } from "zod";
import { checkAttributeValue } from "../services/criteria-sets";
import { reevaluateReportsFrom } from "../services/evaluation";
import { requireUnit } from "../services/lookup";
import { expectedAttributeSchema, replaceUnitAttribute } from "../services/unit-attributes";
import { clusterMemberCodesSchema, requireClusterMembers } from "../services/unit-clusters";
import {
  authorizePlacement,
  checkPlacement,
  duplicateCode,
  newUnitSchema,
  parentOf,
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
      try {
        return await ctx.db.transaction(async (tx) => {
          // The parent's path is read where no move can change it before the child is placed.
          await lockUnitTree(tx);
          const parent = input.parentCode ? await requireDetails(tx, input.parentCode) : null;
          authorizePlacement(ctx.viewer, parent);
          await checkPlacement(tx, input.level, parent?.level ?? null, input.validFrom);
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
      // Renaming takes the right over the parent: an admin cannot rename the root of their own
      // scope (a district its own name), while the province admin above it can. A move since
      // this read changes the version, so the update below then refuses.
      authorizePlacement(ctx.viewer, await parentOf(ctx.db, unit));
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
  /** Every value a unit's attributes took and the day each took effect (region, group…). */
  attributeHistory: publicProcedure
    .input(z.object({ code: unitCodeSchema }))
    .query(async ({ ctx, input }) =>
      listUnitAttributeHistory(ctx.db, (await requireUnit(ctx.db, input.code)).id),
    ),
  /**
   * Sets an attribute (region, commune group…) from a date; earlier values stay for earlier dates.
   * `expected` is the value in effect on that date as the writer read it (null: none), so a change
   * made meanwhile by someone else is refused as CONFLICT rather than silently replaced.
   */
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
        expected: expectedAttributeSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireDetails(ctx.db, input.code);
      authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
      await checkAttributeValue(ctx.db, input.name, input.value);
      const reevaluatedReports = await ctx.db.transaction(async (tx) => {
        const before = await replaceUnitAttribute(tx, {
          unitId: unit.id,
          name: input.name,
          value: input.value,
          effectiveFrom: input.effectiveFrom,
          expected: input.expected,
        });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "unit.set_attribute",
          entity: "unit",
          entityId: unit.id,
          unitPath: unit.path,
          before: { [input.name]: before?.value ?? null },
          after: { [input.name]: input.value, effectiveFrom: input.effectiveFrom },
        });
        // Thresholds depend on it: verdicts from that date on are judged again.
        return reevaluateReportsFrom(tx, { unitId: unit.id, effectiveFrom: input.effectiveFrom });
      });
      return { saved: true, reevaluatedReports };
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
        memberCodes: clusterMemberCodesSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const owner = await requireUnit(ctx.db, input.ownerCode);
      authorize(ctx.viewer, "unit.manage", { unitPath: owner.path, unitLevel: owner.level });
      const members = await requireClusterMembers(ctx.db, owner, input.memberCodes);
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
