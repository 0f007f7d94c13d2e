import {
  type Database,
  getDossierDocument,
  getDossierItem,
  getUnitById,
  insertDossierDocument,
  recordAudit,
} from "@datchuan/db";
import { can } from "@datchuan/domain";
import { Hono } from "hono";
import { loadViewer } from "../auth/viewer";
import { markPublishedDataChanged } from "../services/published";
import { mayKeepDossier } from "../services/recognition-actions";
import { type AppEnv, readSessionToken } from "./client";
import { uploadError as error, receiveUpload, sendStoredFile, uploadBodyLimit } from "./uploads";

/**
 * Documents of a recognition dossier item: the same kinds, limits and checks as evidence files
 * (uploads.ts), kept by whoever keeps the dossier; read by those who read drafts. Never public.
 */
export function dossierRoutes(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/:itemId", uploadBodyLimit, async (c) => {
    const session = await loadViewer(db, readSessionToken(c));
    if (!session) return c.json(error("Bạn cần đăng nhập để tải tài liệu hồ sơ lên."), 401);
    const item = await getDossierItem(db, c.req.param("itemId")).catch(() => undefined);
    if (!item) return c.json(error("Không tìm thấy mục hồ sơ."), 404);
    const unit = (await getUnitById(db, item.unitId))!;
    if (!mayKeepDossier(session.viewer, unit))
      return c.json(error("Bạn không có quyền cập nhật hồ sơ của đơn vị này."), 403);
    const received = await receiveUpload(c);
    if ("refusal" in received) return received.refusal;
    const { file } = received;
    const row = await db.transaction(async (tx) => {
      const saved = await insertDossierDocument(tx, {
        dossierItemId: item.id,
        ...file,
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
  });

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
    return sendStoredFile(c, document);
  });

  return app;
}
