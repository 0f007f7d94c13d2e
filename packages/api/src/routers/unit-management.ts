import {
  closeUnit,
  type Executor,
  getUnitAttributes,
  getUnitById,
  getUnitDetails,
  insertCluster,
  insertSuccessions,
  insertUnit,
  insertUnitAttribute,
  isUniqueViolation,
  listChildIds,
  listClusters,
  listHierarchies,
  listPredecessors,
  moveUnit,
  recordAudit,
  updateUnit,
} from "@datchuan/db";
import {
  hierarchyOn,
  isoDateSchema,
  placementProblem,
  type UnitLevel,
  unitCodeSchema,
  unitLevelSchema,
  unitNameSchema,
  unitTypeSchema,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireUnit } from "../services/lookup";
import { authedProcedure, authorize, ConflictError, publicProcedure, type Viewer } from "../trpc";

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

async function requireDetails(db: Executor, code: string) {
  const unit = await getUnitDetails(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
}

/** Checks that a unit of `level` may sit under `parent` by the hierarchy in force on `date`. */
async function checkPlacement(
  db: Executor,
  level: UnitLevel,
  parentLevel: UnitLevel | null,
  date: string,
) {
  const hierarchy = hierarchyOn(await listHierarchies(db), date);
  const problem = hierarchy
    ? placementProblem(hierarchy, level, parentLevel)
    : `Chưa cấu hình hệ thống đơn vị hành chính cho ngày ${date}.`;
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
}

/** Who may create or move a unit to a place: managers of the new parent, or system admins for roots. */
function authorizePlacement(viewer: Viewer, parent: { path: string; level: UnitLevel } | null) {
  authorize(viewer, "unit.manage", { unitPath: parent?.path ?? "/", unitLevel: parent?.level });
}

function duplicateCode(error: unknown, code: string): never {
  if (isUniqueViolation(error, "unit_code_key")) {
    throw new TRPCError({ code: "CONFLICT", message: `Mã đơn vị ${code} đã được dùng.` });
  }
  throw error;
}

const newUnitSchema = z.object({
  code: unitCodeSchema,
  name: unitNameSchema,
  type: unitTypeSchema,
});

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
          throw new TRPCError({
            code: "CONFLICT",
            message,
            cause: new ConflictError(message, unit),
          });
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

  /** Moves a unit under another parent from a date (communes under the province after 7/2025). */
  move: authedProcedure
    .input(
      z.object({
        code: unitCodeSchema,
        newParentCode: unitCodeSchema,
        effectiveDate: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireDetails(ctx.db, input.code);
      const newParent = await requireDetails(ctx.db, input.newParentCode);
      authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
      authorizePlacement(ctx.viewer, newParent);
      if (newParent.path.startsWith(unit.path)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Không thể chuyển một đơn vị vào chính đơn vị cấp dưới của nó.",
        });
      }
      await checkPlacement(ctx.db, unit.level, newParent.level, input.effectiveDate);
      return ctx.db.transaction(async (tx) => {
        const path = await moveUnit(tx, { id: unit.id, oldPath: unit.path, newParent });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "unit.move",
          entity: "unit",
          entityId: unit.id,
          unitPath: path,
          before: { path: unit.path },
          after: { path, effectiveDate: input.effectiveDate },
        });
        return { path };
      });
    }),

  /** Ends a unit (an abolished district) that no longer has current units below it. */
  close: authedProcedure
    .input(z.object({ code: unitCodeSchema, lastDay: isoDateSchema }))
    .mutation(async ({ ctx, input }) => {
      const unit = await requireDetails(ctx.db, input.code);
      authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
      if ((await listChildIds(ctx.db, unit.id)).length > 0) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "Đơn vị còn đơn vị trực thuộc; hãy chuyển hoặc sáp nhập chúng trước.",
        });
      }
      await ctx.db.transaction(async (tx) => {
        await closeUnit(tx, { id: unit.id, validTo: input.lastDay });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "unit.close",
          entity: "unit",
          entityId: unit.id,
          unitPath: unit.path,
          before: { validTo: unit.validTo },
          after: { validTo: input.lastDay },
        });
      });
      return { closed: true };
    }),

  /**
   * Merges units into a new one from a date (sáp nhập): the new unit takes their villages, the
   * old ones end the day before and stay as history linked to it.
   */
  merge: authedProcedure
    .input(
      z.object({
        predecessorCodes: z.array(unitCodeSchema).min(2, "Cần ít nhất hai đơn vị để sáp nhập"),
        successor: newUnitSchema,
        parentCode: unitCodeSchema,
        effectiveDate: isoDateSchema,
        decision: z.string().trim().max(200).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const predecessors = await Promise.all(
        input.predecessorCodes.map((code) => requireDetails(ctx.db, code)),
      );
      const level = predecessors[0]!.level;
      if (predecessors.some((p) => p.level !== level || p.validTo)) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Chỉ sáp nhập các đơn vị cùng cấp, đang còn hiệu lực.",
        });
      }
      for (const p of predecessors)
        authorize(ctx.viewer, "unit.manage", { unitPath: p.path, unitLevel: p.level });
      const parent = await requireDetails(ctx.db, input.parentCode);
      authorizePlacement(ctx.viewer, parent);
      await checkPlacement(ctx.db, level, parent.level, input.effectiveDate);
      try {
        return await ctx.db.transaction(async (tx) => {
          const successor = await insertUnit(tx, {
            ...input.successor,
            level,
            parent,
            validFrom: input.effectiveDate,
          });
          for (const p of predecessors) {
            for (const child of await listChildIds(tx, p.id))
              await moveUnit(tx, { id: child.id, oldPath: child.path, newParent: successor });
            await closeUnit(tx, { id: p.id, validTo: dayBefore(input.effectiveDate) });
          }
          await insertSuccessions(
            tx,
            predecessors.map((p) => ({
              predecessorId: p.id,
              successorId: successor.id,
              kind: "merge" as const,
              effectiveDate: input.effectiveDate,
              decision: input.decision,
            })),
          );
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "unit.merge",
            entity: "unit",
            entityId: successor.id,
            unitPath: parent.path,
            before: { units: input.predecessorCodes },
            after: {
              unit: successor.code,
              effectiveDate: input.effectiveDate,
              decision: input.decision,
            },
          });
          return successor;
        });
      } catch (error) {
        duplicateCode(error, input.successor.code);
      }
    }),

  /** Splits a unit into new ones from a date (chia tách), each taking the villages listed for it. */
  split: authedProcedure
    .input(
      z.object({
        predecessorCode: unitCodeSchema,
        successors: z
          .array(newUnitSchema.extend({ childCodes: z.array(unitCodeSchema) }))
          .min(2, "Cần ít nhất hai đơn vị mới"),
        effectiveDate: isoDateSchema,
        decision: z.string().trim().max(200).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const predecessor = await requireDetails(ctx.db, input.predecessorCode);
      authorize(ctx.viewer, "unit.manage", {
        unitPath: predecessor.path,
        unitLevel: predecessor.level,
      });
      const parent = predecessor.parentId
        ? ((await getUnitById(ctx.db, predecessor.parentId)) ?? null)
        : null;
      const children = await listChildIds(ctx.db, predecessor.id);
      const childByCode = new Map(children.map((c) => [c.path.split("/").at(-2)!, c]));
      const assigned = input.successors.flatMap((s) => s.childCodes);
      if (
        new Set(assigned).size !== assigned.length ||
        assigned.length !== children.length ||
        assigned.some((c) => !childByCode.has(c))
      ) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Mỗi thôn, bản của đơn vị cũ phải được giao cho đúng một đơn vị mới.",
        });
      }
      try {
        return await ctx.db.transaction(async (tx) => {
          const created = [];
          for (const s of input.successors) {
            const successor = await insertUnit(tx, {
              code: s.code,
              name: s.name,
              type: s.type,
              level: predecessor.level,
              parent,
              validFrom: input.effectiveDate,
            });
            for (const code of s.childCodes) {
              const child = childByCode.get(code)!;
              await moveUnit(tx, { id: child.id, oldPath: child.path, newParent: successor });
            }
            created.push(successor);
          }
          await closeUnit(tx, { id: predecessor.id, validTo: dayBefore(input.effectiveDate) });
          await insertSuccessions(
            tx,
            created.map((s) => ({
              predecessorId: predecessor.id,
              successorId: s.id,
              kind: "split" as const,
              effectiveDate: input.effectiveDate,
              decision: input.decision,
            })),
          );
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "unit.split",
            entity: "unit",
            entityId: predecessor.id,
            unitPath: predecessor.path,
            before: { unit: predecessor.code },
            after: { units: created.map((c) => c.code), effectiveDate: input.effectiveDate },
          });
          return created;
        });
      } catch (error) {
        duplicateCode(error, input.successors.map((s) => s.code).join(", "));
      }
    }),

  /** The units a unit was formed from, through every merger and split, nearest first. */
  lineage: publicProcedure
    .input(z.object({ code: unitCodeSchema }))
    .query(async ({ ctx, input }) =>
      listPredecessors(ctx.db, (await requireUnit(ctx.db, input.code)).id),
    ),

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
