import { Writable } from "node:stream";
import { createTestPostgresDatabase, postgresSuiteEnabled } from "@datchuan/db/testing";
import pg from "pg";
import pino from "pino";
import { expect, it } from "vitest";
import { startServer } from "./server";

const enabled = await postgresSuiteEnabled();

/**
 * Stopping the server (SIGTERM, a deploy) while a request is being answered, its client gone:
 * the handler runs on, so the database stays open until it ends. On PostgreSQL, where a pool
 * closed under a handler fails its next query.
 */
it.runIf(enabled)(
  "finishes a request whose client hung up before it closes the database",
  async () => {
    const database = await createTestPostgresDatabase();
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).trim().split("\n")) lines.push(JSON.parse(line));
        done();
      },
    });
    const server = await startServer({
      port: 0,
      host: "127.0.0.1",
      database: { kind: "postgres", url: database.url },
      seedDemoData: true,
      logger: pino({ level: "info" }, stream),
    });
    // Another session locks the units, so the request waits inside its handler.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query("begin");
      await blocker.query("lock table unit in access exclusive mode");
      const path = `/trpc/unit.byCode?input=${encodeURIComponent(JSON.stringify({ code: "THO-XUAN" }))}`;
      const client = new AbortController();
      const hungUp = fetch(`${server.url}${path}`, { signal: client.signal }).then(
        () => "answered",
        () => "hung up",
      );
      await expect.poll(() => server.answering()).toBe(1);
      client.abort();
      expect(await hungUp).toBe("hung up");

      // How many requests were being answered when the database was closed.
      const answeringAtClose: number[] = [];
      const close = server.database.close.bind(server.database);
      server.database.close = () => {
        answeringAtClose.push(server.answering());
        return close();
      };
      const stopped = server.stop();
      const waiting = () =>
        lines.some((line) => line.msg === "stopping: waiting for requests in flight");
      await expect.poll(() => waiting() || answeringAtClose.length > 0).toBe(true);
      await blocker.query("rollback");
      await stopped;
      expect(answeringAtClose).toEqual([0]);
      const answered = lines.find(
        (line) => line.msg === "request" && line.path === "/trpc/unit.byCode",
      );
      expect(answered?.status).toBe(200);
    } finally {
      await blocker.end();
      await database.drop();
    }
  },
);
