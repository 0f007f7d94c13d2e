import { Writable } from "node:stream";
import { getReevaluation, listReportsUnder } from "@datchuan/db";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { createTestPostgresDatabase, postgresSuiteEnabled } from "@datchuan/db/testing";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestLogFields } from "./http/request-id";
import { type RunningServer, startServer } from "./server";
import { callerAs } from "./testing";
import { startTcpProxy } from "./testing/tcp-proxy";

/**
 * PostgreSQL going away under a running server, and coming back. The shared server at
 * 127.0.0.1:5432 is never stopped: the API reaches its own database through a TCP proxy this
 * test cuts and restores.
 */
const enabled = await postgresSuiteEnabled();
if (!enabled) console.warn("PostgreSQL outage tests skipped: they need PostgreSQL (see above).");

const NTM = "ntm-xa-2021-2025";
const UNAVAILABLE = "Không kết nối được cơ sở dữ liệu";
const byCode = `/trpc/unit.byCode?input=${encodeURIComponent(JSON.stringify({ code: "THO-XUAN" }))}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.runIf(enabled)("PostgreSQL stopped and started again under a running server", () => {
  let drop: () => Promise<void>;
  let direct: DatabaseHandle;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let server: RunningServer;
  const logLines: Array<Record<string, unknown>> = [];
  let jobId: string;

  beforeAll(async () => {
    const database = await createTestPostgresDatabase();
    drop = database.drop;
    direct = await openDatabase({ kind: "postgres", url: database.url });
    await prepareDatabase(direct, { seedDemoData: true });
    const target = new URL(database.url);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const throughProxy = new URL(database.url);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    const stream = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).trim().split("\n")) logLines.push(JSON.parse(line));
        done();
      },
    });
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      database: { kind: "postgres", url: throughProxy.toString() },
      seedDemoData: false,
      logger: pino({ level: "info", mixin: requestLogFields }, stream),
    });
  });

  afterAll(async () => {
    await proxy?.restore();
    await server?.stop();
    await direct?.close();
    await proxy?.close();
    await drop?.();
  });

  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  it("serves while the database is up", async () => {
    expect((await get(byCode)).status).toBe(200);
    expect((await get("/ready")).status).toBe(200);
    // Reports for the re-evaluation a publish will ask for during the outage.
    const admin = await callerAs(direct.db, "quantri");
    for (const code of ["THO-XUAN.XUAN-MINH", "THO-XUAN.XUAN-TIN", "THO-XUAN.XUAN-LAP"])
      await admin.report.saveValue({
        unitCode: code,
        setId: NTM,
        period: "2023",
        indicatorCode: "17.1",
        value: { kind: "number", period: "2023", value: 80 },
        expectedRowVersion: null,
      });
  });

  it("answers 503 at once when PostgreSQL stops: Vietnamese, with the request id, no stack", async () => {
    await proxy.cut();
    const started = performance.now();
    const response = await get(byCode);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    const id = response.headers.get("x-request-id")!;
    const text = await response.text();
    const body = JSON.parse(text) as { error: { message: string; data: { code: string } } };
    expect(body.error.message).toContain(UNAVAILABLE);
    expect(body.error.message).toContain(id);
    expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(text).not.toMatch(/ECONNREFUSED|\bat\s.+:\d+|node_modules|\.ts\b|select /u);
    // A refused connection fails at once; the bound is loose only for a loaded machine.
    expect(elapsed).toBeLessThan(5_000);
    expect(logLines.some((line) => line.requestId === id && line.level === 40)).toBe(true);

    const signIn = await fetch(`http://127.0.0.1:${server.port}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "quantri", password: "datchuan-demo" }),
    });
    expect(signIn.status).toBe(503);
    const openData = await get("/data/v1/units/THO-XUAN/standing.json?date=2023-05-19");
    expect(openData.status).toBe(503);
    expect(((await openData.json()) as { error: { message: string } }).error.message).toContain(
      UNAVAILABLE,
    );
    const ready = await get("/ready");
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ reason: "database_unreachable" });
    expect((await get("/health")).status).toBe(503);

    // Meanwhile another process (here: a direct connection) publishes; the job waits for us.
    const admin = await callerAs(direct.db, "quantri");
    const { official: _note, ...set } = getOfficialCriteriaSet(NTM)!;
    const draft = await admin.criteriaSet.createDraft({
      definition: {
        ...set,
        version: "2023-outage",
        effective: { ...set.effective, from: "2023-01-01" },
      },
      ownerUnitCode: null,
    });
    const published = await admin.criteriaSet.publish({
      id: draft.id,
      expectedRowVersion: draft.rowVersion,
    });
    jobId = published.reevaluation.jobId;
    const reports = await listReportsUnder(direct.db, { setId: NTM, pathPrefix: "/" });
    expect(published.reevaluation.total).toBe(reports.length);
  });

  it("answers 503 within the connection timeout when the network swallows packets", async () => {
    await proxy.blackhole();
    const started = performance.now();
    const response = await get(byCode);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      UNAVAILABLE,
    );
    // 2.5 s to connect, then the answer: never a hang.
    expect(elapsed).toBeGreaterThan(2_000);
    expect(elapsed).toBeLessThan(15_000);
  });

  it("recovers by itself when PostgreSQL is back, and its worker runs the job left waiting", async () => {
    await proxy.restore();
    await waitFor("/ready", async () => ((await get("/ready")).status === 200 ? true : undefined));
    expect((await get(byCode)).status).toBe(200);
    const job = await waitFor("the re-evaluation", async () => {
      const progress = await getReevaluation(direct.db, jobId);
      return progress?.status === "done" ? progress : undefined;
    });
    expect(job.done).toBe(job.total);
    expect(job.error).toBeNull();
  });
});
