import {
  type Database,
  getDossierDocument,
  getDossierItem,
  getUnitById,
  insertDossierDocument,
  recordAudit,
} from "@datchuan/db";
import { can, EVIDENCE_MAX_BYTES, EVIDENCE_TYPE_LABELS } from "@datchuan/domain";
import { fileTypeFromBuffer } from "file-type";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { loadViewer } from "../auth/viewer";
import { markPublishedDataChanged } from "../services/published";
import { mayKeepDossier } from "../services/recognition-actions";
import { type AppEnv, readSessionToken } from "./client";
import { ALLOWED_TYPES, fileNameProblem } from "./evidence";

const error = (message: string) => ({ error: { message } });

/**
 * Documents of a recognition dossier item: the same kinds, limits and checks as evidence files
 * (read from the bytes), kept by whoever keeps the dossier; read by those who read drafts.
 * Never public.
 */
export function dossierRoutes(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post(
    "/:itemId",
    bodyLimit({
      maxSize: EVIDENCE_MAX_BYTES + 64 * 1024,
      onError: (c) => c.json(error("Tệp quá lớn: tối đa 10 MB."), 413),
    }),
    async (c) => {
      const session = await loadViewer(db, readSessionToken(c));
      if (!session) return c.json(error("Bạn cần đăng nhập để tải tài liệu hồ sơ lên."), 401);
      const item = await getDossierItem(db, c.req.param("itemId")).catch(() => undefined);
      if (!item) return c.json(error("Không tìm thấy mục hồ sơ."), 404);
      const unit = (await getUnitById(db, item.unitId))!;
      if (!mayKeepDossier(session.viewer, unit))
        return c.json(error("Bạn không có quyền cập nhật hồ sơ của đơn vị này."), 403);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) return c.json(error('Chọn một tệp trong trường "file".'), 400);
      if (file.size === 0) return c.json(error("Tệp rỗng."), 400);
      if (file.size > EVIDENCE_MAX_BYTES) return c.json(error("Tệp quá lớn: tối đa 10 MB."), 413);
      const content = Buffer.from(await file.arrayBuffer());
      const detected = await fileTypeFromBuffer(content);
      if (!detected || !ALLOWED_TYPES.has(detected.mime))
        return c.json(error(`Chỉ nhận tệp ${EVIDENCE_TYPE_LABELS.join(", ")}.`), 415);
      const fileName = file.name.normalize("NFC");
      const nameProblem = fileNameProblem(fileName, detected.mime);
      if (nameProblem) return c.json(error(nameProblem), 400);
      const row = await db.transaction(async (tx) => {
        const saved = await insertDossierDocument(tx, {
          dossierItemId: item.id,
          fileName: fileName.slice(0, 200),
          contentType: detected.mime,
          content,
          uploadedBy: session.viewer.id,
        });
        await recordAudit(tx, {
          actorUserId: session.viewer.id,
          action: "dossier.upload",
          entity: "dossier_document",
          entityId: saved.id,
          unitPath: unit.path,
          after: { dossierItemId: item.id, fileName: saved.fileName, size: saved.size },
        });
        return saved;
      });
      // The stage a unit shows the public follows its dossier's completeness.
      markPublishedDataChanged();
      return c.json(row, 201);
    },
  );

  app.get("/document/:id", async (c) => {
    const session = await loadViewer(db, readSessionToken(c));
    if (!session) return c.json(error("Bạn cần đăng nhập để xem tài liệu hồ sơ."), 401);
    const document = await getDossierDocument(db, c.req.param("id")).catch(() => undefined);
    if (!document) return c.json(error("Không tìm thấy tệp."), 404);
    const unit = (await getUnitById(db, document.unitId))!;
    if (
      !can(session.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level })
    )
      return c.json(error("Bạn không có quyền xem hồ sơ của đơn vị này."), 403);
    return c.body(new Uint8Array(document.content), 200, {
      "content-type": document.contentType,
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "x-content-type-options": "nosniff",
    });
  });

  return app;
}
