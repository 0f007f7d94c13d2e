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
import {
  can,
  EVIDENCE_MAX_BYTES,
  EVIDENCE_TYPE_LABELS,
  EVIDENCE_TYPES,
  fileExtension,
  findForbiddenCharacter,
  reportEntryBlock,
} from "@datchuan/domain";
import { fileTypeFromBuffer } from "file-type";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { loadViewer } from "../auth/viewer";
import { ENTRY_BLOCKED_MESSAGES } from "../services/reports";
import { type AppEnv, readSessionToken } from "./client";

// The limits live in the domain: the page shows them and applies them before sending.
export const ALLOWED_TYPES = new Map(EVIDENCE_TYPES.map((type) => [type.mime, type]));
const ALLOWED_LABELS = EVIDENCE_TYPE_LABELS;

/** Why a file name cannot be kept, or null: it is shown to officials and offered on download. */
export function fileNameProblem(name: string, mime: string): string | null {
  const forbidden = findForbiddenCharacter(name);
  if (forbidden)
    return `Tên tệp chứa ký tự điều khiển hoặc ký tự ẩn (${forbidden}); hãy đổi tên tệp.`;
  if (/[\\/]/.test(name)) return "Tên tệp không được chứa dấu / hoặc \\.";
  const extension = fileExtension(name);
  const type = ALLOWED_TYPES.get(mime)!;
  if (!type.extensions.includes(extension)) {
    return `Tệp là ${type.label} nhưng tên có đuôi ".${extension}"; hãy đặt đuôi .${type.extensions[0]}.`;
  }
  return null;
}

const error = (message: string) => ({ error: { message } });

/**
 * Upload and download of evidence files, outside tRPC because they are files. The kind of a
 * file is read from its bytes, not from its name or the browser's word for it.
 */
export function evidenceRoutes(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(
    "/:valueId",
    bodyLimit({
      maxSize: EVIDENCE_MAX_BYTES + 64 * 1024,
      onError: (c) => c.json(error("Tệp quá lớn: tối đa 10 MB."), 413),
    }),
    async (c) => {
      const session = await loadViewer(db, readSessionToken(c));
      if (!session) return c.json(error("Bạn cần đăng nhập để tải minh chứng lên."), 401);
      const value = await getValueById(db, c.req.param("valueId")).catch(() => undefined);
      if (!value) return c.json(error("Không tìm thấy chỉ tiêu cần đính kèm minh chứng."), 404);
      const report = (await getReportById(db, value.reportId))!;
      const unit = (await getUnitById(db, report.unitId))!;
      if (
        !can(session.viewer.roles, "value.enter", { unitPath: unit.path, unitLevel: unit.level })
      ) {
        return c.json(error("Bạn không có quyền đính kèm minh chứng cho đơn vị này."), 403);
      }
      // A body that does not parse as a form is the sender's mistake, not a server error.
      const form = await c.req.parseBody().catch(() => null);
      if (!form) return c.json(error("Không đọc được tệp gửi lên; hãy chọn lại tệp rồi gửi."), 400);
      const file = form.file;
      if (!(file instanceof File)) return c.json(error('Chọn một tệp trong trường "file".'), 400);
      if (file.size === 0) return c.json(error("Tệp rỗng."), 400);
      if (file.size > EVIDENCE_MAX_BYTES) return c.json(error("Tệp quá lớn: tối đa 10 MB."), 413);
      const content = Buffer.from(await file.arrayBuffer());
      const detected = await fileTypeFromBuffer(content);
      if (!detected || !ALLOWED_TYPES.has(detected.mime)) {
        return c.json(error(`Chỉ nhận tệp ${ALLOWED_LABELS.join(", ")}.`), 415);
      }
      const nameProblem = fileNameProblem(file.name.normalize("NFC"), detected.mime);
      if (nameProblem) return c.json(error(nameProblem), 400);
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
          fileName: file.name.normalize("NFC").slice(0, 200),
          contentType: detected.mime,
          content,
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
    },
  );

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
    return c.body(new Uint8Array(file.content), 200, {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "x-content-type-options": "nosniff",
    });
  });

  return app;
}
