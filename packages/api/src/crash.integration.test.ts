import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD, DEMO_PERIODS } from "@datchuan/db";
import { openDatabase } from "@datchuan/db/client";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { buildServerForTest, startBuiltServer } from "./testing/built-server";

let dataDir: string;

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("a server killed mid-write", () => {
  it("loses no acknowledged value and leaves no half-written report", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "datchuan-crash-"));
    // The built server, as `pnpm start` runs it: one node process holding the data.
    const built = await startBuiltServer(await buildServerForTest("crash"), { DATA_DIR: dataDir });
    const server = built.child;
    const base = `${built.url}/trpc`;
    const signIn = await fetch(`${base}/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "xa.xuanminh", password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const save = (period: string, numerator: number) =>
      fetch(`${base}/report.saveValue`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({
          unitCode: "THO-XUAN.XUAN-MINH",
          setId: "ntm-xa-2021-2025",
          period,
          indicatorCode: "15.1",
          value: { kind: "ratio", period, numerator, denominator: 3200 },
          expectedRowVersion: null,
        }),
      });

    // Months the demo's accepted (locked) history does not hold, so every save can succeed.
    const periods = Array.from(
      { length: 60 },
      (_, i) => `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
    ).filter((period) => !(DEMO_PERIODS as readonly string[]).includes(period));
    const acknowledged: string[] = [];
    for (const period of periods.slice(0, 20)) {
      const response = await save(period, 3000);
      expect(response.status).toBe(200);
      acknowledged.push(period);
    }
    // A burst of writes in flight, then the process dies without any chance to clean up.
    const inFlight = periods.slice(20).map((period) =>
      save(period, 3000).then(
        (response) => (response.status === 200 ? period : null),
        () => null,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.kill("SIGKILL");
    acknowledged.push(...(await Promise.all(inFlight)).filter((p): p is string => p !== null));
    if (server.exitCode === null && server.signalCode === null) await once(server, "exit");

    // Reopen the same folder (the dead server's lock goes stale and is taken over).
    const handle = await openDatabase({ kind: "pglite", dataDir });
    try {
      const rows = async (query: ReturnType<typeof sql>) =>
        ((await handle.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
      // This test's reports: Xuân Minh's, in its months (the demo's history stays aside).
      const mine = sql`(select r.id from report r join unit u on u.id = r.unit_id
        where u.code = 'THO-XUAN.XUAN-MINH' and r.period in (${sql.join(
          periods.map((period) => sql`${period}`),
          sql`, `,
        )}))`;
      const stored = await rows(
        sql`select r.period from report r join indicator_value v on v.report_id = r.id
            where r.id in ${mine}`,
      );
      const storedPeriods = new Set(stored.map((row) => row.period as string));
      for (const period of acknowledged) expect(storedPeriods.has(period)).toBe(true);

      const [counts] = await rows(sql`
        select
          (select count(*) from report where id in ${mine})::int as reports,
          (select count(*) from indicator_value where report_id in ${mine})::int as values,
          (select count(*) from stored_verdict where report_id in ${mine})::int as verdicts,
          (select count(*) from audit_event where action = 'value.save')::int as audits`);
      // Report, value, verdict and audit entry are written in one transaction: all or none.
      expect(counts).toEqual({
        reports: stored.length,
        values: stored.length,
        verdicts: stored.length,
        audits: stored.length,
      });
    } finally {
      await handle.close();
    }
  });
});
