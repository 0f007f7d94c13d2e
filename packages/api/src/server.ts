import type { AddressInfo } from "node:net";
import {
  type DatabaseConfig,
  type DatabaseHandle,
  type DemoSeed,
  openDatabase,
  prepareDatabase,
} from "@datchuan/db/client";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import type { Logger } from "pino";
import { createApp } from "./app";
import type { AppEnv } from "./http/client";
import { STARTING } from "./http/health";
import { createLogger } from "./http/request-id";
import { startReevaluationWorker } from "./services/reevaluation";

export interface ServerOptions {
  port: number;
  host: string;
  database: DatabaseConfig;
  seedDemoData: DemoSeed;
  logger?: Logger;
  appsDir?: string;
  trustProxy?: boolean;
}

export interface RunningServer {
  /** Base URL, e.g. http://localhost:3000 */
  url: string;
  port: number;
  database: DatabaseHandle;
  seeded: boolean;
  /** How many requests are being answered now. */
  answering(): number;
  /** Resolves once no request is being answered (at once when none is). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** A problem the operator must fix (port taken, …); printed as one line, not a stack trace. */
export class ServerStartError extends Error {
  override name = "ServerStartError";
}

/**
 * Opens and migrates the database, seeds demo data if empty, listens, and starts the worker that
 * re-evaluates reports after a publish.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger("info");
  // The port first: a port in use is reported at once, not after migrating and seeding. Until
  // the database is ready, requests get a short 503.
  let app: Hono<AppEnv> | undefined;
  // Requests being answered: a client that hangs up does not stop its handler, so closing the
  // server's connections is not the end of the work they started (a save, mid-transaction).
  let answering = 0;
  let whenIdle: Array<() => void> = [];
  const answered = () => {
    if (--answering > 0) return;
    for (const resolve of whenIdle) resolve();
    whenIdle = [];
  };
  const idle = () =>
    answering === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenIdle.push(resolve));
  const server = await listen(options, (request, env) => {
    if (app) {
      answering++;
      try {
        const reply = app.fetch(request, env);
        if (reply instanceof Promise) return reply.finally(answered);
        answered();
        return reply;
      } catch (error) {
        answered();
        throw error;
      }
    }
    const path = new URL(request.url).pathname;
    if (path === "/ready" || path === "/health") return Response.json(STARTING, { status: 503 });
    return new Response("Đang khởi động… (starting)", { status: 503 });
  });
  const closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  let database: DatabaseHandle;
  let seeded: boolean;
  try {
    database = await openDatabase(options.database);
  } catch (error) {
    await closeServer();
    throw error;
  }
  try {
    ({ seeded } = await prepareDatabase(database, { seedDemoData: options.seedDemoData }));
  } catch (error) {
    await Promise.all([closeServer(), database.close()]);
    throw error;
  }

  app = createApp({
    db: database.db,
    databaseKind: database.kind,
    logger,
    appsDir: options.appsDir,
    trustProxy: options.trustProxy,
  });

  const port = (server.address() as AddressInfo).port;
  // Re-evaluations publishing enqueued, this process's share of them (and any left by a crash).
  const worker = startReevaluationWorker(database.db, { logger });
  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    database,
    seeded,
    answering: () => answering,
    idle,
    stop() {
      // Stop accepting, let requests in flight (their clients gone or not) and the batch being
      // judged finish, then release the database (and its lock); a job left unfinished resumes
      // on the next start.
      stopping ??= Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections would hold close() open; idle ones can go now.
          if ("closeIdleConnections" in server) server.closeIdleConnections();
        }),
        worker.stop(),
      ])
        .then(() => {
          if (answering > 0) logger.info({ answering }, "stopping: waiting for requests in flight");
          return idle();
        })
        .then(() => database.close());
      return stopping;
    },
  };
}

/** Listens on the configured port, turning the operator's mistakes into one-line errors. */
async function listen(
  options: ServerOptions,
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
): Promise<ReturnType<typeof serve>> {
  try {
    return await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const instance = serve({ fetch, port: options.port, hostname: options.host }, () =>
        resolve(instance),
      );
      instance.once("error", reject);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new ServerStartError(
        `Port ${options.port} is already in use; stop what runs there or set PORT to another port.`,
      );
    }
    if (code === "EACCES") {
      throw new ServerStartError(
        `Not allowed to listen on port ${options.port}; set PORT to a port above 1024.`,
      );
    }
    throw error;
  }
}
