import { listReportsUnder } from "@datchuan/db";
import { type DatabaseHandle, openDatabase } from "@datchuan/db/client";
import { unit } from "@datchuan/db/schema";
import { createTestPostgresDatabase, postgresSuiteEnabled } from "@datchuan/db/testing";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BuiltServerProcess,
  buildServerForTest,
  startBuiltServer,
} from "./testing/built-server";

/**
 * Several API processes behind a load balancer on one PostgreSQL: two processes of the built
 * server (as `pnpm start` runs it) started together on one fresh database.
 */
const enabled = await postgresSuiteEnabled();
if (!enabled) console.warn("Multi-process tests skipped: they need PostgreSQL (see above).");

const NTM = "ntm-xa-2021-2025";
const PERIODS = ["2021", "2022", "2023"];

describe.runIf(enabled)("two API processes on one PostgreSQL database", () => {
  let drop: () => Promise<void>;
  let direct: DatabaseHandle;
  let a: BuiltServerProcess;
  let b: BuiltServerProcess;
  let cookie: string;

  beforeAll(async () => {
    const main = await buildServerForTest("multi-process");
    const database = await createTestPostgresDatabase();
    drop = database.drop;
    // Started together: one migrates and seeds, the other waits for it (an advisory lock).
    const env = { DATABASE_URL: database.url, SEED_DEMO_DATA: "true", LOG_LEVEL: "info" };
    [a, b] = await Promise.all([startBuiltServer(main, env), startBuiltServer(main, env)]);
    direct = await openDatabase({ kind: "postgres", url: database.url });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await direct?.close();
    await drop?.();
  });

  function trpc(server: BuiltServerProcess, path: string, body?: unknown) {
    return fetch(`${server.url}/trpc/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  it("both start, one of them seeding: the demo is loaded once", async () => {
    expect([a.output(), b.output()].filter((out) => out.includes("dữ liệu mẫu"))).toHaveLength(1);
    expect(a.port).not.toBe(b.port);
    for (const server of [a, b]) expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it("a session made on one process works on the other, and signing out on it ends it on both", async () => {
    const signIn = await trpc(a, "auth.signIn", { username: "quantri", password: "datchuan-demo" });
    expect(signIn.status).toBe(200);
    cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const me = (await (await trpc(b, "auth.me")).json()) as {
      result: { data: { username: string } };
    };
    expect(me.result.data.username).toBe("quantri");

    const other = await trpc(b, "auth.signIn", { username: "quantri", password: "datchuan-demo" });
    const otherCookie = other.headers.get("set-cookie")!.split(";")[0]!;
    const signOut = await fetch(`${b.url}/trpc/auth.signOut`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: otherCookie },
      body: "{}",
    });
    expect(signOut.status).toBe(200);
    const after = await fetch(`${a.url}/trpc/auth.me`, { headers: { cookie: otherCookie } });
    expect(((await after.json()) as { result: { data: unknown } }).result.data).toBeNull();
  });

  it("a public reply kept by one process shows another's write within seconds, not its minute", async () => {
    const url = `${a.url}/data/v1/units/THO-XUAN/overview.json?date=2023-05-19`;
    const name = async () => JSON.stringify(await (await fetch(url)).json());
    const before = await name();
    expect(await name()).toBe(before); // kept
    const [district] = await direct.db
      .select({ name: unit.name })
      .from(unit)
      .where(eq(unit.code, "THO-XUAN"));
    const renamed = `${district!.name} (đổi tên qua tiến trình khác)`;
    // As process b or the CLI would: straight into the database, nothing through a.
    await direct.db.update(unit).set({ name: renamed }).where(eq(unit.code, "THO-XUAN"));
    try {
      // The kept reply is trusted a minute at most; the standing version, read about once a
      // second, ends it well before. Waits end when the new name appears.
      const deadline = Date.now() + 30_000;
      let seen = await name();
      while (!seen.includes(renamed) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = await name();
      }
      expect(seen).toContain(renamed);
    } finally {
      await direct.db.update(unit).set({ name: district!.name }).where(eq(unit.code, "THO-XUAN"));
    }
  });

  it("runs a publish's re-evaluation once: each report judged by one process, never both", async () => {
    // Writes through both processes: 22 communes × 3 periods, more than one batch of 50.
    const communes = (await (
      await trpc(
        a,
        `unit.children?input=${encodeURIComponent(JSON.stringify({ code: "THO-XUAN" }))}`,
      )
    ).json()) as {
      result: { data: Array<{ code: string }> };
    };
    let i = 0;
    for (const { code } of communes.result.data)
      for (const period of PERIODS) {
        const server = i++ % 2 === 0 ? a : b;
        const saved = await trpc(server, "report.saveValue", {
          unitCode: code,
          setId: NTM,
          period,
          indicatorCode: "17.1",
          value: { kind: "number", period, value: 80 },
          expectedRowVersion: null,
        });
        expect(saved.status).toBe(200);
      }
    const reports = await listReportsUnder(direct.db, { setId: NTM, pathPrefix: "/" });
    expect(reports.length).toBeGreaterThan(50);

    const { official: _note, ...set } = getOfficialCriteriaSet(NTM)!;
    const draft = (await (
      await trpc(a, "criteriaSet.createDraft", {
        definition: {
          ...set,
          version: "2021-two-processes",
          effective: { ...set.effective, from: "2021-01-01" },
        },
        ownerUnitCode: null,
      })
    ).json()) as { result: { data: { id: string; rowVersion: number } } };
    const published = (await (
      await trpc(a, "criteriaSet.publish", {
        id: draft.result.data.id,
        expectedRowVersion: draft.result.data.rowVersion,
      })
    ).json()) as {
      result: { data: { id: string; reevaluation: { jobId: string; total: number } } };
    };
    const jobId = published.result.data.reevaluation.jobId;
    const setRowId = published.result.data.id;
    expect(published.result.data.reevaluation.total).toBe(reports.length);

    // Either process's worker may take each batch; progress is read through the other one.
    const input = encodeURIComponent(JSON.stringify({ id: setRowId }));
    const deadline = Date.now() + 120_000;
    let progress: { status: string; done: number; total: number } | undefined;
    while (Date.now() < deadline) {
      const reply = (await (await trpc(b, `criteriaSet.reevaluation?input=${input}`)).json()) as {
        result: { data: { status: string; done: number; total: number } };
      };
      progress = reply.result.data;
      if (progress.status === "done" || progress.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(progress).toMatchObject({ status: "done", done: reports.length });

    // Each process logs every batch it judged (after the batch commits, so wait for the lines):
    // together they cover the job's reports exactly once, whichever process took which batch.
    const batches = () =>
      [a, b]
        .flatMap((server) =>
          server
            .output()
            .split("\n")
            .filter((line) => line.startsWith("{"))
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .filter((line) => line.msg === "re-evaluation batch judged" && line.jobId === jobId)
            .map((line) => ({ from: line.from as number, done: line.done as number })),
        )
        .sort((x, y) => x.from - y.from);
    const logDeadline = Date.now() + 30_000;
    while (batches().at(-1)?.done !== reports.length && Date.now() < logDeadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    let covered = 0;
    for (const batch of batches()) {
      expect(batch.from).toBe(covered);
      covered = batch.done;
    }
    expect(covered).toBe(reports.length);
  });
});
