import { gunzipSync } from "node:zlib";
import { readStandingVersion, readStandingVersionShared } from "@datchuan/db";
import { report, storedVerdict } from "@datchuan/db/schema";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { summariseStanding } from "./services/review";
import { standingCacheStats } from "./services/standing-cache";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * The district review is kept per query while the database's standing version holds still:
 * a second read is served from the cache, and any committed write the result is read from —
 * through the API or straight into the database, as another process would — is seen by the
 * next read.
 */
describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const SET = "ntm-xa-2021-2025";
  const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: SET, period: "2024" };
  const query = { unitCode: "THO-XUAN", setId: SET, asOf: "2024-12-31", working: true };
  const bhyt = (numerator: number) => ({
    kind: "ratio" as const,
    period: "2024",
    numerator,
    denominator: 3200,
  });

  it("serves a repeated read from the cache and sees a save on the next read", async () => {
    const district = await env.as("huyen.thoxuan");
    const before = await district.review.standing(query);
    expect(before.units.map((u) => u.code)).not.toContain("THO-XUAN.XUAN-MINH");
    const stats = standingCacheStats();
    const again = await district.review.standing(query);
    expect(again).toEqual(before);
    expect(standingCacheStats().served).toBe(stats.served + 1);
    expect(standingCacheStats().computed).toBe(stats.computed);

    const officer = await env.as("xa.xuanminh");
    const saved = await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: bhyt(3000),
      expectedRowVersion: null,
    });
    const after = await district.review.standing(query);
    expect(standingCacheStats().computed).toBe(stats.computed + 1);
    const row = after.units.find((u) => u.code === "THO-XUAN.XUAN-MINH");
    expect(row?.summary).toBe(saved.verdictSummary);

    // A changed value changes the verdict's counts, and the next read shows them.
    const resaved = await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: bhyt(100),
      expectedRowVersion: 1,
    });
    const changed = await district.review.standing(query);
    const changedRow = changed.units.find((u) => u.code === "THO-XUAN.XUAN-MINH");
    expect(changedRow?.summary).toBe(resaved.verdictSummary);
    // What a computation bypassing the cache (inside a transaction) gives now.
    const fresh = await env.handle.db.transaction((tx) =>
      summariseStanding(tx, {
        scope: { path: "/THANH-HOA/THO-XUAN/" },
        setId: SET,
        asOf: query.asOf,
        acceptedOnly: false,
      }),
    );
    expect(changed).toEqual(fresh);
  });

  it("sees a write made outside this process's API (straight into the database)", async () => {
    const db = env.handle.db;
    const district = await env.as("huyen.thoxuan");
    const cached = await district.review.standing(query);
    expect(cached.units.map((u) => u.code)).toContain("THO-XUAN.XUAN-MINH");
    const version = await readStandingVersion(db);
    // As another API process would: the report's verdicts go, with no call through this code.
    const reports = await db.select({ id: report.id }).from(report);
    await db.delete(storedVerdict).where(
      inArray(
        storedVerdict.reportId,
        reports.map((r) => r.id),
      ),
    );
    expect(await readStandingVersion(db)).not.toBe(version);
    const after = await district.review.standing(query);
    expect(after.units.map((u) => u.code)).not.toContain("THO-XUAN.XUAN-MINH");
  });

  it("bumps the version once per committed transaction, not per row, and not on rollback", async () => {
    const db = env.handle.db;
    const [one] = await db.select({ id: report.id }).from(report).limit(1);
    const version = Number(await readStandingVersion(db));
    await db.transaction(async (tx) => {
      await tx.update(report).set({ rowVersion: 7 }).where(eq(report.id, one!.id));
      await tx.update(report).set({ rowVersion: 8 }).where(eq(report.id, one!.id));
    });
    expect(Number(await readStandingVersion(db))).toBe(version + 1);
    await expect(
      db.transaction(async (tx) => {
        await tx.update(report).set({ rowVersion: 9 }).where(eq(report.id, one!.id));
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(Number(await readStandingVersion(db))).toBe(version + 1);
  });

  it("computes inside a transaction without caching what it may see uncommitted", async () => {
    const db = env.handle.db;
    const stats = standingCacheStats();
    const params = {
      scope: { path: "/THANH-HOA/THO-XUAN/" },
      setId: SET,
      asOf: "2024-12-31",
      acceptedOnly: false,
    };
    await db.transaction(async (tx) => {
      await summariseStanding(tx, params);
    });
    expect(standingCacheStats().served).toBe(stats.served);
    expect(standingCacheStats().size).toBe(stats.size);
  });

  it("serves the signed review's reply as kept bytes over HTTP, and a write moves it on", async () => {
    const db = env.handle.db;
    const app = testApp(env.handle);
    const input = { unitCode: "THO-XUAN", setId: SET, asOf: "2024-12-31" };
    const url = `http://localhost/trpc/review.standing?input=${encodeURIComponent(JSON.stringify(input))}`;
    const get = (headers: Record<string, string> = {}) => app.request(url, { headers });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get("X-Datchuan-Cache")).toBeNull();
    const body = await first.text();
    const second = await get();
    expect(second.headers.get("X-Datchuan-Cache")).toBe("hit");
    expect(await second.text()).toBe(body);
    const zipped = await get({ "accept-encoding": "gzip" });
    expect(zipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8")).toBe(body);
    // The tRPC reply itself: the same as the caller's result.
    const public_ = await (await env.as(null)).review.standing(input);
    expect(JSON.parse(body).result.data).toEqual(JSON.parse(JSON.stringify(public_)));

    // Working verdicts are never served from kept bytes.
    const working = `http://localhost/trpc/review.standing?input=${encodeURIComponent(JSON.stringify({ ...input, working: true }))}`;
    expect((await app.request(working)).headers.get("X-Datchuan-Cache")).toBeNull();

    // A write straight into the database (another process) is seen by the next reply.
    const [one] = await db.select({ id: report.id }).from(report).limit(1);
    await db.update(report).set({ rowVersion: 11 }).where(eq(report.id, one!.id));
    expect((await get()).headers.get("X-Datchuan-Cache")).toBeNull();
    expect((await get()).headers.get("X-Datchuan-Cache")).toBe("hit");
  });

  it.runIf(database.name === "PostgreSQL")(
    "shares version reads between concurrent readers, never one begun before a reader asked",
    async () => {
      const db = env.handle.db;
      const first = readStandingVersionShared(db);
      // Asked while the first query runs: a write may have committed since it began, so these
      // wait for the next query, and share it.
      const second = readStandingVersionShared(db);
      const third = readStandingVersionShared(db);
      expect(second).not.toBe(first);
      expect(third).toBe(second);
      expect(await first).toBe(await readStandingVersion(db));
      expect(await second).toBe(await first);

      // A write committed while a query is under way is seen by whoever asked after it committed.
      // (The query under way may itself run after the commit, on its pooled connection: it can
      // only be newer than when it was asked, never older.)
      const start = Number(await readStandingVersion(db));
      const before = readStandingVersionShared(db);
      const [one] = await db.select({ id: report.id }).from(report).limit(1);
      await db.update(report).set({ rowVersion: 12 }).where(eq(report.id, one!.id));
      const after = await readStandingVersionShared(db);
      expect(Number(after)).toBe(start + 1);
      expect(Number(await before)).toBeGreaterThanOrEqual(start);
      expect(after).toBe(await readStandingVersion(db));
    },
  );

  it.runIf(database.name === "PGlite")(
    "keeps the embedded version in memory, moved by each commit before the commit returns",
    async () => {
      const db = env.handle.db;
      const version = await readStandingVersionShared(db);
      expect(version).toBe(await readStandingVersion(db));
      const [one] = await db.select({ id: report.id }).from(report).limit(1);
      await db.update(report).set({ rowVersion: 13 }).where(eq(report.id, one!.id));
      // Asked right after the commit returned: already the new version.
      expect(Number(await readStandingVersionShared(db))).toBe(Number(version) + 1);
      await expect(
        db.transaction(async (tx) => {
          await tx.update(report).set({ rowVersion: 14 }).where(eq(report.id, one!.id));
          throw new Error("rolled back on purpose");
        }),
      ).rejects.toThrow("rolled back on purpose");
      expect(Number(await readStandingVersionShared(db))).toBe(Number(version) + 1);

      // No query: the answer comes while a transaction holds PGlite's one session, which a
      // query would have to wait for.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = () => {};
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const transaction = db.transaction(async (tx) => {
        await tx.select({ id: report.id }).from(report).limit(1);
        entered();
        await held;
      });
      await inside;
      const during = await readStandingVersionShared(db);
      release();
      await transaction;
      expect(Number(during)).toBe(Number(version) + 1);
    },
  );
});
