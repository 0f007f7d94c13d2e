import { findReport, getStoredVerdict, getUnitRef } from "@datchuan/db";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * Open data over plain HTTP on the full Thọ Xuân demo: the district's published tables equal
 * what `review.standing` gives the public, cache validators work, bad input is a 4xx in
 * Vietnamese, and nothing unsigned leaks.
 */

const REVIEW_DATE = "2023-05-19";
const NTM = "ntm-xa-2021-2025";
const BASE = "/data/v1/units/THO-XUAN";
const COMMUNE = "THO-XUAN.XUAN-MINH";
const CHECKED = "xa-mo-du-lieu";
const checked = { source: "Quyết định thử đã đối chiếu", verified: true };
/** A test set whose every threshold was checked: its verdicts are not illustrative. */
const checkedSet = {
  id: CHECKED,
  version: "2024-01-01",
  title: "Bộ tiêu chí đã kiểm chứng (thử)",
  level: "commune",
  effective: { from: "2024-01-01", to: "2025-12-31" },
  legalBasis: [{ source: "Quyết định thử" }],
  groups: [{ id: "I", name: "Thử" }],
  criteria: [1, 2].map((number) => ({
    number,
    name: `Tiêu chí ${number}`,
    group: "I",
    provenance: checked,
    indicators: [
      {
        code: `${number}.1`,
        name: `Chỉ tiêu ${number}.1`,
        unitOfMeasure: "",
        kind: "boolean",
        thresholds: [{ value: true, provenance: checked }],
        provenance: checked,
      },
    ],
  })),
};

/** The machine clock of the app under test: 20/05/2023 07:00 in Vietnam. */
const NOW = new Date("2023-05-20T00:00:00Z");

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);
  let app: ReturnType<typeof testApp>;
  beforeAll(() => {
    app = testApp(env.handle, { appsDir: "/nonexistent", now: () => NOW });
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers });

  it("answers each reader's 304 with the tag of the encoding that reader takes", async () => {
    // The district's table on the review date: large enough to be kept compressed.
    const path = `${BASE}/standing.json?date=${REVIEW_DATE}&set=${NTM}`;
    const brotli = await get(path, { "accept-encoding": "br, gzip" });
    const gzip = await get(path, { "accept-encoding": "gzip" });
    expect(brotli.headers.get("etag")).toMatch(/-br"$/u);
    expect(gzip.headers.get("etag")).toMatch(/-gz"$/u);
    // Either tag names the same content, so both readers are told it is unchanged, each in the
    // tag of the bytes it would be sent: a 304 of one encoding is not reused for the other.
    for (const [encoding, tag] of [
      ["br, gzip", brotli.headers.get("etag")!],
      ["gzip", gzip.headers.get("etag")!],
      ["br, gzip", gzip.headers.get("etag")!],
    ] as const) {
      const again = await get(path, { "accept-encoding": encoding, "if-none-match": tag });
      expect(again.status).toBe(304);
      expect(again.headers.get("x-datchuan-cache")).toBe("hit");
      expect(again.headers.get("etag")).toBe(
        encoding === "gzip" ? gzip.headers.get("etag") : brotli.headers.get("etag"),
      );
    }
  });

  async function csvRows(path: string) {
    const response = await get(path);
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // A UTF-8 byte order mark first, so Excel reads the Vietnamese names right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
    return parse(text, { columns: true }) as Array<Record<string, string>>;
  }

  async function publicStanding(asOf: string) {
    return (await env.as(null)).review.standing({ unitCode: "THO-XUAN", setId: NTM, asOf });
  }

  it("serves the district's standing as JSON and CSV, equal to review.standing for the public", async () => {
    const review = await publicStanding(REVIEW_DATE);
    expect(review.units).toHaveLength(12);
    // The demo's national thresholds are partly unchecked (see the next test for checked ones).
    // Whether each commune's signed verdict rests on verified thresholds only, read here from
    // the explained verdict itself.
    const verifiedOf = new Map<string, boolean>();
    for (const u of review.units) {
      const unit = (await getUnitRef(env.handle.db, u.code))!;
      const report = (await findReport(env.handle.db, {
        unitId: unit.id,
        setId: NTM,
        period: u.period,
      }))!;
      const { verdict } = (await getStoredVerdict(env.handle.db, report.id))!;
      verifiedOf.set(
        u.code,
        verdict.criteria
          .flatMap((c) => c.indicators)
          .every((i) => !("threshold" in i) || i.threshold.reason.provenance?.verified !== false),
      );
    }
    expect([...verifiedOf.values()]).toContain(false);
    const expected = review.units.map((u) => ({
      code: u.code,
      name: u.name,
      period: u.period,
      set_version: u.setVersion,
      criteria_met: u.criteriaMet,
      criteria_total: u.criteriaTotal,
      indicators_met: u.indicatorsMet,
      indicators_total: u.indicatorsTotal,
      meets_standard: u.status === "met",
      thresholds_verified: verifiedOf.get(u.code),
    }));

    const json = await get(`${BASE}/standing.json?date=${REVIEW_DATE}&set=${NTM}`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    const body = (await json.json()) as { columns: string[]; rows: unknown[] };
    expect(body.rows).toEqual(expected);
    expect(body.columns).toEqual(Object.keys(expected[0]!));
    // The article's top group: four communes at 18/19.
    expect(
      body.rows.filter((r) => (r as { criteria_met: number }).criteria_met === 18),
    ).toHaveLength(4);

    const csv = await csvRows(`${BASE}/standing.csv?date=${REVIEW_DATE}&set=${NTM}`);
    expect(csv).toEqual(
      expected.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)])),
      ),
    );
    expect(csv.map((r) => r.name)).toContain("Xuân Minh");
  });

  it("says which communes' verdicts rest on verified thresholds only", async () => {
    const admin = await env.as("quantri");
    const draft = await admin.criteriaSet.createDraft({
      definition: checkedSet,
      ownerUnitCode: null,
    });
    await admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
    const key = { unitCode: COMMUNE, setId: CHECKED, period: "2024" };
    for (const indicatorCode of ["1.1", "2.1"])
      await admin.report.saveValue({
        ...key,
        indicatorCode,
        value: { kind: "boolean", period: "2024", value: indicatorCode === "1.1" },
        expectedRowVersion: null,
      });
    const filed = (await admin.report.get(key))!;
    await admin.report.submit({ ...key, expectedRowVersion: filed.report.rowVersion });
    for (const value of (await admin.report.get(key))!.values)
      await admin.report.review({
        valueId: value.id,
        decision: "accepted",
        expectedRowVersion: value.rowVersion,
      });

    const json = (await (
      await get(`${BASE}/standing.json?date=2024-12-31&set=${CHECKED}`)
    ).json()) as { rows: Array<Record<string, unknown>> };
    expect(json.rows).toEqual([
      {
        code: COMMUNE,
        name: "Xuân Minh",
        period: "2024",
        set_version: "2024-01-01",
        criteria_met: 1,
        criteria_total: 2,
        indicators_met: 1,
        indicators_total: 2,
        meets_standard: false,
        thresholds_verified: true,
      },
    ]);
    const commune = (await (
      await get(`/data/v1/units/${COMMUNE}/standing.json?date=2024-12-31&set=${CHECKED}`)
    ).json()) as { rows: Array<Record<string, unknown>> };
    expect(commune.rows.filter((r) => r.indicator !== null)).toMatchObject([
      { indicator: "1.1", status: "met", value: true, threshold: true, verified: true },
      { indicator: "2.1", status: "not_met", value: false, threshold: true, verified: true },
    ]);
    expect(commune.rows[0]).toMatchObject({ threshold_source: null, verified: null });
    expect(commune.rows[1]).toMatchObject({ threshold_source: checked.source });
  });

  it("serves the failing criteria of the same roll-up", async () => {
    const [rollup] = (await publicStanding(REVIEW_DATE)).rollups;
    const json = (await (
      await get(`${BASE}/failing-criteria.json?date=${REVIEW_DATE}`)
    ).json()) as { rows: Array<{ criterion: number; count: number; units: string }> };
    expect(json.rows.map((r) => [r.criterion, r.count, r.units])).toEqual(
      rollup!.failingByCriterion.map((f) => [f.number, f.count, f.units.join(" ")]),
    );
    // The article: criterion 17 failed by twelve communes, criterion 2 by five.
    expect(json.rows.find((r) => r.criterion === 17)?.count).toBe(12);
    expect(json.rows.find((r) => r.criterion === 2)?.count).toBe(5);
    const csv = await csvRows(`${BASE}/failing-criteria.csv?date=${REVIEW_DATE}`);
    expect(csv.map((r) => Number(r.count))).toEqual(json.rows.map((r) => r.count));
  });

  it("serves a commune's latest signed verdict per criterion and indicator", async () => {
    const db = env.handle.db;
    const unit = (await getUnitRef(db, COMMUNE))!;
    const accepted = (await findReport(db, { unitId: unit.id, setId: NTM, period: "2023-04" }))!;
    expect(accepted.status).toBe("accepted");
    const stored = (await getStoredVerdict(db, accepted.id))!;
    expect(stored.signedAt).not.toBeNull();

    const response = await get(`/data/v1/units/${COMMUNE}/standing.json?date=${REVIEW_DATE}`);
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as { rows: Array<Record<string, unknown>> };
    expect(new Set(rows.map((r) => r.period))).toEqual(new Set(["2023-04"]));
    const criteria = rows.filter((r) => r.indicator === null);
    expect(criteria.map((r) => [r.criterion, r.name, r.status])).toEqual(
      stored.verdict.criteria.map((c) => [c.number, c.name, c.status]),
    );
    const indicators = rows.filter((r) => r.indicator !== null);
    expect(indicators.map((r) => [r.indicator, r.status])).toEqual(
      stored.verdict.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i.status])),
    );
    for (const row of indicators) {
      const verdict = stored.verdict.criteria
        .flatMap((c) => c.indicators)
        .find((i) => i.code === row.indicator)!;
      if ("threshold" in verdict) {
        expect(row.threshold).toEqual(verdict.threshold.value);
        expect(row.verified).toBe(verdict.threshold.reason.provenance?.verified ?? null);
      }
      if ("measured" in verdict) expect(row.value).toEqual(verdict.measured);
      expect(typeof row.name).toBe("string");
    }
    // Thọ Xuân's article: Xuân Minh met 18 of 19 criteria.
    expect(criteria.filter((r) => r.status === "met")).toHaveLength(18);

    const csv = await csvRows(`/data/v1/units/${COMMUNE}/standing.csv?date=${REVIEW_DATE}`);
    expect(csv.map((r) => r.status)).toEqual(rows.map((r) => r.status));
    // Before its first signed verdict, a commune's table is empty, not an error.
    const early = await get(`/data/v1/units/${COMMUNE}/standing.json?date=2000-01-01`);
    expect(((await early.json()) as { rows: unknown[] }).rows).toEqual([]);
  });

  it("takes today in Vietnam from the app's clock when no date is given, and the NTM set", async () => {
    const dated = await (await get(`${BASE}/standing.json?date=2023-05-20&set=${NTM}`)).text();
    const defaulted = await get(`${BASE}/standing.json`);
    expect(await defaulted.text()).toBe(dated);
  });

  it("sends a strong ETag and Cache-Control, and 304 with no body when the tag matches", async () => {
    const path = `${BASE}/standing.csv?date=${REVIEW_DATE}`;
    const first = await get(path);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get("cache-control")).toBe(
      "public, max-age=60, stale-while-revalidate=600",
    );
    expect(first.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(first.headers.get("content-disposition")).toBe(
      `inline; filename="THO-XUAN-${NTM}-${REVIEW_DATE}-standing.csv"`,
    );
    // The same data, the same tag; another date, another table.
    expect((await get(path)).headers.get("etag")).toBe(etag);
    expect((await get(`${BASE}/standing.csv?date=2022-05-19`)).headers.get("etag")).not.toBe(etag);

    for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`]) {
      const again = await get(path, { "if-none-match": ifNoneMatch });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toContain("max-age=60");
    }
    expect((await get(path, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it.each([
    [`/data/v1/units/KHONG-CO/standing.json`, 404, "Không tìm thấy đơn vị KHONG-CO"],
    [`${BASE}/standing.json?date=19-05-2023`, 400, "Ngày không hợp lệ"],
    [`${BASE}/standing.csv?date=2023-02-30`, 400, "Ngày không hợp lệ"],
    [`${BASE}/standing.json?set=Khong%20co`, 400, "Mã bộ tiêu chí"],
    [`${BASE}/failing-criteria.json?set=khong-co-bo-nay`, 400, "Chưa có bộ tiêu chí"],
    [`/data/v1/units/THO-XUAN.XUAN-MINH/failing-criteria.json`, 400, "huyện hoặc tỉnh"],
    [`/data/v1/units/THO-XUAN.XUAN-MINH.THON-1/standing.csv`, 400, "huyện hoặc tỉnh"],
    [`${BASE}/standing.xml`, 404, "Không có bảng dữ liệu mở"],
    [`/data/v1/units`, 404, "Không có bảng dữ liệu mở"],
  ])("GET %s → %i in Vietnamese", async (path, status, message) => {
    const response = await get(path, { accept: "text/html" });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain(message);
  });

  it("never shows a commune's draft or submitted-but-not-accepted report", async () => {
    const after = "2023-06-30";
    const before = await (await get(`${BASE}/standing.json?date=${after}`)).text();
    const communeBefore = await (
      await get(`/data/v1/units/${COMMUNE}/standing.json?date=${after}`)
    ).text();
    const officer = await env.as("xa.xuanminh");
    const key = { unitCode: COMMUNE, setId: NTM, period: "2023-05" };
    await officer.report.saveValue({
      ...key,
      indicatorCode: "7",
      value: { kind: "boolean", period: "2023-05", value: true },
      expectedRowVersion: null,
    });

    // A reader of drafts sees the new May report: the public tables must not.
    const working = await (await env.as("huyen.thoxuan")).review.standing({
      unitCode: "THO-XUAN",
      setId: NTM,
      asOf: after,
      working: true,
    });
    expect(working.units.find((u) => u.code === key.unitCode)?.period).toBe("2023-05");
    const published = await publicStanding(after);
    expect(published.units.find((u) => u.code === key.unitCode)?.period).toBe("2023-04");
    const draftShown = await (await get(`${BASE}/standing.json?date=${after}`)).text();
    expect(draftShown).toBe(before);

    const draft = (await officer.report.get(key))!;
    await officer.report.submit({ ...key, expectedRowVersion: draft.report.rowVersion });
    expect((await officer.report.get(key))?.report.status).toBe("submitted");
    for (const file of ["standing.json", "failing-criteria.json"]) {
      const text = await (await get(`${BASE}/${file}?date=${after}`)).text();
      if (file === "standing.json") expect(text).toBe(before);
      expect(text).not.toContain("2023-05");
    }
    const commune = await (
      await get(`/data/v1/units/${COMMUNE}/standing.json?date=${after}`)
    ).text();
    expect(commune).toBe(communeBefore);
    expect(commune).not.toContain("2023-05");
  });
});
