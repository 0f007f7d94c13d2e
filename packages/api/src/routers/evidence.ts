import {
  deleteEvidenceFile,
  getEvidenceFileInfo,
  getUnitById,
  getValueById,
  lockReport,
  recordAudit,
} from "@datchuan/db";
import { reportEntryBlock } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ENTRY_BLOCKED_MESSAGES } from "../services/reports";
import { authedProcedure, authorize } from "../trpc";

/** Evidence files besides their upload and download (HTTP routes, http/evidence.ts). */
export const evidenceProcedures = {
  /**
   * Removes a file added by mistake, under the same conditions as adding one: the value is still
   * a draft or returned and its report takes entries; audited with the file's name and size.
   */
  deleteEvidence: authedProcedure
    .input(z.object({ fileId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const file = await getEvidenceFileInfo(ctx.db, input.fileId);
      if (!file) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy tệp." });
      const unit = (await getUnitById(ctx.db, file.unitId))!;
      authorize(ctx.viewer, "value.enter", { unitPath: unit.path, unitLevel: unit.level });
      return ctx.db.transaction(async (tx) => {
        // The report's lock first, as every write to a report: see the upload route.
        const locked = (await lockReport(tx, file.reportId))!;
        const value = await getValueById(tx, file.indicatorValueId);
        const block = reportEntryBlock(locked);
        if (block || !value || !["draft", "returned"].includes(value.reviewStatus))
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: block
              ? ENTRY_BLOCKED_MESSAGES[block]
              : "Giá trị đã gửi thẩm định hoặc đã khóa; không gỡ minh chứng được.",
          });
        if (!(await deleteEvidenceFile(tx, file.id)))
          throw new TRPCError({ code: "NOT_FOUND", message: "Tệp đã được gỡ." });
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "evidence.delete",
          entity: "evidence_file",
          entityId: file.id,
          unitPath: unit.path,
          before: {
            indicatorValueId: file.indicatorValueId,
            fileName: file.fileName,
            size: file.size,
            contentType: file.contentType,
          },
        });
        return { id: file.id };
      });
    }),
};
