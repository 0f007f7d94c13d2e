import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { indicatorValue, report, unit } from "@datchuan/db/schema";
import { serve } from "@hono/node-server";
import { and, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import pg from "pg";
import pino from "pino";
import { startServer } from "../src/server";
import {
  ACCEPTED_PERIOD,
  BENCH_PASSWORD,
  DRAFT_PERIOD,
  generateProvince,
  PROVINCE,
  SET_ID,
} from "./province";

/**
 * pnpm bench:api — measurement, not a test. Generates a province (600 communes, 6 000 villages,
 * five years of values; `--country`: 10 000 communes) straight into a fresh database (embedded
 * PGlite in a temporary folder, or with DATABASE_URL a new PostgreSQL database on that server,
 * dropped after), starts the real server in this process and a bare Hono JSON endpoint beside
 * it, and loads each with autocannon (in a worker thread) over loopback: every case a few
 * seconds, at 50 and 200 connections; writes with 1 and 10 writers on one report. Prints
 * p50/p99, req/s, the ratio to bare Hono measured in the same run, and the issue's goals.
 */

const args = new Set(process.argv.slice(2));
const COMMUNES = args.has("--country") ? 10_000 : Number(process.env.BENCH_COMMUNES ?? 600);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const AS_OF = "2025-01-31";
/** While tuning: only the cases whose name matches this (case-insensitive) regular expression. */
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "iu") : null;
const wanted = (name: string) => !ONLY || name === "bare Hono JSON" || ONLY.test(name);
const log = (line: string) => console.log(line);
/** The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust times. */
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");

interface Database {
  kind: "pglite" | "postgres";
  config: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  drop(): Promise<void>;
}

async function freshDatabase(): Promise<Database> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const dataDir = mkdtempSync(join(tmpdir(), "datchuan-bench-"));
    return {
      kind: "pglite",
      config: { kind: "pglite", dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `datchuan_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    config: { kind: "postgres", url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

interface Load {
  p50: number;
  p99: number;
  max: number;
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  refused?: string;
  /** Share of the load generator's thread that was busy: near 1, it set the pace. */
  generatorBusy?: number;
  /** Microseconds of CPU (this process: server and load generator) per request. */
  cpuPerRequest?: number;
}

interface Target {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  write?: unknown;
}

const failures = (l: Load) =>
  l.non2xx + l.errors + l.timeouts > 0
    ? ` (${l.non2xx} non-2xx, ${l.errors} errors, ${l.timeouts} timeouts)`
    : "";

/**
 * Loads a target, and measures the CPU this process (server and load generator) spent per
 * request meanwhile: on a shared machine, what the case costs holds steadier than its req/s.
 */
async function load(target: Target, connections: number): Promise<Load> {
  const before = process.cpuUsage();
  const result = await loadOnly(target, connections, SECONDS);
  const used = process.cpuUsage(before);
  return { ...result, cpuPerRequest: result.total ? (used.user + used.system) / result.total : 0 };
}

function loadOnly(target: Target, connections: number, seconds: number): Promise<Load> {
  const url = new URL(target.url);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: {
        url: url.origin,
        path: url.pathname + url.search,
        method: target.method ?? "GET",
        // As browsers ask; the load generator then reads what a browser would be sent.
        headers: { "accept-encoding": "gzip", ...target.headers },
        body: target.body,
        write: target.write,
        connections,
        duration: seconds,
      },
    });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

/** One request first: a case that fails is reported, not measured as fast 500s. */
async function check(name: string, target: Target) {
  const attempt = () =>
    fetch(target.url, {
      method: target.method ?? "GET",
      headers: target.headers,
      body: target.body,
    });
  // Right after a heavy case the server may still be answering its queue: one more try.
  const response = await attempt().catch(async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    return attempt();
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${name}: ${response.status} ${text.slice(0, 300)}`);
  return { bytes: text.length, text };
}

const trpcGet = (base: string, path: string, input: unknown, cookie?: string): Target => ({
  url: `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  headers: cookie ? { cookie } : {},
});

async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in ${username}: ${response.status}`);
  const cookie = response.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`sign-in ${username}: no cookie`);
  return cookie;
}

async function main() {
  const database = await freshDatabase();
  const kindName = database.kind === "pglite" ? "embedded (PGlite)" : "PostgreSQL";
  log(`pnpm bench:api — ${kindName}, ${COMMUNES} communes, ${SECONDS} s per case`);
  log(
    `Load average at start (1 / 5 / 15 min): ${loadAverage()} on ${availableParallelism()} cores — absolute times inflate with it; compare the ratios`,
  );
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    database: database.config,
    seedDemoData: true,
    logger: pino({ level: "warn" }),
  });
  const bare = new Hono();
  bare.get("/json", (c) => c.json({ hello: "xin chào", n: 1 }));
  // The same reply bytes a public case sends (its JSON, gzipped as it is), served by a bare
  // route with nothing else: the fairest "bare Hono JSON endpoint" for that payload.
  const sameBytes = new Map<
    string,
    { body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> }
  >();
  bare.get("/same/:case", (c) => {
    const reply = sameBytes.get(c.req.param("case"));
    if (!reply) return c.notFound();
    const gzip = /\bgzip\b/u.test(c.req.header("accept-encoding") ?? "");
    const body = gzip ? reply.gzip : reply.body;
    return c.body(body, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(body.byteLength),
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
  });
  const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(instance),
    );
  });
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}`;
  const base = server.url.replace("localhost", "127.0.0.1");
  const results: Array<{ name: string; connections: number; load: Load; bytes: number }> = [];
  try {
    log("Generating the province…");
    const province = await generateProvince(server.database.db, { communes: COMMUNES, log });
    log(
      `  done in ${province.seconds.toFixed(1)} s: ${province.districts.length} districts, ${province.communes.length} communes, ${province.villages} villages, ${province.reports} reports, ${province.values} values, ${province.verdicts} verdicts`,
    );
    // Fresh planner statistics, as PostgreSQL's autovacuum would gather after a bulk load (the
    // embedded database has no autovacuum: see the README's Performance section).
    await server.database.db.execute(sql`analyze`);
    const adminCookie = await signIn(base, province.admin);
    const officerCookie = await signIn(base, province.officer);
    const commune = province.writeCommune;
    const district = province.districts[0]!;
    const standing = (unitCode: string) =>
      trpcGet(base, "review.standing", { unitCode, setId: SET_ID, asOf: AS_OF }, adminCookie);
    const openData = (code: string) => ({
      url: `${base}/data/v1/units/${code}/standing.json?date=${AS_OF}&set=${SET_ID}`,
    });
    const reads: Array<{ name: string; target: Target; public?: boolean; dashboard?: boolean }> = [
      { name: "bare Hono JSON", target: { url: `${bareUrl}/json` } },
      {
        name: `dashboard: review.standing, province (${COMMUNES} communes)`,
        target: standing(PROVINCE),
        dashboard: true,
      },
      { name: "dashboard: review.standing, district (20)", target: standing(district) },
      {
        name: "unit page: report.get (commune, accepted)",
        target: trpcGet(
          base,
          "report.get",
          { unitCode: commune, setId: SET_ID, period: ACCEPTED_PERIOD },
          adminCookie,
        ),
      },
      { name: "public: commune standing.json", target: openData(commune), public: true },
      { name: "public: district standing.json", target: openData(district), public: true },
      { name: "public: province standing.json", target: openData(PROVINCE), public: true },
    ];
    const sizes = new Map<string, number>();
    for (const read of [...reads]) {
      if (!wanted(read.name)) continue;
      const { bytes, text } = await check(read.name, read.target);
      sizes.set(read.name, bytes);
      if (!read.public) continue;
      const key = String(sameBytes.size);
      const body = new Uint8Array(Buffer.from(text, "utf8"));
      sameBytes.set(key, { body, gzip: new Uint8Array(gzipSync(body, { level: 6 })) });
      const name = `bare Hono, same bytes as ${read.name.slice("public: ".length)}`;
      reads.splice(reads.indexOf(read), 0, { name, target: { url: `${bareUrl}/same/${key}` } });
      sizes.set(name, bytes);
    }

    // The first case measured must not pay for the JIT's warming: the bare endpoint is the
    // yardstick of every ratio, so it is loaded once, unrecorded, before anything is measured.
    await loadOnly(reads[0]!.target, 50, 2);
    for (const connections of [50, 200]) {
      for (const read of reads.filter((r) => wanted(r.name) || r.name.startsWith("bare Hono"))) {
        // One request first: waits out what the previous case left queued, and warms the path.
        await check(read.name, read.target);
        const result = await load(read.target, connections);
        results.push({ name: read.name, connections, load: result, bytes: sizes.get(read.name)! });
        log(
          `  ${read.name} @${connections}: p99 ${result.p99} ms, ${Math.round(result.rps)} req/s, ${Math.round(result.cpuPerRequest ?? 0)} µs CPU/req, generator ${Math.round((result.generatorBusy ?? 0) * 100)} % busy${failures(result)} (load ${loadAverage()})`,
        );
      }
    }

    // Writes: each writer its own number indicator of the commune's draft report.
    const db = server.database.db;
    const writeValues = async () =>
      db
        .select({
          code: indicatorValue.indicatorCode,
          value: indicatorValue.value,
          rowVersion: indicatorValue.rowVersion,
        })
        .from(indicatorValue)
        .innerJoin(report, eq(report.id, indicatorValue.reportId))
        .innerJoin(unit, eq(unit.id, report.unitId))
        .where(and(eq(unit.code, commune), eq(report.period, DRAFT_PERIOD)))
        .orderBy(indicatorValue.indicatorCode);
    const writable = (await writeValues()).filter(
      (v) => v.value.kind === "number" || v.value.kind === "boolean",
    );
    if (writable.length < 10) throw new Error(`Only ${writable.length} writable values`);
    const chosen = writable.slice(0, 10).map((v) => v.code);
    const writeTarget = async (writers: number): Promise<Target> => {
      const current = new Map((await writeValues()).map((v) => [v.code, v]));
      const codes = chosen.slice(0, writers);
      return {
        url: `${base}/trpc/report.saveValue`,
        method: "POST",
        headers: { "content-type": "application/json", cookie: officerCookie },
        write: {
          indicators: codes,
          rowVersions: codes.map((code) => current.get(code)!.rowVersion),
          template: { unitCode: commune, setId: SET_ID, period: DRAFT_PERIOD, evidenceNote: null },
          values: Object.fromEntries(
            codes.map((code) => {
              // Two values taken in turn, so every save changes the value.
              const v = current.get(code)!.value;
              if (v.kind === "boolean") return [code, [v, { ...v, value: !v.value }]];
              const n = (v as { value: number }).value;
              return [code, [v, { ...v, value: Math.round((n >= 1 ? n - 1 : n + 1) * 10) / 10 }]];
            }),
          ),
        },
      };
    };
    for (const writers of [1, 10]) {
      const name = `write: report.saveValue, ${writers} writer${writers > 1 ? "s" : ""} on one report`;
      if (!wanted(name)) continue;
      // What the cases before left queued is answered first: a save whose writer the load
      // generator dropped at the end of its run still commits, and must before versions are read.
      await check("health", { url: `${base}/health` });
      await server.idle();
      const result = await load(await writeTarget(writers), writers);
      results.push({ name, connections: writers, load: result, bytes: 0 });
      log(
        `  ${name}: p99 ${result.p99} ms, ${Math.round(result.rps)} req/s${failures(result)} (load ${loadAverage()})`,
      );
      if (result.refused) log(`    first refused: ${result.refused}`);
    }

    printTable(results);
    printGoals(results, database.kind);
    const memory = process.memoryUsage();
    log(`Load average at the end (1 / 5 / 15 min): ${loadAverage()}`);
    log(
      `\nMemory of this process (server + load workers) at the end: RSS ${Math.round(memory.rss / 1e6)} MB, heap ${Math.round(memory.heapUsed / 1e6)} MB`,
    );
  } finally {
    await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    await server.stop();
    // While tuning: keep the generated database to look at its plans (`BENCH_KEEP=1`).
    if (process.env.BENCH_KEEP) log(`Kept the database: ${JSON.stringify(database.config)}`);
    else await database.drop();
  }
}

function printTable(
  results: Array<{ name: string; connections: number; load: Load; bytes: number }>,
) {
  const bareAt = new Map(
    results.filter((r) => r.name === "bare Hono JSON").map((r) => [r.connections, r.load.rps]),
  );
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  log(
    `\n| ${"case".padEnd(52)} | conns | p50 ms | p99 ms |  req/s | × bare Hono | µs CPU/req | gen. busy | reply KB | non-2xx |`,
  );
  log(
    `|${"-".repeat(54)}|-------|--------|--------|--------|-------------|------------|-----------|----------|---------|`,
  );
  for (const r of results) {
    const bare = bareAt.get(r.connections);
    const ratio = bare && r.connections >= 50 ? (r.load.rps / bare).toFixed(3) : "—";
    log(
      `| ${r.name.padEnd(52)} | ${pad(r.connections, 5)} | ${pad(r.load.p50, 6)} | ${pad(r.load.p99, 6)} | ${pad(Math.round(r.load.rps), 6)} | ${pad(ratio, 11)} | ${pad(Math.round(r.load.cpuPerRequest ?? 0), 10)} | ${pad(`${Math.round((r.load.generatorBusy ?? 0) * 100)} %`, 9)} | ${pad((r.bytes / 1024).toFixed(1), 8)} | ${pad(r.load.non2xx + r.load.errors + r.load.timeouts, 7)} |`,
    );
  }
}

function printGoals(
  results: Array<{ name: string; connections: number; load: Load }>,
  kind: "pglite" | "postgres",
) {
  const find = (prefix: string, connections: number) =>
    results.find((r) => r.name.startsWith(prefix) && r.connections === connections)?.load;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT MET");
  // No request answered in the case's time says nothing about its latency.
  const judged = (load: Load, ok: boolean) =>
    load.total === 0 ? "NOT MEASURED (no reply in time)" : verdict(ok);
  log("\nGoals (issue 13):");
  // An absolute goal on a shared machine: the bare endpoint's own p99 in this run says how
  // much of it the machine's load took.
  const bare50 = find("bare Hono JSON", 50);
  const context = bare50 ? ` (bare Hono JSON @50 in this run: p99 ${bare50.p99} ms)` : "";
  const dashboard = find("dashboard: review.standing, province", 50);
  const dashboardGoal = kind === "postgres" ? 20 : 60;
  if (dashboard)
    log(
      `  province dashboard @50, p99 ≤ ${dashboardGoal} ms (${kind}): ${dashboard.p99} ms → ${judged(dashboard, dashboard.p99 <= dashboardGoal && dashboard.non2xx === 0)}${context}`,
    );
  const one = find("write: report.saveValue, 1 writer", 1);
  if (one)
    log(
      `  value write, 1 writer, p99 ≤ 50 ms: ${one.p99} ms → ${judged(one, one.p99 <= 50 && one.non2xx === 0)}${context}`,
    );
  const ten = find("write: report.saveValue, 10 writers", 10);
  if (ten)
    log(
      `  value write, 10 writers on one report, p99 ≤ 200 ms: ${ten.p99} ms → ${judged(ten, ten.p99 <= 200 && ten.non2xx === 0)}${context}`,
    );
  for (const connections of [50, 200]) {
    const bare = find("bare Hono JSON", connections);
    if (!bare) continue;
    for (const r of results.filter(
      (x) => x.name.startsWith("public:") && x.connections === connections,
    )) {
      const ok = r.load.non2xx === 0;
      const ratio = r.load.rps / bare.rps;
      log(
        `  ${r.name} @${connections} ≥ 0.5× bare Hono (tiny JSON): ${ratio.toFixed(3)}× → ${verdict(ratio >= 0.5 && ok)}`,
      );
      const same = find(`bare Hono, same bytes as ${r.name.slice("public: ".length)}`, connections);
      if (!same) continue;
      const sameRatio = r.load.rps / same.rps;
      log(
        `  ${r.name} @${connections} ≥ 0.5× bare Hono (same reply bytes): ${sameRatio.toFixed(3)}× → ${verdict(sameRatio >= 0.5 && ok)}`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
