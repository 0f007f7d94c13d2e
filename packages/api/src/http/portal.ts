import type { Database } from "@datchuan/db";
import {
  findForbiddenCharacter,
  isoDateSchema,
  unitCodeSchema,
  vietnamDate,
} from "@datchuan/domain";
import { DOCX_CONTENT_TYPE, renderReviewReportDocx, reportFileNames } from "@datchuan/reports";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { publicBulletin } from "../services/bulletins";
import {
  portalCriterion,
  portalHome,
  portalOverview,
  portalScorecard,
  portalSearch,
} from "../services/portal";
import type { AppEnv } from "./client";
import { type Row, tableContent } from "./open-data";
import { jsonContent, type ReplyCache, type ReplyContent, servePublic } from "./public-replies";
import { attachmentDisposition } from "./report-files";

const error = (message: string) => ({ error: { message } });

const setIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const searchSchema = z.string().trim().min(1).max(100);

type Outcome<T> = { found: T } | { notFound: string } | { badRequest?: string };

/**
 * The public portal's reads (apps/public), beside the open-data tables under /data/v1: plain
 * GETs of published data, each reply serialised once per published generation and served with
 * its ETag, Cache-Control and compression (public-replies.ts). JSON only; errors are JSON in
 * Vietnamese with 404 for what does not exist and 400 for malformed parameters.
 */
export function portalRoutes(db: Database, now: () => Date, cache: ReplyCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /**
   * The date read on: `date=YYYY-MM-DD`, today in Vietnam by default. A later date reads as
   * today: nothing is published for the future, and a year 9999 must not cost 8,000 years of
   * progress.
   */
  function dateOf(c: Context<AppEnv>) {
    const today = vietnamDate(now());
    const parsed = isoDateSchema.safeParse(c.req.query("date") ?? today);
    return parsed.success && parsed.data > today ? { success: true as const, data: today } : parsed;
  }

  function answer<T>(c: Context<AppEnv>, outcome: Outcome<T>): ReplyContent | Response {
    if ("found" in outcome) return jsonContent(outcome.found);
    if ("notFound" in outcome) return c.json(error(outcome.notFound), 404);
    return c.json(error(outcome.badRequest ?? "Yêu cầu không hợp lệ."), 400);
  }

  const badDate = (c: Context<AppEnv>) =>
    c.json(error("Ngày không hợp lệ: dùng dạng YYYY-MM-DD."), 400);
  const badCode = (c: Context<AppEnv>) => c.json(error("Mã đơn vị không hợp lệ."), 400);

  app.get("/home.json", async (c) => {
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    return servePublic(c, cache, `home|${date.data}`, async () =>
      jsonContent(await portalHome(db, date.data)),
    );
  });

  app.get("/units/:code/overview.json", async (c) => {
    const code = unitCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) return badCode(c);
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    return servePublic(c, cache, `overview|${code.data}|${date.data}`, async () =>
      answer(c, await portalOverview(db, { code: code.data, asOf: date.data })),
    );
  });

  app.get("/units/:code/scorecard.json", async (c) => {
    const code = unitCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) return badCode(c);
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    return servePublic(c, cache, `scorecard|${code.data}|${date.data}`, async () =>
      answer(c, await portalScorecard(db, { code: code.data, asOf: date.data })),
    );
  });

  /** A published review bulletin (bản tin rà soát): its report as JSON, or as a Word file. */
  app.get("/bulletins/:file{[0-9a-f-]{36}\\.(?:json|docx)}", async (c) => {
    const file = c.req.param("file");
    const id = z.uuid().safeParse(file.slice(0, 36));
    if (!id.success) return c.json(error("Mã bản tin không hợp lệ."), 400);
    const notFound = () => c.json(error("Không tìm thấy bản tin (hoặc bản tin đã được gỡ)."), 404);
    if (file.endsWith(".json"))
      return servePublic(c, cache, `bulletin|${id.data}`, async () => {
        const found = await publicBulletin(db, id.data);
        return found ? jsonContent(found) : notFound();
      });
    const found = await publicBulletin(db, id.data);
    if (!found) return notFound();
    const bytes = await renderReviewReportDocx(found.report);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": DOCX_CONTENT_TYPE,
      "content-disposition": attachmentDisposition(reportFileNames(found.report), "docx"),
      "x-content-type-options": "nosniff",
    });
  });

  /** One criterion across a scope: JSON for the page, or its rows as an open-data table. */
  app.get("/criteria/:setId/:file{[0-9]{1,3}\\.(?:json|csv)}", async (c) => {
    const setId = setIdSchema.safeParse(c.req.param("setId"));
    if (!setId.success) return c.json(error("Mã bộ tiêu chí không hợp lệ."), 400);
    const file = c.req.param("file");
    const number = Number.parseInt(file, 10);
    const format = file.endsWith(".csv") ? "csv" : "json";
    const table = c.req.query("table") === "1" || format === "csv";
    const scope = unitCodeSchema.safeParse(c.req.query("scope"));
    if (!scope.success) return c.json(error("Cần tham số scope: mã tỉnh hoặc huyện."), 400);
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    return servePublic(
      c,
      cache,
      `criterion|${setId.data}|${number}|${scope.data}|${date.data}|${format}|${table}`,
      async () => {
        const outcome = await portalCriterion(db, {
          setId: setId.data,
          number,
          scopeCode: scope.data,
          asOf: date.data,
        });
        const found = outcome.found;
        if (!found || !table) return answer(c, outcome);
        const rows = [...found.notMeeting, ...found.meeting].map(
          (r): Row => ({
            code: r.code,
            name: r.name,
            period: r.period,
            criterion: found.number,
            status: r.status,
          }),
        );
        return tableContent(
          { columns: ["code", "name", "period", "criterion", "status"], rows },
          `${found.scope.code}-${found.setId}-${found.number}-${date.data}`,
          format,
        );
      },
    );
  });

  /** A commune's published history (its predecessors' included) as an open-data table. */
  app.get("/units/:code/:file{history\\.(?:csv|json)}", async (c) => {
    const code = unitCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) return badCode(c);
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    const format = c.req.param("file").endsWith(".csv") ? "csv" : "json";
    return servePublic(c, cache, `history|${code.data}|${date.data}|${format}`, async () => {
      const outcome = await portalScorecard(db, { code: code.data, asOf: date.data });
      if (!outcome.found) return answer(c, outcome);
      const rows = outcome.found.history.map(
        (h): Row => ({
          code: h.code,
          name: h.name,
          period: h.period,
          set_version: h.setVersion,
          status: h.status,
          criteria_met: h.criteriaMet,
          criteria_total: h.criteriaTotal,
          indicators_met: h.indicatorsMet,
          indicators_total: h.indicatorsTotal,
        }),
      );
      return tableContent(
        {
          columns: [
            "code",
            "name",
            "period",
            "set_version",
            "status",
            "criteria_met",
            "criteria_total",
            "indicators_met",
            "indicators_total",
          ],
          rows,
        },
        `${code.data}-history-${date.data}`,
        format,
      );
    });
  });

  app.get("/search.json", async (c) => {
    const q = searchSchema.safeParse(c.req.query("q") ?? "");
    if (!q.success || findForbiddenCharacter(q.data))
      return c.json(error("Nhập từ 1 đến 100 ký tự để tìm."), 400);
    const query = q.data.normalize("NFC");
    return servePublic(c, cache, `search|${query}`, async () =>
      jsonContent(await portalSearch(db, query)),
    );
  });

  return app;
}
