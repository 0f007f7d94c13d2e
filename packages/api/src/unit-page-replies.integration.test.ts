import { gunzipSync } from "node:zlib";
import { DEMO_PASSWORD, findUserForSignIn } from "@datchuan/db";
import { indicatorValue, report, roleAssignment, storedVerdict } from "@datchuan/db/schema";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runPendingJobs } from "./services/reevaluation";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * The unit page (`report.get`) is kept as bytes per query, kind of reader and stamp of the
 * report's rows. Every kind of write — through the API or straight into the database, as another
 * process would — shows on the next read, and what is kept for readers of drafts never reaches
 * the public. Each read over HTTP is compared with the procedure computed afresh (no cache).
 */
describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const SET = "ntm-xa-2021-2025";
  const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: SET, period: "2024" };
  const bhyt = (numerator: number) => ({
    kind: "ratio" as const,
    period: "2024",
    numerator,
    denominator: 3200,
  });
  let app: ReturnType<typeof testApp>;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    app = testApp(env.handle);
    for (const username of ["xa.xuanminh", "thon1.xuanminh", "huyen.thoxuan"]) {
      const response = await app.request("/trpc/auth.signIn", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      expect(response.status).toBe(200);
      cookies.set(username, response.headers.getSetCookie()[0]!.split(";")[0]!);
    }
  });

  const url = (batch = false) =>
    batch
      ? `/trpc/report.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: key }))}`
      : `/trpc/report.get?input=${encodeURIComponent(JSON.stringify(key))}`;

  /** The unit page over HTTP, as `username` (or the public), with whether it was kept. */
  async function page(username: string | null, headers: Record<string, string> = {}) {
    const cookie = username ? cookies.get(username) : undefined;
    const response = await app.request(url(), {
      headers: { ...headers, ...(cookie ? { cookie } : {}) },
    });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = Buffer.from(
      response.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes) : bytes,
    ).toString("utf8");
    const data = (JSON.parse(text) as { result: { data: Page } }).result.data;
    return { cache: response.headers.get("X-Datchuan-Cache"), text, data };
  }
  type Page = { values: Array<{ evidenceNote: string | null }>; report: { status: string } } | null;

  /** What the procedure computes now, bypassing any kept reply, as JSON would carry it. */
  async function fresh(username: string | null) {
    const page = await (await env.as(username)).report.get(key);
    return JSON.parse(JSON.stringify(page)) as Page;
  }

  /** Reads the page twice per reader: the second is kept, and both are what is true now. */
  async function expectCurrent(readers: Array<string | null>) {
    for (const reader of readers) {
      const first = await page(reader);
      expect(first.data).toEqual(await fresh(reader));
      const again = await page(reader);
      expect(again.cache).toBe("hit");
      expect(again.text).toBe(first.text);
    }
  }

  it("keeps the page per kind of reader: a draft kept for its commune never reaches the public", async () => {
    const officer = await env.as("xa.xuanminh");
    await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: bhyt(3000),
      evidenceNote: "Danh sách nội bộ",
      expectedRowVersion: null,
    });
    const first = await page("xa.xuanminh");
    expect(first.cache).toBe("miss");
    expect(first.data?.values.map((v) => v.evidenceNote)).toEqual(["Danh sách nội bộ"]);
    const kept = await page("xa.xuanminh");
    expect(kept.cache).toBe("hit");
    expect(kept.text).toBe(first.text);
    const zipped = await page("xa.xuanminh", { "accept-encoding": "gzip" });
    expect(zipped.cache).toBe("hit");
    expect(zipped.text).toBe(first.text);
    // The district may read the commune's drafts too: the same reply, kept once for both.
    expect((await page("huyen.thoxuan")).text).toBe(first.text);

    // The public, a village's officer and an unknown cookie: the commune's draft is not theirs.
    expect((await page(null)).data).toBeNull();
    expect((await page("thon1.xuanminh")).data).toBeNull();
    cookies.set("unknown", "datchuan_session=not-a-session");
    expect((await page("unknown")).data).toBeNull();
    expect((await page(null)).cache).toBe("hit");

    // A kept reply carries the request's own id and the same security headers as any other.
    const headersOf = async (path: string) => {
      const response = await app.request(path, {
        headers: { cookie: cookies.get("xa.xuanminh")! },
      });
      await response.arrayBuffer();
      return response.headers;
    };
    const keptHeaders = await headersOf(url());
    const otherHeaders = await headersOf(
      `/trpc/report.schedule?input=${encodeURIComponent(JSON.stringify({ setId: SET }))}`,
    );
    expect(keptHeaders.get("X-Datchuan-Cache")).toBe("hit");
    expect(otherHeaders.get("x-content-type-options")).toBe("nosniff");
    expect(otherHeaders.get("content-security-policy")).toContain("default-src 'self'");
    for (const name of ["content-security-policy", "x-content-type-options", "x-frame-options"])
      expect(keptHeaders.get(name)).toBe(otherHeaders.get(name));
    expect(keptHeaders.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/u);
    expect(keptHeaders.get("x-request-id")).not.toBe(otherHeaders.get("x-request-id"));

    // A batch of one is kept under its own query, and shows the same page.
    const batch = await app.request(url(true), {
      headers: { cookie: cookies.get("xa.xuanminh")! },
    });
    const [call] = (await batch.json()) as Array<{ result: { data: Page } }>;
    expect(call?.result.data).toEqual(first.data);
  });

  it("shows a saved value, and an evidence note changed alone, on the next read", async () => {
    await expectCurrent(["xa.xuanminh"]);
    const officer = await env.as("xa.xuanminh");
    const saved = await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: bhyt(3100),
      evidenceNote: "Danh sách nội bộ",
      expectedRowVersion: 1,
    });
    const after = await page("xa.xuanminh");
    expect(after.cache).toBe("miss");
    expect(after.data).toEqual(await fresh("xa.xuanminh"));
    expect(JSON.stringify(after.data)).toContain(saved.verdictSummary);
    await expectCurrent(["xa.xuanminh"]);

    await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: bhyt(3100),
      evidenceNote: "Danh sách đã bổ sung",
      expectedRowVersion: saved.value.rowVersion,
    });
    const noted = await page("xa.xuanminh");
    expect(noted.data?.values.map((v) => v.evidenceNote)).toEqual(["Danh sách đã bổ sung"]);
    expect(noted.data).toEqual(await fresh("xa.xuanminh"));
  });

  it("follows submission, review and acceptance; the public sees the accepted page without notes", async () => {
    const officer = await env.as("xa.xuanminh");
    await expectCurrent(["xa.xuanminh", null]);
    const current = (await officer.report.get(key))!;
    await officer.report.submit({ ...key, expectedRowVersion: current.report.rowVersion });
    expect((await page("xa.xuanminh")).data?.report.status).toBe("submitted");
    await expectCurrent(["xa.xuanminh", null]);

    const value = (await officer.report.get(key))!.values[0]!;
    const reviewed = await (await env.as("yte.thoxuan")).report.review({
      valueId: value.id,
      decision: "accepted",
      expectedRowVersion: value.rowVersion,
    });
    expect(reviewed.report?.status).toBe("accepted");
    const published = await page(null);
    expect(published.cache).toBe("miss");
    expect(published.data?.report.status).toBe("accepted");
    expect(published.data?.values.map((v) => v.evidenceNote)).toEqual([null]);
    expect((await page("xa.xuanminh")).data?.values.map((v) => v.evidenceNote)).toEqual([
      "Danh sách đã bổ sung",
    ]);
    await expectCurrent(["xa.xuanminh", "thon1.xuanminh", null]);
    // A reader of drafts and the public read the same query, each their own kept reply.
    expect((await page(null)).data?.values.map((v) => v.evidenceNote)).toEqual([null]);
  });

  it("takes the page back from the public at a reopening", async () => {
    await expectCurrent(["xa.xuanminh", null]);
    const accepted = (await (await env.as("huyen.thoxuan")).report.get(key))!;
    await (await env.as("huyen.thoxuan")).report.reopen({
      reportId: accepted.report.id,
      reason: "Xã đề nghị cập nhật số BHYT cuối năm",
      expectedRowVersion: accepted.report.rowVersion,
    });
    expect((await page(null)).data).toBeNull();
    expect((await page("xa.xuanminh")).data?.report.status).toBe("draft");
    await expectCurrent(["xa.xuanminh", null]);
  });

  it("shows the verdicts of a newly published set version once re-evaluation judged them", async () => {
    await expectCurrent(["xa.xuanminh"]);
    const before = (await page("xa.xuanminh")).data as unknown as { verdicts: unknown[] };
    const { official: _note, ...set } = getOfficialCriteriaSet(SET)!;
    const admin = await env.as("quantri");
    const draft = await admin.criteriaSet.createDraft({
      definition: {
        ...set,
        version: "2024-trang-kept",
        effective: { ...set.effective, from: "2024-01-01" },
      },
      ownerUnitCode: null,
    });
    await admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
    await runPendingJobs(env.handle.db, { batchSize: 50 });
    const after = await page("xa.xuanminh");
    expect(after.cache).toBe("miss");
    expect(after.data).toEqual(await fresh("xa.xuanminh"));
    expect(after.text).toContain("2024-trang-kept");
    expect(after.text).not.toBe(JSON.stringify({ result: { data: before } }));
  });

  it("sees writes made straight into the database, as another process would", async () => {
    const db = env.handle.db;
    await expectCurrent(["xa.xuanminh", null]);
    const row = (await (await env.as("xa.xuanminh")).report.get(key))!.report;
    const shown = (await page("xa.xuanminh")).data!;
    // A note changed without touching the row version: the whole row is in the stamp.
    await db
      .update(indicatorValue)
      .set({ evidenceNote: "Ghi bởi tiến trình khác" })
      .where(eq(indicatorValue.reportId, row.id));
    const noted = await page("xa.xuanminh");
    expect(noted.data?.values.map((v) => v.evidenceNote)).toEqual(["Ghi bởi tiến trình khác"]);
    expect(noted.data).not.toEqual(shown);
    await expectCurrent(["xa.xuanminh"]);
    // The report accepted elsewhere: the public sees it now, without the note.
    await db.update(report).set({ status: "accepted" }).where(eq(report.id, row.id));
    expect((await page(null)).data?.values.map((v) => v.evidenceNote)).toEqual([null]);
    await expectCurrent(["xa.xuanminh", null]);
    // Its verdicts removed elsewhere: no verdict shown any more.
    await db.delete(storedVerdict).where(eq(storedVerdict.reportId, row.id));
    expect((await page(null)).data).toMatchObject({ verdict: null, verdicts: [] });
    await expectCurrent(["xa.xuanminh", null]);
  });

  it("decides the kind of reader on every request: a withdrawn role reads as the public", async () => {
    const db = env.handle.db;
    const row = (await (await env.as("xa.xuanminh")).report.get(key))!.report;
    await db.update(report).set({ status: "draft" }).where(eq(report.id, row.id));
    await expectCurrent(["xa.xuanminh", null]);
    expect((await page("xa.xuanminh")).data).not.toBeNull();
    const officer = await findUserForSignIn(db, "xa.xuanminh");
    await db.delete(roleAssignment).where(eq(roleAssignment.userId, officer!.id));
    expect((await page("xa.xuanminh")).data).toBeNull();
  });
});
