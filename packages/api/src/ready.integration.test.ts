import { Writable } from "node:stream";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { requestLogFields } from "./http/request-id";

/** A logger whose JSON lines the test reads, with the server's request-id mixin. */
function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).trim().split("\n")) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: "info", mixin: requestLogFields }, stream) };
}

let migrated: DatabaseHandle;
let empty: DatabaseHandle;

beforeAll(async () => {
  migrated = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(migrated, { seedDemoData: false });
  // Opened, never migrated: what a process sees before the migrator has run.
  empty = await openDatabase({ kind: "pglite-memory" });
});

afterAll(async () => {
  await migrated?.close();
  await empty?.close();
});

describe("/ready", () => {
  it("is 200 when the database answers and every migration is applied", async () => {
    const app = createApp({
      db: migrated.db,
      databaseKind: "pglite",
      logger: pino({ level: "silent" }),
    });
    const response = await app.request("/ready");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ready", database: "pglite" });
    // Only there: the apps' files keep their own caching.
    const other = await app.request("/trpc/auth.me");
    expect(other.headers.get("cache-control")).not.toBe("no-store");
  });

  it("is 503 with the reason while migrations are pending", async () => {
    const app = createApp({
      db: empty.db,
      databaseKind: "pglite",
      logger: pino({ level: "silent" }),
    });
    const response = await app.request("/ready");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "not_ready",
      reason: "migrations_pending",
      message: expect.stringContaining("migration"),
    });
  });

  it("is 503 with the reason when the database cannot be reached, and no stack", async () => {
    const gone = await openDatabase({ kind: "pglite-memory" });
    await prepareDatabase(gone, { seedDemoData: false });
    await gone.close();
    const app = createApp({
      db: gone.db,
      databaseKind: "pglite",
      logger: pino({ level: "silent" }),
    });
    const response = await app.request("/ready");
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: "not_ready", reason: "database_unreachable" });
    expect(text).not.toMatch(/ at |\.ts|\.js/u);
  });
});

describe("request ids", () => {
  it("name every reply and every log line of its request; a client cannot choose one", async () => {
    const { lines, logger } = recordingLogger();
    const app = createApp({ db: migrated.db, databaseKind: "pglite", logger });
    const response = await app.request("/trpc/unit.byCode?input=%7B%22code%22%3A%22KHONG%22%7D", {
      headers: { "x-request-id": "chosen-by-client" },
    });
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    const mine = lines.filter((line) => line.requestId === id);
    expect(mine.map((line) => line.msg)).toContain("request");
    expect(lines.some((line) => line.requestId === "chosen-by-client")).toBe(false);
  });

  it("keep a trusted proxy's X-Request-Id, so its logs and ours share it", async () => {
    const { lines, logger } = recordingLogger();
    const app = createApp({ db: migrated.db, databaseKind: "pglite", logger, trustProxy: true });
    const response = await app.request("/health", { headers: { "x-request-id": "lb-42.abc" } });
    expect(response.headers.get("x-request-id")).toBe("lb-42.abc");
    expect(lines.find((line) => line.msg === "request")?.requestId).toBe("lb-42.abc");
    // One that could forge a log line is replaced, even from the proxy.
    const forged = await app.request("/health", { headers: { "x-request-id": "a\tb" } });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/u);
  });

  it("reach lines logged without naming it (the mixin, not each call site)", async () => {
    const gone = await openDatabase({ kind: "pglite-memory" });
    await gone.close();
    const { lines, logger } = recordingLogger();
    const app = createApp({ db: gone.db, databaseKind: "pglite", logger });
    const response = await app.request("/health");
    expect(response.status).toBe(503);
    const id = response.headers.get("x-request-id");
    // /health logs its failure with only the error; the id comes from the request's scope.
    expect(lines.find((line) => line.msg === "health check failed")?.requestId).toBe(id);
  });
});
