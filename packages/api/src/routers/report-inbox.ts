import {
  getReportById,
  getReportUnit,
  getValueById,
  lockReport,
  recordAudit,
  reviewIndicatorValue,
  settleReportStatus,
} from "@datchuan/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { signReportVerdict } from "../services/evaluation";
import { listInbox, loadReviewSheet } from "../services/inbox";
import { departmentOf, requireJudgingSet } from "../services/lookup";
import { authedProcedure, authorize, throwConflict } from "../trpc";

/** The review inbox of a department (hộp thư thẩm định): what waits, one report at a time. */
export const reportInboxProcedures = {
  /** Submitted reports with values waiting for the viewer's department, oldest first. */
  inbox: authedProcedure.query(({ ctx }) => listInbox(ctx.db, ctx.viewer)),
  /** One report's values with verdict, threshold, evidence, and which ones the viewer reviews. */
  reviewSheet: authedProcedure
    .input(z.object({ reportId: z.uuid() }))
    .query(({ ctx, input }) => loadReviewSheet(ctx.db, ctx.viewer, input.reportId)),
  /**
   * Accepts, in one transaction, the values the reviewer read and left undecided ("chấp nhận
   * tất cả còn lại"); each at the version read, or nothing is accepted.
   */
  acceptRemaining: authedProcedure
    .input(
      z.object({
        reportId: z.uuid(),
        values: z
          .array(z.object({ valueId: z.uuid(), expectedRowVersion: z.int().min(1) }))
          .min(1, "Không còn chỉ tiêu nào chờ thẩm định.")
          .max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const report = await getReportById(ctx.db, input.reportId);
      const unit = report ? await getReportUnit(ctx.db, input.reportId) : undefined;
      if (!report || !unit)
        throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy báo cáo." });
      const { set } = await requireJudgingSet(ctx.db, { ...report, unit });
      const values: Array<
        NonNullable<Awaited<ReturnType<typeof getValueById>>> & { expectedRowVersion: number }
      > = [];
      for (const wanted of input.values) {
        const value = await getValueById(ctx.db, wanted.valueId);
        if (!value || value.reportId !== report.id)
          throw new TRPCError({
            code: "NOT_FOUND",
            message: "Không tìm thấy giá trị cần thẩm định trong báo cáo này.",
          });
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
        values.push({ ...value, expectedRowVersion: wanted.expectedRowVersion });
      }
      return ctx.db.transaction(async (tx) => {
        await lockReport(tx, report.id);
        const accepted = [];
        for (const value of values) {
          const reviewed = await reviewIndicatorValue(tx, {
            valueId: value.id,
            decision: "accepted",
            reason: null,
            reviewerId: ctx.viewer.id,
            expectedRowVersion: value.expectedRowVersion,
          });
          if (!reviewed)
            throwConflict(
              `Chỉ tiêu ${value.indicatorCode} vừa thay đổi hoặc không còn chờ thẩm định. Tải lại rồi thử lại.`,
              await getValueById(tx, value.id),
            );
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "value.accept",
            entity: "indicator_value",
            entityId: value.id,
            unitPath: unit.path,
            before: { reviewStatus: value.reviewStatus },
            after: { reviewStatus: reviewed.reviewStatus, reason: null },
          });
          accepted.push(reviewed);
        }
        const settled = await settleReportStatus(tx, report.id);
        if (settled?.status === "accepted" && report.status !== "accepted")
          await signReportVerdict(tx, report.id);
        return { values: accepted, report: settled };
      });
    }),
};
