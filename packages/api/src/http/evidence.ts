import {
  type Database,
  getEvidenceFile,
  getReportById,
  getUnitById,
  getValueById,
  insertEvidenceFile,
  lockReport,
  recordAudit,
} from "@datchuan/db";
import { can, reportEntryBlock } from "@datchuan/domain";
import { Hono } from "hono";
import { loadViewer } from "../auth/viewer";
import { ENTRY_BLOCKED_MESSAGES } from "../services/reports";
import { type AppEnv, readSessionToken } from "./client";
import { uploadError as error, receiveUpload, sendStoredFile, uploadBodyLimit } from "./uploads";

/** Upload and download of evidence files, outside tRPC because they are files (uploads.ts). */
export function evidenceRoutes(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/:valueId", uploadBodyLimit, async (c) => {
    const session = await loadViewer(db, readSessionToken(c));
    if (!session) return c.json(error("Bạn cần đăng nhập để tải minh chứng lên."), 401);
    const value = await getValueById(db, c.req.param("valueId")).catch(() => undefined);
    if (!value) return c.json(error("Không tìm thấy chỉ tiêu cần đính kèm minh chứng."), 404);
    const report = (await getReportById(db, value.reportId))!;
    const unit = (await getUnitById(db, report.unitId))!;
    if (!can(session.viewer.roles, "value.enter", { unitPath: unit.path, unitLevel: unit.level })) {
      return c.json(error("Bạn không có quyền đính kèm minh chứng cho đơn vị này."), 403);
    }
    const received = await receiveUpload(c);
    if ("refusal" in received) return received.refusal;
    const { file } = received;
    const saved = await db.transaction(async (tx) => {
      // The report's lock first, as every write to a report: a submission or acceptance
      // committed meanwhile is seen here, and one that comes later waits for this file.
      const locked = (await lockReport(tx, report.id))!;
      const current = await getValueById(tx, value.id);
      const block = reportEntryBlock(locked);
      if (block || !current || !["draft", "returned"].includes(current.reviewStatus)) {
        return {
          refused: block
            ? ENTRY_BLOCKED_MESSAGES[block]
            : "Giá trị đã gửi thẩm định hoặc đã khóa; không đính kèm thêm được.",
        };
      }
      const row = await insertEvidenceFile(tx, {
        indicatorValueId: value.id,
        ...file,
        uploadedBy: session.viewer.id,
      });
      await recordAudit(tx, {
        actorUserId: session.viewer.id,
        action: "evidence.upload",
        entity: "evidence_file",
        entityId: row.id,
        unitPath: unit.path,
        after: {
          indicatorValueId: value.id,
          fileName: row.fileName,
          size: row.size,
          contentType: row.contentType,
        },
      });
      return { row };
    });
    if (!saved.row) return c.json(error(saved.refused), 409);
    return c.json(saved.row, 201);
  });

  app.get("/:fileId", async (c) => {
    const session = await loadViewer(db, readSessionToken(c));
    if (!session) return c.json(error("Bạn cần đăng nhập để xem minh chứng."), 401);
    const file = await getEvidenceFile(db, c.req.param("fileId")).catch(() => undefined);
    if (!file) return c.json(error("Không tìm thấy tệp."), 404);
    const unit = (await getUnitById(db, file.unitId))!;
    // Evidence is never public: only those who may read the unit's unpublished values.
    if (
      !can(session.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level })
    ) {
      return c.json(error("Bạn không có quyền xem minh chứng của đơn vị này."), 403);
    }
    return sendStoredFile(c, file);
  });

  return app;
}
