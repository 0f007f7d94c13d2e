import {
  getReportById,
  getUnitById,
  getValueById,
  listReportValues,
  lockReport,
  lockReportByKey,
  recordAudit,
  reopenReport,
  reviewIndicatorValue,
  settleReportStatus,
  submitReport,
} from "@datchuan/db";
import { entryProblem, indicatorValueSchema, setLevelProblem } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { signReportVerdict } from "../services/evaluation";
import { departmentOf, requireIndicator, requireJudgingSet, requireUnit } from "../services/lookup";
import { saveValue } from "../services/value-saves";
import { authedProcedure, authorize, createTRPCRouter, throwConflict } from "../trpc";
import { evidenceProcedures } from "./evidence";
import { reportEntryProcedures } from "./report-entry";
import { reportInboxProcedures } from "./report-inbox";
import { reportKey, reportViewProcedures } from "./report-views";

const rowVersion = z.int().min(1);

/** Reporting (báo cáo): values with evidence, submission, per-indicator review, reopening. */
export const reportRouter = createTRPCRouter({
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
      const judging = await requireJudgingSet(ctx.db, { ...input, unit });
      const levelProblem = setLevelProblem(judging.set, unit.level);
      if (levelProblem) throw new TRPCError({ code: "BAD_REQUEST", message: levelProblem });
      const { indicator } = requireIndicator(judging.set, input.indicatorCode);
      if (input.value.period !== input.period) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: `Giá trị thuộc kỳ ${input.value.period}, không phải kỳ ${input.period}.`,
        });
      }
      const problem = entryProblem(indicator, input.value);
      if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });

      return saveValue(ctx.db, {
        unit,
        setId: judging.programme,
        period: input.period,
        indicatorCode: input.indicatorCode,
        value: input.value,
        evidenceNote: input.evidenceNote,
        enteredBy: ctx.viewer.id,
        expectedRowVersion: input.expectedRowVersion,
      });
    }),
  submit: authedProcedure
    .input(reportKey.extend({ expectedRowVersion: rowVersion }))
    .mutation(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "report.submit", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        const current = await lockReportByKey(tx, {
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
          throwConflict("Báo cáo vừa được thay đổi hoặc đã khóa. Tải lại trước khi gửi.", current);
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
      const { set } = await requireJudgingSet(ctx.db, { ...report, unit });
      const department = await departmentOf(ctx.db, {
        set,
        setId: report.setId,
        indicatorCode: value.indicatorCode,
        unitPath: unit.path,
      });
      authorize(ctx.viewer, "value.review", {
        unitPath: unit.path,
        unitLevel: unit.level,
        department,
      });
      return ctx.db.transaction(async (tx) => {
        // Two reviewers accepting a report's last two values at once: the second waits here and
        // then sees the first's acceptance, so the report settles as accepted and locked.
        await lockReport(tx, report.id);
        const reviewed = await reviewIndicatorValue(tx, {
          valueId: value.id,
          decision: input.decision,
          reason: input.reason,
          reviewerId: ctx.viewer.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!reviewed)
          throwConflict(
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
        if (settled?.status === "accepted" && report.status !== "accepted")
          await signReportVerdict(tx, report.id);
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
        const current = (await lockReport(tx, report.id))!;
        const reopened = await reopenReport(tx, {
          reportId: report.id,
          expectedRowVersion: input.expectedRowVersion,
        });
        if (!reopened)
          throwConflict("Báo cáo không ở trạng thái đã khóa, hoặc vừa thay đổi.", current);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "report.reopen",
          entity: "report",
          entityId: report.id,
          unitPath: unit.path,
          before: { status: current.status, locked: current.locked },
          after: { status: reopened.status, locked: reopened.locked, reason: input.reason },
        });
        return reopened;
      });
    }),

  ...reportViewProcedures,
  ...reportInboxProcedures,
  ...reportEntryProcedures,
  ...evidenceProcedures,
});
