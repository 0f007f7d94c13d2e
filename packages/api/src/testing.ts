import type { AddressInfo } from "node:net";
import { type Database, findUserForSignIn, listRoleAssignments } from "@datchuan/db";
import {
  type DatabaseHandle,
  type DemoSeed,
  openDatabase,
  prepareDatabase,
} from "@datchuan/db/client";
import { createTestPostgresDatabase, postgresSuiteEnabled } from "@datchuan/db/testing";
import { serve } from "@hono/node-server";
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import { type AppDependencies, createApp } from "./app";
import { createCaller } from "./root";
import { type Context, systemClock, type Viewer } from "./trpc";

/** A recorder standing in for the HTTP cookie in procedure tests. */
export function recordingCookie() {
  const calls: Array<{ set?: string; clear?: true }> = [];
  return {
    calls,
    cookie: {
      set: (token: string) => void calls.push({ set: token }),
      clear: () => void calls.push({ clear: true }),
    },
  };
}

/** What a test may set on a caller besides who it acts as. */
export interface CallerOptions {
  /** The clock the procedures read "today" from; the real one by default. */
  now?: () => Date;
}

/** A tRPC caller acting as `viewer` (or the public), straight on the database. */
export function callerFor(
  db: Database,
  viewer: Viewer | null = null,
  sessionTokenHash: string | null = null,
  options: CallerOptions = {},
) {
  const context: Context = {
    db,
    viewer,
    sessionTokenHash,
    sessionCookie: recordingCookie().cookie,
    clientAddress: "127.0.0.1",
    requestId: "test",
    callsInRequest: 1,
    now: options.now ?? systemClock,
  };
  return createCaller(context);
}

/** The viewer for a stored user, with its roles as the server would load them. */
export async function viewerFor(
  db: Database,
  user: { id: string; username: string; displayName: string; version: number },
): Promise<Viewer> {
  const { id, username, displayName, version } = user;
  return { id, username, displayName, version, roles: await listRoleAssignments(db, user.id) };
}

export interface TestDatabase {
  name: string;
  open(): Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }>;
}

/**
 * The databases integration tests run on: embedded PGlite always, PostgreSQL where a server is
 * reachable (skipped with a message otherwise, required in CI). Each gets the light demo data,
 * or with `demo: "full"` the history behind the May 2023 review too (seconds more per database).
 */
export async function testDatabases(options: { demo?: DemoSeed } = {}): Promise<TestDatabase[]> {
  const seedDemoData = options.demo ?? true;
  const databases: TestDatabase[] = [
    {
      name: "PGlite",
      async open() {
        const handle = await openDatabase({ kind: "pglite-memory" });
        await prepareDatabase(handle, { seedDemoData });
        return { handle, cleanup: async () => {} };
      },
    },
  ];
  if (await postgresSuiteEnabled()) {
    databases.push({
      name: "PostgreSQL",
      async open() {
        const database = await createTestPostgresDatabase();
        const handle = await openDatabase({ kind: "postgres", url: database.url });
        await prepareDatabase(handle, { seedDemoData });
        return { handle, cleanup: () => database.drop() };
      },
    });
  }
  return databases;
}

/** A caller acting as a demo user by username, or as the public (null). */
export async function callerAs(db: Database, username: string | null, options: CallerOptions = {}) {
  if (!username) return callerFor(db, null, null, options);
  const user = await findUserForSignIn(db, username);
  if (!user) throw new Error(`No user ${username} in the test database`);
  return callerFor(db, await viewerFor(db, user), null, options);
}

/**
 * Opens a test database for the enclosing describe block (closed after it) and returns a
 * handle getter and `as(username)` for callers.
 */
export function useTestDatabase(database: TestDatabase) {
  let opened: { handle: DatabaseHandle; cleanup(): Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await database.open();
  });
  afterAll(async () => {
    await opened?.handle.close();
    await opened?.cleanup();
  });
  return {
    get handle(): DatabaseHandle {
      if (!opened) throw new Error("The test database is not open yet");
      return opened.handle;
    },
    as(username: string | null, options: CallerOptions = {}) {
      if (!opened) throw new Error("The test database is not open yet");
      return callerAs(opened.handle.db, username, options);
    },
  };
}

/** The whole app on a test database, logging nothing unless given a logger. */
export function testApp(
  handle: Pick<DatabaseHandle, "db" | "kind">,
  options: Omit<Partial<AppDependencies>, "db" | "databaseKind"> = {},
) {
  return createApp({
    db: handle.db,
    databaseKind: handle.kind,
    logger: pino({ level: "silent" }),
    ...options,
  });
}

/** Serves a Hono app over real HTTP on a free loopback port, for tests of headers and cookies. */
export async function serveOverHttp(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(instance),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
