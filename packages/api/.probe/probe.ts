import pino from "pino";
import { startServer } from "../src/server";

const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  database: { kind: "postgres", url: process.env.PROBE_URL! },
  seedDemoData: false,
  logger: pino({ level: "silent" }),
});
const base = server.url.replace("localhost", "127.0.0.1");
const signed = await fetch(`${base}/trpc/auth.signIn`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: "bench.tinh", password: "bench-only-password" }),
});
const cookie = signed.headers.getSetCookie()[0]!.split(";")[0]!;
const input = { unitCode: "BENCH.H001.X01", setId: "ntm-xa-2021-2025", period: "2024-12" };
const url = `${base}/trpc/report.get?input=${encodeURIComponent(JSON.stringify(input))}`;
for (let i = 0; i < 3; i++) {
  const r = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" } });
  const body = await r.arrayBuffer();
  console.log(r.status, r.headers.get("x-datchuan-cache"), r.headers.get("content-encoding"), body.byteLength);
}
const N = Number(process.env.PROBE_N ?? 500);
const started = performance.now();
for (let i = 0; i < N; i++) {
  const r = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" } });
  await r.arrayBuffer();
}
console.log("sequential ms/request", ((performance.now() - started) / N).toFixed(2));
const cpu = process.cpuUsage();
const t2 = performance.now();
await Promise.all(Array.from({ length: 20 }, async () => {
  for (let i = 0; i < N / 20; i++) {
    const r = await fetch(url, { headers: { cookie, "accept-encoding": "gzip" } });
    await r.arrayBuffer();
  }
}));
const used = process.cpuUsage(cpu);
console.log("20 concurrent: req/s", (N / ((performance.now() - t2) / 1000)).toFixed(0), "cpu ms/request (client+server)", ((used.user + used.system) / 1000 / N).toFixed(2));
await server.database.close();
process.exit(0);
