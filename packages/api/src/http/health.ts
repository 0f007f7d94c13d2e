import type { Database } from "@datchuan/db";
import { migrationsApplied, pingDatabase } from "@datchuan/db/client";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { Logger } from "pino";
import type { AppEnv } from "./client";

export type Readiness =
  | { status: "ready"; database: string }
  | {
      status: "not_ready";
      database: string;
      reason: "starting" | "database_unreachable" | "migrations_pending";
      message: string;
    };

/** What /ready answers while the server is still migrating and seeding. */
export const STARTING: Readiness = {
  status: "not_ready",
  database: "unknown",
  reason: "starting",
  message: "Máy chủ đang khởi động. (The server is starting.)",
};

const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("Cache-Control", "no-store");
});

/**
 * `/health`: the process answers and its database does (liveness, for a supervisor to restart).
 * `/ready`: this process can serve requests — database reachable and every committed migration
 * applied — for a load balancer to send traffic or not. Both are cheap, public, never cached,
 * and say why in a JSON reason, never with a stack.
 */
export function healthRoutes(deps: { db: Database; databaseKind: string; logger: Logger }) {
  const routes = new Hono<AppEnv>();
  // On these two paths only: mounted at "/", a bare use() would reach every route after them.
  routes.use("/health", noStore);
  routes.use("/ready", noStore);

  routes.get("/health", async (c) => {
    try {
      await pingDatabase(deps.db);
      return c.json({ status: "ok", database: deps.databaseKind });
    } catch (error) {
      deps.logger.error({ err: error }, "health check failed");
      return c.json({ status: "error", database: deps.databaseKind }, 503);
    }
  });

  routes.get("/ready", async (c) => {
    const database = deps.databaseKind;
    let applied: boolean;
    try {
      applied = await migrationsApplied(deps.db);
    } catch (error) {
      deps.logger.warn({ err: error }, "readiness: database unreachable");
      return c.json<Readiness>(
        {
          status: "not_ready",
          database,
          reason: "database_unreachable",
          message: "Không kết nối được cơ sở dữ liệu. (The database cannot be reached.)",
        },
        503,
      );
    }
    if (!applied) {
      return c.json<Readiness>(
        {
          status: "not_ready",
          database,
          reason: "migrations_pending",
          message:
            "Cơ sở dữ liệu chưa được cập nhật (còn migration chưa chạy). (Migrations are pending.)",
        },
        503,
      );
    }
    return c.json<Readiness>({ status: "ready", database });
  });
  return routes;
}
