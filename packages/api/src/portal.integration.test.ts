import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { DEMO_PASSWORD } from "@datchuan/db";
import { beforeAll, describe, expect, it } from "vitest";
import type {
  PortalCriterion,
  PortalHome,
  PortalOverview,
  PortalScorecard,
  PortalSearch,
} from "./services/portal";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * The public portal's reads over plain HTTP on the full Thọ Xuân demo: pre-serialised replies
 * with strong ETags, Cache-Control and brotli/gzip; rebuilt when a report is accepted; 404s in
 * Vietnamese; and nothing unpublished (drafts, submitted or returned values, notes, evidence,
 * who entered what) reachable anonymously through any public route.
 */

const NTM = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.XUAN-MINH";
/** The app's clock: 27/11/2026 in Vietnam, after the demo's last accepted period (2025-06). */
const NOW = new Date("2026-11-27T03:00:00Z");
const TODAY = "2026-11-27";

const SECRET_NOTE = "GHI-CHU-NHAP-BI-MAT";
const SECRET_REASON = "LY-DO-TRA-LAI-BI-MAT";
const SECRET_FILE = "HO-SO-MINH-CHUNG-BI-MAT";

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);
  let app: ReturnType<typeof testApp>;
  beforeAll(() => {
    app = testApp(env.handle, { appsDir: "/nonexistent", now: () => NOW });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers });
  const as = (username: string) => env.as(username, { now: () => NOW });
  const json = async <T>(path: string) => (await (await get(path)).json()) as T;

  it("serves each reply with a strong ETag, Cache-Control, and brotli or gzip by Accept-Encoding", async () => {
    const path = "/data/v1/units/THO-XUAN/overview.json";
    const plain = await get(path);
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("cache-control")).toBe(
      "public, max-age=60, stale-while-revalidate=600",
    );
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    const etag = plain.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const text = await plain.text();
    const overview = JSON.parse(text);
    expect(overview.unit).toMatchObject({ code: "THO-XUAN", level: "district" });
    expect(overview.levels.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(
      overview.communes,
    );

    const br = await get(path, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    // Each encoding is its own representation, under its own strong tag.
    expect(br.headers.get("etag")).toBe(etag.replace(/"$/, '-br"'));
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.byteLength).toBeLessThan(Buffer.byteLength(text) / 3);
    expect(brotliDecompressSync(brBytes).toString("utf8")).toBe(text);

    const gz = await get(path, { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(text);

    expect(gz.headers.get("etag")).toBe(etag.replace(/"$/, '-gz"'));
    const again = await get(path, { "if-none-match": etag, "accept-encoding": "br" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(br.headers.get("etag"));
    const gzAgain = await get(path, { "if-none-match": gz.headers.get("etag")! });
    expect(gzAgain.status).toBe(304);
    expect(again.headers.get("cache-control")).toContain("max-age=60");

    // Open data's tables go through the same replies.
    const csv = await get("/data/v1/units/THO-XUAN/standing.csv?date=2023-05-19", {
      "accept-encoding": "gzip",
    });
    expect(csv.headers.get("content-encoding")).toBe("gzip");
    expect(csv.headers.get("vary")).toBe("Accept-Encoding");
    const csvEtag = csv.headers.get("etag")!;
    const csvAgain = await get("/data/v1/units/THO-XUAN/standing.csv?date=2023-05-19", {
      "if-none-match": `W/${csvEtag}, "other"`,
    });
    expect(csvAgain.status).toBe(304);
  });

  it("answers a district opened as a commune, and an unknown code, with a 404 in Vietnamese", async () => {
    for (const path of [
      "/data/v1/units/THO-XUAN/scorecard.json",
      "/data/v1/units/KHONG-CO/scorecard.json",
      "/data/v1/units/KHONG-CO/overview.json",
      `/data/v1/units/${COMMUNE}/overview.json`,
      `/data/v1/criteria/${NTM}/99.json?scope=THO-XUAN`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, path).toMatch(/Không|không/u);
    }
    expect((await get("/data/v1/units/THO-XUAN/scorecard.json?date=2023-02-30")).status).toBe(400);
    expect((await get(`/data/v1/criteria/${NTM}/17.json`)).status).toBe(400);
    expect((await get("/data/v1/search.json?q=")).status).toBe(400);
    // A date after today reads as today (nothing is published for the future).
    const future = await json<PortalOverview>(
      "/data/v1/units/THO-XUAN/overview.json?date=9999-12-31",
    );
    expect(future.asOf).toBe(TODAY);
    expect(future.progress.at(-1)?.year).toBe(2026);
  });

  it("gives a commune's scorecard with thresholds, their source and verified mark, and its history", async () => {
    const scorecard = await json<PortalScorecard>(`/data/v1/units/${COMMUNE}/scorecard.json`);
    expect(scorecard.unit).toMatchObject({ code: COMMUNE, name: "Xuân Minh" });
    const ntm = scorecard.sets.find((s) => s.setId === NTM)!;
    expect(ntm.period).toBe("2025-06");
    expect(ntm.criteria).toHaveLength(19);
    const indicator = ntm.criteria[0]!.indicators[0]!;
    expect(indicator).toMatchObject({ code: "1.1", status: "met" });
    expect(indicator.source).toMatch(/QĐ 318/u);
    expect(typeof indicator.verified).toBe("boolean");
    expect(scorecard.illustrative).toBe(true);
    expect(scorecard.history.map((h) => h.period)).toEqual([
      "2022-12",
      "2023-04",
      "2023-12",
      "2024-12",
      "2025-06",
    ]);

    // A commune formed in the 2025 merger carries its predecessors' history.
    const search = await json<PortalSearch>("/data/v1/search.json?q=xuan hong dien");
    const merged = search.results[0];
    expect(merged?.name).toMatch(/^Xuân Hồng Diên/u);
    const mergedCard = await json<PortalScorecard>(`/data/v1/units/${merged!.code}/scorecard.json`);
    expect(mergedCard.predecessors.map((p) => p.name).sort()).toEqual(["Thọ Diên", "Xuân Hồng"]);
    const historyUnits = new Set(mergedCard.history.map((h) => h.name));
    const historyTable = await json<{ rows: Array<{ name: string; period: string }> }>(
      `/data/v1/units/${merged!.code}/history.json`,
    );
    expect(historyTable.rows.map((r) => [r.name, r.period])).toEqual(
      mergedCard.history.map((h) => [h.name, h.period]),
    );
    expect(historyUnits).toContain("Thọ Diên");
    expect(historyUnits).toContain("Xuân Hồng");
  });

  it("finds units ignoring tone marks, in Vietnamese order, and lists who meets a criterion", async () => {
    const found = await json<PortalSearch>("/data/v1/search.json?q=XUAN%20MINH");
    expect(found.results.map((r) => r.name)).toContain("Xuân Minh");
    const xuan = await json<PortalSearch>("/data/v1/search.json?q=xuan");
    const names: string[] = xuan.results.map((r) => r.name);
    expect(names).toEqual(
      [...names].sort(new Intl.Collator("vi", { sensitivity: "base", numeric: true }).compare),
    );
    expect((await json<PortalSearch>("/data/v1/search.json?q=khongcoxanay")).results).toEqual([]);

    // Seed 000, 19/05/2023: Giao thông not met in 05 of the 12 communes reviewed; Môi trường in all.
    const roads = await json<PortalCriterion>(
      `/data/v1/criteria/${NTM}/2.json?scope=THO-XUAN&date=2023-05-19`,
    );
    expect(roads.name).toMatch(/Giao thông/u);
    expect(roads.notMeeting).toHaveLength(5);
    expect(roads.meeting).toHaveLength(7);
    const environment = await json<PortalCriterion>(
      `/data/v1/criteria/${NTM}/17.json?scope=THO-XUAN&date=2023-05-19`,
    );
    expect(environment.notMeeting).toHaveLength(12);
    expect(environment.meeting).toEqual([]);
    // The same rows as open-data tables.
    const csv = await (
      await get(`/data/v1/criteria/${NTM}/2.csv?scope=THO-XUAN&date=2023-05-19`)
    ).text();
    expect(csv.split("\r\n")[0]).toBe("code,name,period,criterion,status");
    expect(csv.split("\r\n").filter((line) => line.endsWith(",2,not_met"))).toHaveLength(5);
    const table = await json<{ rows: Array<{ status: string }> }>(
      `/data/v1/criteria/${NTM}/2.json?scope=THO-XUAN&date=2023-05-19&table=1`,
    );
    expect(table.rows.filter((r) => r.status === "met")).toHaveLength(7);
  });

  it("reaches no draft, submitted or returned value, note, evidence or person anonymously, and shows an accepted report at once", async () => {
    const publicPaths = async () => {
      const home = await json<PortalHome>("/data/v1/home.json");
      const paths = ["/data/v1/home.json"];
      for (const code of ["THANH-HOA", "THO-XUAN"]) {
        paths.push(`/data/v1/units/${code}/overview.json`);
        for (const file of ["standing", "failing-criteria"])
          for (const format of ["csv", "json"])
            paths.push(`/data/v1/units/${code}/${file}.${format}`);
        for (let n = 1; n <= 19; n++)
          paths.push(`/data/v1/criteria/${NTM}/${n}.json?scope=${code}`);
      }
      expect(home.provinces[0]?.code).toBe("THANH-HOA");
      paths.push(
        `/data/v1/units/${COMMUNE}/scorecard.json`,
        `/data/v1/units/${COMMUNE}/standing.csv`,
        `/data/v1/units/${COMMUNE}/standing.json`,
        `/data/v1/units/${COMMUNE}/history.csv`,
        `/data/v1/units/${COMMUNE}/history.json`,
        "/data/v1/search.json?q=xuan%20minh",
      );
      return paths;
    };
    const snapshot = async () => {
      const bodies = new Map<string, string>();
      for (const path of await publicPaths()) {
        const response = await get(path);
        expect([200, 404], path).toContain(response.status);
        bodies.set(path, await response.text());
      }
      return bodies;
    };
    const before = await snapshot();

    // Sign in over HTTP: evidence files go up as multipart, outside tRPC.
    const signIn = await app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "xa.xuanminh", password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

    const officer = await as("xa.xuanminh");
    const health = await as("yte.thoxuan");
    const report = (period: string) => ({ unitCode: COMMUNE, setId: NTM, period });
    const flag = (period: string, value: boolean) => ({ kind: "boolean" as const, period, value });

    // A draft with a note and an evidence file.
    const draft = await officer.report.saveValue({
      ...report("2026-10"),
      indicatorCode: "15.2",
      value: flag("2026-10", false),
      evidenceNote: SECRET_NOTE,
      expectedRowVersion: null,
    });
    const form = new FormData();
    form.append(
      "file",
      new Blob([new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")], {
        type: "application/pdf",
      }),
      `${SECRET_FILE}.pdf`,
    );
    const upload = await app.request(`/files/evidence/${draft.value.id}`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: "http://localhost" },
    });
    expect(upload.status).toBe(201);
    const evidence = (await upload.json()) as { id: string };
    expect((await get(`/files/evidence/${evidence.id}`)).status).toBe(401);

    // A value returned with a reason.
    const toReturn = await officer.report.saveValue({
      ...report("2026-09"),
      indicatorCode: "15.2",
      value: flag("2026-09", false),
      evidenceNote: SECRET_NOTE,
      expectedRowVersion: null,
    });
    const september = (await officer.report.get(report("2026-09")))!.report;
    await officer.report.submit({ ...report("2026-09"), expectedRowVersion: september.rowVersion });
    const returned = await health.report.review({
      valueId: toReturn.value.id,
      decision: "returned",
      reason: SECRET_REASON,
      expectedRowVersion: toReturn.value.rowVersion + 1,
    });
    expect(returned.report?.status).toBe("returned");

    // A report submitted and not yet accepted.
    const toAccept = await officer.report.saveValue({
      ...report("2026-08"),
      indicatorCode: "15.2",
      value: flag("2026-08", true),
      expectedRowVersion: null,
    });
    const august = (await officer.report.get(report("2026-08")))!.report;
    await officer.report.submit({ ...report("2026-08"), expectedRowVersion: august.rowVersion });

    const after = await snapshot();
    for (const [path, body] of after) {
      // Byte for byte what the public saw before: nothing unpublished moved a public reply.
      expect(body, path).toBe(before.get(path));
      for (const secret of [
        SECRET_NOTE,
        SECRET_REASON,
        SECRET_FILE,
        "2026-08",
        "2026-09",
        "2026-10",
        "xa.xuanminh",
        "yte.thoxuan",
        "huyen.thoxuan",
        "/files/evidence",
        "(demo)",
      ])
        expect(body, `${path} leaks ${secret}`).not.toContain(secret);
    }

    // Accepted: the scorecard shows the new period at once, under a new ETag.
    const scorecardPath = `/data/v1/units/${COMMUNE}/scorecard.json`;
    const oldEtag = (await get(scorecardPath)).headers.get("etag")!;
    const accepted = await health.report.review({
      valueId: toAccept.value.id,
      decision: "accepted",
      expectedRowVersion: toAccept.value.rowVersion + 1,
    });
    expect(accepted.report?.status).toBe("accepted");
    const fresh = await get(scorecardPath, { "if-none-match": oldEtag });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).not.toBe(oldEtag);
    const scorecard = (await fresh.json()) as PortalScorecard;
    expect(scorecard.sets.find((s) => s.setId === NTM)?.period).toBe("2026-08");
    expect(scorecard.history.at(-1)?.period).toBe("2026-08");
    const overview = await json<PortalOverview>("/data/v1/units/THO-XUAN/overview.json");
    expect(overview.units.find((u) => u.code === COMMUNE)?.period).toBe("2026-08");
    const today = await (await get(`/data/v1/units/${COMMUNE}/standing.json?date=${TODAY}`)).text();
    expect(today).toContain("2026-08");
    expect(today).not.toContain(SECRET_NOTE);
  });
});
