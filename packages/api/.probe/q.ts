import { openDatabase } from "@datchuan/db/client";
import { readReportPageStamp, findSessionWithRoles, readStandingVersion } from "@datchuan/db";
const h = await openDatabase({ kind: "postgres", url: process.env.PROBE_URL! });
const key = { unitCode: "BENCH.H001.X01", setId: "ntm-xa-2021-2025", period: "2024-12" };
async function time(name: string, f: () => Promise<unknown>, n = 500) {
  for (let i = 0; i < 20; i++) await f();
  const cpu = process.cpuUsage(); const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  const u = process.cpuUsage(cpu);
  console.log(name, "ms/q", ((performance.now() - t) / n).toFixed(3), "node cpu ms/q", ((u.user + u.system) / 1000 / n).toFixed(3));
}
await time("stamp", () => readReportPageStamp(h.db, key));
await time("session", () => findSessionWithRoles(h.db, "nope"));
await time("version", () => readStandingVersion(h.db));
await h.close();
