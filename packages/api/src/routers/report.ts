import {
  findReport,
  getOrCreateReport,
  getReportById,
  getReportingSchedule,
  getStoredVerdict,
  getUnitById,
  getValueById,
  listEvidenceFiles,
  listPredecessors,
  listReportStates,
  listReportValues,
  listVerdictHistory,
  recordAudit,
  reopenReport,
  reviewIndicatorValue,
  saveIndicatorValue,
  saveReportingSchedule,
  settleReportStatus,
  submitReport,
} from "@datchuan/db";
import {
  can,
  entryProblem,
  indicatorValueSchema,
  isoDateSchema,
  periodSchema,
  reportDueDate,
  unitCodeSchema,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { evaluateAndStore } from "../services/evaluation";
import {
  departmentOf,
  requireIndicator,
  requirePublishedSet,
  requireUnit,
} from "../services/lookup";
import {
  authedProcedure,
  authorize,
  ConflictError,
  createTRPCRouter,
  publicProcedure,
} from "../trpc";

const reportKey = z.object({
  unitCode: unitCodeSchema,
  setId: z.string().min(1),
  period: periodSchema,
});
const rowVersion = z.int().min(1);

function conflict(message: string, current: unknown): never {
  throw new TRPCError({ code: "CONFLICT", message, cause: new ConflictError(message, current) });
}

/** Reporting (báo cáo): values with evidence, submission, per-indicator review, reopening. */
export const reportRouter = createTRPCRouter({
  /**
   * A unit's report for a period. The public sees accepted reports only; drafts, submitted
   * values and return reasons need `value.read_draft` over the unit.
   */
  get: publicProcedure.input(reportKey).query(async ({ ctx, input }) => {
    const unit = await requireUnit(ctx.db, input.unitCode);
    const found = await findReport(ctx.db, {
      unitId: unit.id,
      setId: input.setId,
      period: input.period,
    });
    const mayReadDraft = Boolean(
      ctx.viewer &&
        can(ctx.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level }),
    );
    if (!found || (found.status !== "accepted" && !mayReadDraft)) return null;
    const stored = await getStoredVerdict(ctx.db, found.id);
    const values = await listReportValues(ctx.db, found.id);
    return {
      report: found,
      // Evidence notes and return reasons are working papers, not published results.
      values: mayReadDraft
        ? values
        : values.map(({ evidenceNote: _e, returnReason: _r, ...value }) => ({
            ...value,
            evidenceNote: null,
            returnReason: null,
          })),
      verdict: stored?.verdict ?? null,
      draft: found.status !== "accepted",
    };
  }),

  /** How often a set is reported and the day of the following month it is due. */
  schedule: publicProcedure
    .input(z.object({ setId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const schedule = await getReportingSchedule(ctx.db, input.setId);
      return schedule ?? { setId: input.setId, frequency: "year" as const, dueDay: 25 };
    }),

  setSchedule: authedProcedure
    .input(
      z.object({
        setId: z.string().min(1),
        frequency: z.enum(["month", "quarter", "year"]),
        dueDay: z.int().min(1, "Ngày hạn từ 1 đến 31").max(31, "Ngày hạn từ 1 đến 31"),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Schedules belong to the set, nationwide: only system admins change them.
      authorize(ctx.viewer, "period.manage", { unitPath: "/" });
      await requirePublishedSet(ctx.db, input.setId);
      return ctx.db.transaction(async (tx) => {
        const before = await getReportingSchedule(tx, input.setId);
        const saved = await saveReportingSchedule(tx, input);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "schedule.save",
          entity: "reporting_schedule",
          entityId: input.setId,
          unitPath: "/",
          before: before ?? null,
          after: saved,
        });
        return saved;
      });
    }),

  /** The evidence files attached to a value (names and sizes; the files need a download). */
  evidenceFiles: authedProcedure
    .input(z.object({ valueId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const value = await getValueById(ctx.db, input.valueId);
      if (!value) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy giá trị." });
      const report = (await getReportById(ctx.db, value.reportId))!;
      const unit = (await getUnitById(ctx.db, report.unitId))!;
      authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
      return listEvidenceFiles(ctx.db, value.id);
    }),

  /** Enters or changes one value; the writer names the version it read (null: none yet). */
  saveValue: authedProcedure
    .input(
      reportKey.extend({
        indicatorCode: z.string().min(1),
        value: indicatorValueSchema,
        evidenceNote: z.string().trim().max(4000).nullable().default(null),
        expectedRowVersion: rowVersion.nullable(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "value.enter", { unitPath: unit.path, unitLevel: unit.level });
      const { set } = await requirePublishedSet(ctx.db, input.setId);
      const { indicator } = requireIndicator(set, input.indicatorCode);
      if (input.value.period !== input.period) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Giá trị thuộc kỳ ${input.value.period}, không phải kỳ ${input.period}.`,
        });
      }
      const problem = entryProblem(indicator, input.value);
      if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });

      return ctx.db.transaction(async (tx) => {
        const report = await getOrCreateReport(tx, {
          unitId: unit.id,
          setId: input.setId,
          period: input.period,
        });
        if (report.locked) {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: "Kỳ báo cáo đã được chấp nhận và khóa; cần mở lại trước khi sửa.",
          });
        }
        const result = await saveIndicatorValue(tx, {
          reportId: report.id,
          indicatorCode: input.indicatorCode,
          value: input.value,
          evidenceNote: input.evidenceNote,
          enteredBy: ctx.viewer.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (result.outcome === "conflict") {
          conflict(
            "Giá trị này vừa được người khác thay đổi. Xem giá trị hiện tại rồi nhập lại.",
            result.current,
          );
        }
        if (result.outcome === "not_editable") {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: "Giá trị đã gửi thẩm định hoặc đã được chấp nhận; không sửa được.",
          });
        }
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "value.save",
          entity: "indicator_value",
          entityId: result.value.id,
          unitPath: unit.path,
          before: result.before
            ? { value: result.before.value, evidenceNote: result.before.evidenceNote }
            : null,
          after: { value: result.value.value, evidenceNote: result.value.evidenceNote },
        });
        const verdict = await evaluateAndStore(tx, report);
        return { value: result.value, verdictSummary: verdict?.summary ?? null };
      });
    }),

  submit: authedProcedure
    .input(reportKey.extend({ expectedRowVersion: rowVersion }))
    .mutation(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "report.submit", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        const current = await findReport(tx, {
          unitId: unit.id,
          setId: input.setId,
          period: input.period,
        });
        if (!current)
          throw new TRPCError({
            code: "NOT_FOUND",
            message: "Chưa có số liệu nào trong kỳ này để gửi.",
          });
        if ((await listReportValues(tx, current.id)).length === 0) {
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: "Chưa có số liệu nào trong kỳ này để gửi.",
          });
        }
        const submitted = await submitReport(tx, {
          reportId: current.id,
          userId: ctx.viewer.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!submitted)
          conflict("Báo cáo vừa được thay đổi hoặc đã khóa. Tải lại trước khi gửi.", current);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "report.submit",
          entity: "report",
          entityId: current.id,
          unitPath: unit.path,
          before: { status: current.status },
          after: { status: submitted.status },
        });
        return submitted;
      });
    }),

  /** Accept or return (with a reason) one submitted value, by the department that owns it. */
  review: authedProcedure
    .input(
      z
        .object({
          valueId: z.uuid(),
          decision: z.enum(["accepted", "returned"]),
          reason: z.string().trim().max(2000).nullable().default(null),
          expectedRowVersion: rowVersion,
        })
        .refine((r) => r.decision === "accepted" || Boolean(r.reason), {
          message: "Trả lại cần nêu lý do",
          path: ["reason"],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const value = await getValueById(ctx.db, input.valueId);
      if (!value)
        throw new TRPCError({
          code: "NOT_FOUND",
          message: "Không tìm thấy giá trị cần thẩm định.",
        });
      const report = (await getReportById(ctx.db, value.reportId))!;
      const unit = (await getUnitById(ctx.db, report.unitId))!;
      const { set } = await requirePublishedSet(ctx.db, report.setId);
      const department = await departmentOf(ctx.db, {
        set,
        indicatorCode: value.indicatorCode,
        unitPath: unit.path,
      });
      authorize(ctx.viewer, "value.review", {
        unitPath: unit.path,
        unitLevel: unit.level,
        department,
      });
      return ctx.db.transaction(async (tx) => {
        const reviewed = await reviewIndicatorValue(tx, {
          valueId: value.id,
          decision: input.decision,
          reason: input.reason,
          reviewerId: ctx.viewer.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!reviewed)
          conflict(
            "Giá trị vừa thay đổi hoặc không còn chờ thẩm định.",
            await getValueById(tx, value.id),
          );
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: `value.${input.decision === "accepted" ? "accept" : "return"}`,
          entity: "indicator_value",
          entityId: value.id,
          unitPath: unit.path,
          before: { reviewStatus: value.reviewStatus },
          after: { reviewStatus: reviewed.reviewStatus, reason: reviewed.returnReason },
        });
        const settled = await settleReportStatus(tx, report.id);
        return { value: reviewed, report: settled };
      });
    }),

  /** Reopens an accepted, locked period: an explicit act with a reason, in the audit log. */
  reopen: authedProcedure
    .input(
      z.object({
        reportId: z.uuid(),
        reason: z.string().trim().min(5, "Nêu lý do mở lại (ít nhất 5 ký tự)").max(2000),
        expectedRowVersion: rowVersion,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const report = await getReportById(ctx.db, input.reportId);
      if (!report) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy báo cáo." });
      const unit = (await getUnitById(ctx.db, report.unitId))!;
      authorize(ctx.viewer, "report.reopen", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        const reopened = await reopenReport(tx, {
          reportId: report.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!reopened) conflict("Báo cáo không ở trạng thái đã khóa, hoặc vừa thay đổi.", report);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "report.reopen",
          entity: "report",
          entityId: report.id,
          unitPath: unit.path,
          before: { status: report.status, locked: report.locked },
          after: { status: reopened.status, locked: reopened.locked, reason: input.reason },
        });
        return reopened;
      });
    }),

  /**
   * A unit's verdicts over time, continued by its predecessors' when it was formed by a merger
   * or split. The public sees accepted reports only.
   */
  history: publicProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      const predecessors = await listPredecessors(ctx.db, unit.id);
      const mayReadDraft = Boolean(
        ctx.viewer &&
          can(ctx.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level }),
      );
      return listVerdictHistory(ctx.db, {
        unitIds: [unit.id, ...predecessors.map((p) => p.id)],
        setId: input.setId,
        acceptedOnly: !mayReadDraft,
      });
    }),

  /**
   * Who has reported what for a period in a subtree, with the due date (the 25th of the next
   * month unless the set's schedule says otherwise): missing and late reports first.
   */
  states: authedProcedure
    .input(
      z.object({
        scopeCode: unitCodeSchema,
        setId: z.string().min(1),
        period: periodSchema,
        /** Today, by default; a date in the past shows who was late then. */
        asOf: isoDateSchema.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const scope = await requireUnit(ctx.db, input.scopeCode);
      authorize(ctx.viewer, "value.read_draft", { unitPath: scope.path, unitLevel: scope.level });
      const schedule = await getReportingSchedule(ctx.db, input.setId);
      const dueDate = reportDueDate(input.period, schedule?.dueDay ?? 25);
      const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
      const states = await listReportStates(ctx.db, {
        scopePath: scope.path,
        level: "commune",
        setId: input.setId,
        period: input.period,
      });
      const rows = states.map((state) => {
        const sent = state.status === "submitted" || state.status === "accepted";
        return {
          ...state,
          dueDate,
          missing: state.reportId === null,
          late: !sent && asOf > dueDate,
        };
      });
      return rows.sort(
        (a, b) => Number(b.late) - Number(a.late) || Number(b.missing) - Number(a.missing),
      );
    }),
});
