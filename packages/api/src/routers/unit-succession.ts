import {
  closeUnit,
  insertSuccessions,
  insertUnit,
  listChildIds,
  listPredecessors,
  listSuccessors,
  lockUnitTree,
  moveUnit,
  recordAudit,
} from "@datchuan/db";
import { addDays, isoDateSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireUnit } from "../services/lookup";
import {
  authorizePlacement,
  checkPlacement,
  duplicateCode,
  lockDetails,
  newUnitSchema,
  parentOf,
  requireDetails,
  requireVersion,
} from "../services/units";
import { authedProcedure, authorize, publicProcedure } from "../trpc";

/** The version of a unit the writer read; a stale one gets CONFLICT with the unit as stored. */
const expectedRowVersion = z.int().min(1);

/** Moving, closing, merging and splitting units (the 2025 reform and its kin), and lineage. */
export const unitSuccessionProcedures = {
  /**
   * Moves a unit under another parent from a date (communes under the province after 7/2025).
   * The unit's path is read under its row lock: access control depends on it.
   */
  move: authedProcedure
    .input(
      z.object({
        code: unitCodeSchema,
        newParentCode: unitCodeSchema,
        effectiveDate: isoDateSchema,
        expectedRowVersion,
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        await lockUnitTree(tx);
        const unit = await lockDetails(tx, input.code);
        const newParent = await requireDetails(tx, input.newParentCode);
        authorize(ctx.viewer, "unit.manage", { unitPath: unit.path, unitLevel: unit.level });
        authorizePlacement(ctx.viewer, newParent);
        requireVersion(unit, input.expectedRowVersion);
        if (newParent.path.startsWith(unit.path)) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: "Không thể chuyển một đơn vị vào chính đơn vị cấp dưới của nó.",
          });
        }
        await checkPlacement(tx, unit.level, newParent.level, input.effectiveDate);
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
        return { path, rowVersion: unit.rowVersion + 1 };
      }),
    ),
  /**
   * Ends a unit (an abolished district) that no longer has units below it. Ending a unit takes
   * the manage right over its parent, as placing one does.
   */
  close: authedProcedure
    .input(z.object({ code: unitCodeSchema, lastDay: isoDateSchema, expectedRowVersion }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        await lockUnitTree(tx);
        const unit = await lockDetails(tx, input.code);
        authorizePlacement(ctx.viewer, await parentOf(tx, unit));
        requireVersion(unit, input.expectedRowVersion);
        if ((await listChildIds(tx, unit.id)).length > 0) {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: "Đơn vị còn đơn vị trực thuộc; hãy chuyển hoặc sáp nhập chúng trước.",
          });
        }
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
        return { closed: true, rowVersion: unit.rowVersion + 1 };
      }),
    ),
  /**
   * Merges units into a new one from a date (sáp nhập): the new unit takes their villages, the
   * old ones end the day before and stay as history linked to it.
   */
  merge: authedProcedure
    .input(
      z.object({
        predecessors: z
          .array(z.object({ code: unitCodeSchema, expectedRowVersion }))
          .min(2, "Cần ít nhất hai đơn vị để sáp nhập")
          .refine(
            (list) => new Set(list.map((p) => p.code)).size === list.length,
            "Mỗi đơn vị chỉ được nêu một lần",
          ),
        successor: newUnitSchema,
        parentCode: unitCodeSchema,
        effectiveDate: isoDateSchema,
        decision: z.string().trim().max(200).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const codes = input.predecessors.map((p) => p.code);
      try {
        return await ctx.db.transaction(async (tx) => {
          await lockUnitTree(tx);
          const predecessors = [];
          for (const p of input.predecessors) predecessors.push(await lockDetails(tx, p.code));
          const level = predecessors[0]!.level;
          if (predecessors.some((p) => p.level !== level || p.validTo)) {
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: "Chỉ sáp nhập các đơn vị cùng cấp, đang còn hiệu lực.",
            });
          }
          for (const p of predecessors)
            authorize(ctx.viewer, "unit.manage", { unitPath: p.path, unitLevel: p.level });
          const parent = await requireDetails(tx, input.parentCode);
          authorizePlacement(ctx.viewer, parent);
          for (const [i, p] of predecessors.entries())
            requireVersion(p, input.predecessors[i]!.expectedRowVersion);
          await checkPlacement(tx, level, parent.level, input.effectiveDate);
          const successor = await insertUnit(tx, {
            ...input.successor,
            level,
            parent,
            validFrom: input.effectiveDate,
          });
          for (const p of predecessors) {
            for (const child of await listChildIds(tx, p.id))
              await moveUnit(tx, { id: child.id, oldPath: child.path, newParent: successor });
            await closeUnit(tx, { id: p.id, validTo: addDays(input.effectiveDate, -1) });
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
            before: { units: codes },
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
  /**
   * Splits a unit into new ones from a date (chia tách), each taking the villages listed for it.
   * The new units take the old one's place under its parent, so the splitter must be allowed to
   * place units there: a district admin cannot split its own district into the province.
   */
  split: authedProcedure
    .input(
      z.object({
        predecessorCode: unitCodeSchema,
        expectedRowVersion,
        successors: z
          .array(newUnitSchema.extend({ childCodes: z.array(unitCodeSchema) }))
          .min(2, "Cần ít nhất hai đơn vị mới"),
        effectiveDate: isoDateSchema,
        decision: z.string().trim().max(200).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      try {
        return await ctx.db.transaction(async (tx) => {
          await lockUnitTree(tx);
          const predecessor = await lockDetails(tx, input.predecessorCode);
          const parent = await parentOf(tx, predecessor);
          authorize(ctx.viewer, "unit.manage", {
            unitPath: predecessor.path,
            unitLevel: predecessor.level,
          });
          authorizePlacement(ctx.viewer, parent);
          requireVersion(predecessor, input.expectedRowVersion);
          if (predecessor.validTo) {
            throw new TRPCError({
              code: "BAD_REQUEST",
              message: `Đơn vị ${predecessor.code} đã hết hiệu lực; không chia tách được.`,
            });
          }
          await checkPlacement(tx, predecessor.level, parent?.level ?? null, input.effectiveDate);
          const children = await listChildIds(tx, predecessor.id);
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
          await closeUnit(tx, { id: predecessor.id, validTo: addDays(input.effectiveDate, -1) });
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
  /** The units a unit's territory went on to (merged into, split into), nearest first. */
  successors: publicProcedure
    .input(z.object({ code: unitCodeSchema }))
    .query(async ({ ctx, input }) =>
      listSuccessors(ctx.db, (await requireUnit(ctx.db, input.code)).id),
    ),
};
