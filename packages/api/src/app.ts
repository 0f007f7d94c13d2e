import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Database, isDatabaseUnavailable, readStandingVersionShared } from "@datchuan/db";
import { vietnamDate } from "@datchuan/domain";
import { trpcServer } from "@hono/trpc-server";
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { generateCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import { loadViewer } from "./auth/viewer";
import { type AppEnv, clientFacts, readSessionToken, sessionCookieName } from "./http/client";
import { dossierRoutes } from "./http/dossier";
import { evidenceRoutes } from "./http/evidence";
import { healthRoutes } from "./http/health";
import { keptFront, keptReplies, logRequest } from "./http/kept-replies";
import { openDataRoutes } from "./http/open-data";
import { portalRoutes } from "./http/portal";
import { ReplyCache, recentStandingVersion } from "./http/public-replies";
import { reportFileRoutes } from "./http/report-files";
import { requestIds } from "./http/request-id";
import { jsonOnlyWrites, sameOriginWrites, securityHeaders, trpcBodyLimit } from "./http/security";
import { cachedStandingReplies } from "./http/standing-replies";
import { appFiles, appIndex, compressTrpcReplies } from "./http/static";
import { cachedUnitPages } from "./http/unit-page-replies";
import { appRouter } from "./root";
import { type Context, databaseUnavailableMessage, systemClock } from "./trpc";

/** The three SPAs and where each is mounted; the public portal takes what the others don't. */
export const spaMounts = [
  { app: "admin", base: "/admin/" },
  { app: "commune", base: "/commune/" },
  { app: "public", base: "/" },
] as const;

const appsRoot = fileURLToPath(new URL("../../../apps/", import.meta.url));

export interface AppDependencies {
  db: Database;
  logger: Logger;
  databaseKind: "pglite" | "postgres";
  /** Folder holding `<app>/dist`; defaults to the monorepo's apps/. */
  appsDir?: string;
  /** Behind a TLS proxy: believe its X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy?: boolean;
  /** The clock procedures read "today" from; the real one by default. */
  now?: () => Date;
}

/**
 * Today's date in Vietnam by `now`, worked out once a minute: every public read asks it, and
 * formatting the date cost more than the rest of the cache's lookup. Vietnam's offset is whole
 * hours, so a day always begins on a minute.
 */
function vietnamToday(now: () => Date): () => string {
  let minute = Number.NaN;
  let day = "";
  return () => {
    const instant = now();
    const current = Math.floor(instant.getTime() / 60_000);
    if (current !== minute) {
      minute = current;
      day = vietnamDate(instant);
    }
    return day;
  };
}

/** At most this many calls in one tRPC batch; the apps' client sends at most 10. */
export const MAX_BATCH_SIZE = 10;

export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const appsDir = deps.appsDir ?? appsRoot;

  const trustProxy = deps.trustProxy ?? false;
  // One cache for every public read (the portal's routes, then open data's tables). Another
  // process's writes show within about a second (the standing version, read at most once a
  // second), not only after the cache's minute.
  const publicReplies = new ReplyCache(
    Date.now,
    recentStandingVersion(() => readStandingVersionShared(deps.db)),
    vietnamToday(deps.now ?? systemClock),
  );
  const standingReplies = cachedStandingReplies(deps.db);
  const unitPages = cachedUnitPages(deps.db);
  // Kept replies go out first, without the chain below (see kept-replies.ts); public ones even
  // before Hono routes the request.
  const front = keptFront({ trustProxy, logger: deps.logger, source: publicReplies.keptFor });
  const route = app.fetch;
  app.fetch = (request, bindings, executionContext) =>
    front(request, bindings) ?? route(request, bindings, executionContext);
  app.use(
    keptReplies({
      trustProxy,
      logger: deps.logger,
      sources: [standingReplies.kept, unitPages.kept],
    }),
  );
  app.use(requestIds(trustProxy));
  app.use(clientFacts(trustProxy));
  app.use(...securityHeaders);
  app.use(sameOriginWrites);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logRequest(deps.logger, c.req, { requestId: c.var.requestId, status: c.res.status, started });
  });

  app.route("/", healthRoutes(deps));

  app.route("/files/evidence", evidenceRoutes(deps.db));
  app.route("/files/reports", reportFileRoutes(deps.db));
  app.route("/files/dossier", dossierRoutes(deps.db));
  // The portal's routes first, then open data's tables and its JSON 404 for anything else.
  app.route("/data/v1", portalRoutes(deps.db, deps.now ?? systemClock, publicReplies));
  app.route("/data/v1", openDataRoutes(deps.db, deps.now ?? systemClock, publicReplies));

  app.use("/trpc/*", jsonOnlyWrites, trpcBodyLimit, ...compressTrpcReplies);
  app.use("/trpc/review.standing", standingReplies.store);
  app.use("/trpc/report.get", unitPages.store);
  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async ({ resHeaders, info }, c): Promise<Context> => {
        const client = c.get("client") as AppEnv["Variables"]["client"];
        const requestId = c.get("requestId") as string;
        resHeaders.set("x-request-id", requestId); // the adapter's own Response drops Hono's
        const session = await loadViewer(deps.db, readSessionToken(c)).catch((error: unknown) => {
          // Before any procedure runs: the database being away is a 503 to retry, not a 500.
          if (!isDatabaseUnavailable(error)) throw error;
          deps.logger.warn({ err: error }, "database unavailable");
          throw new TRPCError({
            code: "SERVICE_UNAVAILABLE",
            message: databaseUnavailableMessage(requestId),
          });
        });
        const cookieName = sessionCookieName(client);
        // The tRPC adapter builds its own Response, so cookies go through its resHeaders.
        const writeCookie = (value: string, expires: Date) =>
          resHeaders.append(
            "set-cookie",
            generateCookie(cookieName, value, {
              httpOnly: true,
              sameSite: "Lax",
              secure: client.secure,
              path: "/",
              expires,
            }),
          );
        return {
          db: deps.db,
          viewer: session?.viewer ?? null,
          sessionTokenHash: session?.tokenHash ?? null,
          sessionCookie: {
            set: (token, expiresAt) => writeCookie(token, expiresAt),
            clear: () => writeCookie("", new Date(0)),
          },
          clientAddress: client.address,
          requestId,
          callsInRequest: info.calls.length,
          now: deps.now ?? systemClock,
        };
      },
      onError: ({ error, path, ctx }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          deps.logger.error({ err: error, path, requestId: ctx?.requestId }, "trpc error");
        else if (error.code === "SERVICE_UNAVAILABLE")
          deps.logger.warn({ err: error.cause ?? error, path }, "database unavailable");
      },
    }),
  );

  // Outside tRPC too, an unexpected error is a generic reply with the request id; the detail,
  // stack and SQL included, goes to the log only.
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn({ err: error, path: c.req.path }, "database unavailable");
      const message = databaseUnavailableMessage(c.var.requestId);
      return c.json({ error: { message, requestId: c.var.requestId } }, 503);
    }
    deps.logger.error({ err: error, requestId: c.var.requestId, path: c.req.path }, "http error");
    return c.json(
      {
        error: {
          message: `Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị mã yêu cầu ${c.var.requestId}.`,
          requestId: c.var.requestId,
        },
      },
      500,
    );
  });

  for (const { app: name, base } of spaMounts) {
    mountSpa(app, join(appsDir, name, "dist"), base, name);
  }
  return app;
}

/**
 * Serves a built SPA under `base`: files as they are (precompressed variants when accepted),
 * and index.html for page navigations (requests that accept HTML) so deep links survive a
 * reload. Unit codes contain dots, so a file extension cannot tell a page from an asset; a
 * missing asset stays a 404.
 */
function mountSpa(app: Hono<AppEnv>, distDir: string, base: string, name: string): void {
  const pattern = base === "/" ? "/*" : `${base}*`;
  if (base !== "/") app.get(base.slice(0, -1), (c) => c.redirect(base, 301));
  if (existsSync(distDir)) app.use(pattern, appFiles(distDir, base));
  app.get(pattern, async (c) => {
    if (!c.req.header("accept")?.includes("text/html")) return c.notFound();
    const index = await appIndex(c, distDir);
    if (index) return index;
    return c.text(
      `Ứng dụng "${name}" chưa được build. Chạy "pnpm build" rồi tải lại trang. (The ${name} app is not built.)`,
      503,
    );
  });
}
