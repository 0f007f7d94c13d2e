import {
  deletePlanTask,
  getPlanTask,
  getUnitById,
  insertPlanTask,
  listPlanTasks,
  recordAudit,
  updatePlanTask,
} from "@datchuan/db";
import { can, isoDateSchema, type UnitLevel, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { requireUnit } from "../services/lookup";
import { authedProcedure, authorize, throwConflict, type Viewer } from "../trpc";

/**
 * Who may change a commune's plan: its officer (who submits its reports) and the admins over it.
 * Reviewers and village officers read it only.
 */
export function mayChangePlan(viewer: Viewer, unit: { path: string; level: UnitLevel }): boolean {
  const target = { unitPath: unit.path, unitLevel: unit.level };
  return can(viewer.roles, "report.submit", target) || can(viewer.roles, "target.manage", target);
}

function authorizePlanWrite(viewer: Viewer, unit: { path: string; level: UnitLevel }) {
  if (!mayChangePlan(viewer, unit))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Bạn chỉ được xem kế hoạch của đơn vị này, không được sửa.",
    });
}

const rowVersion = z.int().min(1);
const text = (max: number, required: string) => z.string().trim().min(1, required).max(max);

const taskFields = z.object({
  criterionNumber: z.int().min(1, "Chọn tiêu chí").max(99, "Chọn tiêu chí"),
  title: text(500, "Nhập việc cần làm"),
  owner: text(200, "Nhập người phụ trách"),
  deadline: isoDateSchema.nullable().default(null),
  status: z.enum(["todo", "doing", "done"], "Chọn trạng thái"),
  note: z.string().trim().max(2000).nullable().default(null),
});

async function requireCommune(code: string, db: Parameters<typeof requireUnit>[0]) {
  const unit = await requireUnit(db, code);
  if (unit.level !== "commune")
    throw new TRPCError({ code: "BAD_REQUEST", message: "Kế hoạch chỉ lập cho xã." });
  return unit;
}

async function requireTask(db: Parameters<typeof requireUnit>[0], id: string) {
  const task = await getPlanTask(db, id);
  if (!task) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy nhiệm vụ." });
  const unit = (await getUnitById(db, task.unitId))!;
  return { task, unit };
}

/** A commune's plan to meet the criteria it misses: tasks with owner, deadline and status. */
export const planTaskProcedures = {
  tasks: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId: z.string().min(1).max(100) }))
    .query(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
      return listPlanTasks(ctx.db, { unitId: unit.id, setId: input.setId });
    }),

  /** Adds a task (no id) or changes one at the version the editor read. */
  saveTask: authedProcedure
    .input(
      taskFields.extend({
        unitCode: unitCodeSchema,
        setId: z.string().min(1).max(100),
        id: z.uuid().nullable().default(null),
        expectedRowVersion: rowVersion.nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, setId, id, expectedRowVersion, ...fields } = input;
      const unit = await requireCommune(unitCode, ctx.db);
      authorizePlanWrite(ctx.viewer, unit);
      return ctx.db.transaction(async (tx) => {
        if (id === null) {
          const created = await insertPlanTask(tx, {
            ...fields,
            unitId: unit.id,
            setId,
            userId: ctx.viewer.id,
          });
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "plan_task.create",
            entity: "plan_task",
            entityId: created.id,
            unitPath: unit.path,
            after: created,
          });
          return created;
        }
        if (expectedRowVersion === null)
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: "Thiếu phiên bản của nhiệm vụ đang sửa.",
          });
        const before = await getPlanTask(tx, id);
        if (!before || before.unitId !== unit.id || before.setId !== setId)
          throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy nhiệm vụ." });
        const after = await updatePlanTask(tx, { ...fields, id, expectedRowVersion });
        if (!after)
          throwConflict(
            "Nhiệm vụ này vừa được người khác sửa. Xem bản hiện tại rồi sửa lại.",
            before,
          );
        const { unitId: _unit, ...shown } = before;
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "plan_task.update",
          entity: "plan_task",
          entityId: id,
          unitPath: unit.path,
          before: shown,
          after,
        });
        return after;
      });
    }),

  deleteTask: authedProcedure
    .input(z.object({ id: z.uuid(), expectedRowVersion: rowVersion }))
    .mutation(async ({ ctx, input }) => {
      const { task, unit } = await requireTask(ctx.db, input.id);
      authorizePlanWrite(ctx.viewer, unit);
      return ctx.db.transaction(async (tx) => {
        if (!(await deletePlanTask(tx, input))) {
          const current = await getPlanTask(tx, input.id);
          if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "Nhiệm vụ đã bị xóa." });
          throwConflict(
            "Nhiệm vụ này vừa được người khác sửa. Xem bản hiện tại trước khi xóa.",
            current,
          );
        }
        const { unitId: _unit, ...shown } = task;
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "plan_task.delete",
          entity: "plan_task",
          entityId: input.id,
          unitPath: unit.path,
          before: shown,
        });
        return { id: input.id };
      });
    }),
};
