import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "@datchuan/db";
import { pingDatabase } from "@datchuan/db/client";
import { serveStatic } from "@hono/node-server/serve-static";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { generateCookie, getCookie } from "hono/cookie";
import { requestId } from "hono/request-id";
import type { Logger } from "pino";
import { SESSION_COOKIE } from "./auth/session";
import { loadViewer } from "./auth/viewer";
import { evidenceRoutes } from "./http/evidence";
import { appRouter } from "./root";
import { type Context, systemClock } from "./trpc";

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
  /** The clock procedures read "today" from; the real one by default. */
  now?: () => Date;
}

export function createApp(deps: AppDependencies): Hono {
  const app = new Hono();
  const appsDir = deps.appsDir ?? appsRoot;

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info(
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      "request",
    );
  });

  app.get("/health", async (c) => {
    try {
      await pingDatabase(deps.db);
      return c.json({ status: "ok", database: deps.databaseKind });
    } catch (error) {
      deps.logger.error({ err: error }, "health check failed");
      return c.json({ status: "error", database: deps.databaseKind }, 503);
    }
  });

  app.route("/files/evidence", evidenceRoutes(deps.db));

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: async ({ resHeaders }, c): Promise<Context> => {
        const session = await loadViewer(deps.db, getCookie(c, SESSION_COOKIE));
        const secure = new URL(c.req.url).protocol === "https:";
        // The tRPC adapter builds its own Response, so cookies go through its resHeaders.
        const writeCookie = (value: string, expires: Date) =>
          resHeaders.append(
            "set-cookie",
            generateCookie(SESSION_COOKIE, value, {
              httpOnly: true,
              sameSite: "Lax",
              secure,
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
          now: deps.now ?? systemClock,
        };
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          deps.logger.error({ err: error, path }, "trpc error");
      },
    }),
  );

  for (const { app: name, base } of spaMounts) {
    mountSpa(app, join(appsDir, name, "dist"), base, name);
  }
  return app;
}

/**
 * Serves a built SPA under `base`: files as they are, and index.html for page navigations
 * (requests that accept HTML) so deep links survive a reload. Unit codes contain dots, so a
 * file extension cannot tell a page from an asset; a missing asset stays a 404.
 */
function mountSpa(app: Hono, distDir: string, base: string, name: string): void {
  const pattern = base === "/" ? "/*" : `${base}*`;
  if (base !== "/") app.get(base.slice(0, -1), (c) => c.redirect(base, 301));
  if (existsSync(distDir)) {
    app.use(
      pattern,
      serveStatic({
        root: distDir,
        rewriteRequestPath: (path) => (base === "/" ? path : path.slice(base.length - 1)),
      }),
    );
  }
  app.get(pattern, async (c) => {
    if (!c.req.header("accept")?.includes("text/html")) return c.notFound();
    const indexFile = join(distDir, "index.html");
    if (!existsSync(indexFile)) {
      return c.text(
        `Ứng dụng "${name}" chưa được build. Chạy "pnpm build" rồi tải lại trang. (The ${name} app is not built.)`,
        503,
      );
    }
    return c.html(await readFile(indexFile, "utf8"));
  });
}
