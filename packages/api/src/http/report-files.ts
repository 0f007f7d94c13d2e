import type { Database } from "@datchuan/db";
import {
  DOCX_CONTENT_TYPE,
  renderReviewReportDocx,
  renderReviewReportXlsx,
  reportFileNames,
  XLSX_CONTENT_TYPE,
} from "@datchuan/reports";
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { z } from "zod";
import { loadViewer } from "../auth/viewer";
import { reportInput } from "../routers/review";
import { buildScopeReport } from "../services/review-report";
import { resolveReviewScope } from "../services/review-scope";
import { type AppEnv, readSessionToken } from "./client";

const error = (message: string) => ({ error: { message } });

const STATUS: Partial<Record<TRPCError["code"], 400 | 403 | 404>> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
};

/**
 * `attachment` with an ASCII name every client accepts and the Vietnamese one (RFC 6266 / 5987)
 * that browsers prefer: "Báo cáo rà soát huyện Thọ Xuân 2023-05-19.docx".
 */
export function attachmentDisposition(names: { ascii: string; unicode: string }, ext: string) {
  return `attachment; filename="${names.ascii}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${names.unicode}.${ext}`)}`;
}

/** The query string: the same fields as `review.report`, `working` as "true"/"false". */
const querySchema = z
  .object({
    unitCode: z.string().optional(),
    clusterId: z.string().optional(),
    setId: z.string().optional(),
    asOf: z.string().optional(),
    since: z.string().optional(),
    working: z.enum(["true", "false"]).optional(),
  })
  .transform((q) => ({ ...q, working: q.working === "true" }));

/**
 * Review reports as files (.docx, .xlsx) for signed-in readers, with the access of
 * `review.standing`: signed verdicts for anyone signed in, working ones for readers of drafts.
 */
export function reportFileRoutes(db: Database): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const ext of ["docx", "xlsx"] as const)
    app.get(`/review.${ext}`, async (c) => {
      const session = await loadViewer(db, readSessionToken(c));
      if (!session) return c.json(error("Bạn cần đăng nhập để tải báo cáo."), 401);
      const parsed = reportInput.safeParse(querySchema.parse(c.req.query()));
      if (!parsed.success)
        return c.json(error(parsed.error.issues[0]?.message ?? "Tham số không hợp lệ."), 400);
      try {
        const resolved = await resolveReviewScope(db, session.viewer, parsed.data);
        const { report } = await buildScopeReport(db, session.viewer, resolved, parsed.data);
        const bytes =
          ext === "docx"
            ? await renderReviewReportDocx(report)
            : await renderReviewReportXlsx(report);
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          "content-type": ext === "docx" ? DOCX_CONTENT_TYPE : XLSX_CONTENT_TYPE,
          "content-disposition": attachmentDisposition(reportFileNames(report), ext),
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
        });
      } catch (e) {
        const status = e instanceof TRPCError ? STATUS[e.code] : undefined;
        if (status) return c.json(error(e instanceof Error ? e.message : ""), status);
        throw e;
      }
    });
  return app;
}
