import {
  closeUnit,
  getUnitById,
  insertSuccessions,
  insertUnit,
  listChildIds,
  listPredecessors,
  moveUnit,
  recordAudit,
} from "@datchuan/db";
import { isoDateSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireUnit } from "../services/lookup";
import {
  authorizePlacement,
  checkPlacement,
  dayBefore,
  duplicateCode,
  newUnitSchema,
  requireDetails,
} from "../services/units";
import { authedProcedure, authorize, publicProcedure } from "../trpc";

/** Moving, closing, merging and splitting units (the 2025 reform and its kin), and lineage. */
export const unitSuccessionProcedures = {
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
};
