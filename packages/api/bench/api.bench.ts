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
 * it, and loads each with autocannon (in a worker thread) over loopback, at 50 and 200
 * connections; writes with 1 and 10 writers on one report. Every case is measured in rounds
 * (`BENCH_ROUNDS`, `BENCH_SECONDS` each; reads in an order rotated each round), so a slow spell
 * of a shared machine falls on every case alike; each read's ratio to bare Hono is taken
 * against the bare endpoint's run of the same round. Prints p50/p99 and req/s (medians of the
 * rounds), the ratios (median, lowest, highest), and the issue's goals.
 */

const args = new Set(process.argv.slice(2));
const COMMUNES = args.has("--country") ? 10_000 : Number(process.env.BENCH_COMMUNES ?? 600);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Read cases are measured in rounds, each case once per round, in an order rotated each round. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
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
  const results: Measured[] = [];
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
      const cases = reads
        .filter((r) => wanted(r.name) || r.name.startsWith("bare Hono"))
        .map((read): [Target, Measured] => [
          read.target,
          { name: read.name, connections, bytes: sizes.get(read.name)!, rounds: [] },
        ]);
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < cases.length; k++) {
          const [target, measured] = cases[(round + k) % cases.length]!;
          // One request first: waits out what the previous case left queued, and warms the path.
          await check(measured.name, target);
          const result = await load(target, connections);
          measured.rounds.push(result);
          log(
            `  round ${round + 1}/${ROUNDS}: ${measured.name} @${connections}: p99 ${result.p99} ms, ${Math.round(result.rps)} req/s, ${Math.round(result.cpuPerRequest ?? 0)} µs CPU/req, generator ${Math.round((result.generatorBusy ?? 0) * 100)} % busy${failures(result)} (load ${loadAverage()})`,
          );
        }
      }
      results.push(...cases.map(([, measured]) => measured));
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
      const measured: Measured = { name, connections: writers, bytes: 0, rounds: [] };
      // Two seconds unrecorded first, as for the bare endpoint: the first round otherwise paid for
      // the JIT's warming of the whole save path (its p99 was the highest in every run).
      await server.idle();
      await loadOnly(await writeTarget(writers), writers, 2);
      for (let round = 0; round < ROUNDS; round++) {
        // What the cases before left queued is answered first: a save whose writer the load
        // generator dropped at the end of its run still commits, and must before versions are
        // read.
        await check("health", { url: `${base}/health` });
        await server.idle();
        const result = await load(await writeTarget(writers), writers);
        measured.rounds.push(result);
        log(
          `  round ${round + 1}/${ROUNDS}: ${name}: p99 ${result.p99} ms, ${Math.round(result.rps)} req/s${failures(result)} (load ${loadAverage()})`,
        );
        if (result.refused) log(`    first refused: ${result.refused}`);
      }
      results.push(measured);
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

/** One case at one number of connections: its runs, one per round (writes: one run). */
interface Measured {
  name: string;
  connections: number;
  bytes: number;
  rounds: Load[];
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** A case's rounds in one: medians of latency, throughput and cost; failures summed. */
function summary(m: Measured) {
  const of = (pick: (l: Load) => number) => median(m.rounds.map(pick));
  return {
    p50: of((l) => l.p50),
    p99: of((l) => l.p99),
    p99Max: Math.max(...m.rounds.map((l) => l.p99)),
    rps: of((l) => l.rps),
    cpuPerRequest: of((l) => l.cpuPerRequest ?? 0),
    generatorBusy: of((l) => l.generatorBusy ?? 0),
    failed: m.rounds.reduce((n, l) => n + l.non2xx + l.errors + l.timeouts, 0),
    answered: m.rounds.reduce((n, l) => n + l.total, 0),
  };
}

/** A case's req/s over a yardstick's, round by round (each against the same round's run). */
function ratios(m: Measured, yardstick: Measured) {
  const each = m.rounds.map((l, r) => l.rps / (yardstick.rounds[r]?.rps ?? Number.NaN));
  return { median: median(each), low: Math.min(...each), high: Math.max(...each) };
}

function printTable(results: Measured[]) {
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  log(
    `\nEach case: ${ROUNDS} round(s) of ${SECONDS} s. p50, p99, req/s, CPU and busy are medians of the rounds; p99 also its highest; × bare Hono is the median of the round-by-round ratios (lowest–highest).`,
  );
  log(
    `\n| ${"case".padEnd(52)} | conns | p50 ms | p99 ms (max) |  req/s | × bare Hono (range)  | µs CPU/req | gen. busy | reply KB | non-2xx |`,
  );
  log(
    `|${"-".repeat(54)}|-------|--------|--------------|--------|----------------------|------------|-----------|----------|---------|`,
  );
  for (const r of results) {
    const s = summary(r);
    const bare = results.find(
      (b) => b.name === "bare Hono JSON" && b.connections === r.connections,
    );
    const ratio =
      bare && r.connections >= 50
        ? (({ median: m, low, high }) => `${m.toFixed(3)} (${low.toFixed(2)}–${high.toFixed(2)})`)(
            ratios(r, bare),
          )
        : "—";
    log(
      `| ${r.name.padEnd(52)} | ${pad(r.connections, 5)} | ${pad(s.p50, 6)} | ${pad(`${s.p99} (${s.p99Max})`, 12)} | ${pad(Math.round(s.rps), 6)} | ${pad(ratio, 20)} | ${pad(Math.round(s.cpuPerRequest), 10)} | ${pad(`${Math.round(s.generatorBusy * 100)} %`, 9)} | ${pad((r.bytes / 1024).toFixed(1), 8)} | ${pad(s.failed, 7)} |`,
    );
  }
}

function printGoals(results: Measured[], kind: "pglite" | "postgres") {
  const find = (prefix: string, connections: number) =>
    results.find((r) => r.name.startsWith(prefix) && r.connections === connections);
  const verdict = (ok: boolean) => (ok ? "met" : "NOT MET");
  // No request answered in the case's time says nothing about its latency.
  const judged = (m: Measured, limit: number) => {
    const s = summary(m);
    const rounds =
      m.rounds.length > 1 ? ` (median of ${m.rounds.length} rounds; highest ${s.p99Max} ms)` : "";
    const outcome =
      s.answered === 0
        ? "NOT MEASURED (no reply in time)"
        : verdict(s.p99 <= limit && s.failed === 0);
    return `${s.p99} ms${rounds} → ${outcome}`;
  };
  log("\nGoals (issue 13):");
  // An absolute goal on a shared machine: the bare endpoint's own p99 in this run says how
  // much of it the machine's load took.
  const bare50 = find("bare Hono JSON", 50);
  const context = bare50 ? ` (bare Hono JSON @50 in this run: p99 ${summary(bare50).p99} ms)` : "";
  const dashboard = find("dashboard: review.standing, province", 50);
  const dashboardGoal = kind === "postgres" ? 20 : 60;
  if (dashboard)
    log(
      `  province dashboard @50, p99 ≤ ${dashboardGoal} ms (${kind}): ${judged(dashboard, dashboardGoal)}${context}`,
    );
  const one = find("write: report.saveValue, 1 writer", 1);
  if (one) log(`  value write, 1 writer, p99 ≤ 50 ms: ${judged(one, 50)}${context}`);
  const ten = find("write: report.saveValue, 10 writers", 10);
  if (ten)
    log(`  value write, 10 writers on one report, p99 ≤ 200 ms: ${judged(ten, 200)}${context}`);
  for (const connections of [50, 200]) {
    const bare = find("bare Hono JSON", connections);
    if (!bare) continue;
    for (const r of results.filter(
      (x) => x.name.startsWith("public:") && x.connections === connections,
    )) {
      const ok = summary(r).failed === 0;
      const goal = (label: string, yardstick: Measured) => {
        const { median: m, low, high } = ratios(r, yardstick);
        log(
          `  ${r.name} @${connections} ≥ 0.5× ${label}: ${m.toFixed(3)}× (rounds ${low.toFixed(2)}–${high.toFixed(2)}) → ${verdict(m >= 0.5 && ok)}`,
        );
      };
      goal("bare Hono (tiny JSON)", bare);
      const same = find(`bare Hono, same bytes as ${r.name.slice("public: ".length)}`, connections);
      if (same) goal("bare Hono (same reply bytes)", same);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
