import type { Database } from "@datchuan/db";
import {
  findForbiddenCharacter,
  isoDateSchema,
  unitCodeSchema,
  vietnamDate,
} from "@datchuan/domain";
import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  portalCriterion,
  portalHome,
  portalOverview,
  portalScorecard,
  portalSearch,
} from "../services/portal";
import type { AppEnv } from "./client";
import { jsonContent, type ReplyCache, type ReplyContent, servePublic } from "./public-replies";

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

  app.get("/criteria/:setId/:file{[0-9]{1,3}\\.json}", async (c) => {
    const setId = setIdSchema.safeParse(c.req.param("setId"));
    if (!setId.success) return c.json(error("Mã bộ tiêu chí không hợp lệ."), 400);
    const number = Number.parseInt(c.req.param("file"), 10);
    const scope = unitCodeSchema.safeParse(c.req.query("scope"));
    if (!scope.success) return c.json(error("Cần tham số scope: mã tỉnh hoặc huyện."), 400);
    const date = dateOf(c);
    if (!date.success) return badDate(c);
    return servePublic(
      c,
      cache,
      `criterion|${setId.data}|${number}|${scope.data}|${date.data}`,
      async () =>
        answer(
          c,
          await portalCriterion(db, {
            setId: setId.data,
            number,
            scopeCode: scope.data,
            asOf: date.data,
          }),
        ),
    );
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
