import { DEMO_PASSWORD } from "@datchuan/db";
import { formatNumber } from "@datchuan/domain";
import { readDocxParagraphs, readXlsxSheets } from "@datchuan/reports/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * The generated review of Thọ Xuân on 19/05/2023 from the full demo gives seed 000's groupings
 * and counts, in text, in .docx and in .xlsx (each file opened and read back), and its numbers
 * are `review.standing`'s: the dashboard and the report read one roll-up.
 */

const NTM = "ntm-xa-2021-2025";
const QUERY = { unitCode: "THO-XUAN", setId: NTM, asOf: "2023-05-19" };

/**
 * Seed 000, as it groups the 12 NTM communes (names within a group in any order). The demo's
 * indicator counts lie within the article's ranges (its 51-54 is 51-53 in the demo data).
 */
const SEED_GROUPS = [
  {
    count: "04",
    names: ["Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"],
    criteria: 18,
    indicators: [56, 56],
  },
  { count: "03", names: ["Xuân Hồng", "Xuân Phú", "Thọ Diên"], criteria: 17, indicators: [54, 55] },
  { count: "02", names: ["Phú Xuân", "Xuân Hưng"], criteria: 15, indicators: [51, 54] },
  { count: "02", names: ["Xuân Phong", "Quảng Phú"], criteria: 13, indicators: [47, 49] },
];

/** "có 04 xã gồm: A, B, C và D đạt 18/19 tiêu chí, 56/57 chỉ tiêu": the names, sorted. */
function groupClause(text: string, group: (typeof SEED_GROUPS)[number]): string[] {
  const match = new RegExp(
    `có ${group.count} xã gồm: ([^;]*?) đạt ${group.criteria}/19 tiêu chí, (\\d+)(?:-(\\d+))?/57 chỉ tiêu`,
    "u",
  ).exec(text);
  expect(match, `${group.count} xã … ${group.criteria}/19`).not.toBeNull();
  const [low, high] = [Number(match![2]), Number(match![3] ?? match![2])];
  expect(low).toBeGreaterThanOrEqual(group.indicators[0]!);
  expect(high).toBeLessThanOrEqual(group.indicators[1]!);
  return match![1]!.split(/, | và /u).sort();
}

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);
  let app: ReturnType<typeof testApp>;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    app = testApp(env.handle);
    for (const username of ["huyen.thoxuan", "xa.xuanminh"]) {
      const response = await app.request("/trpc/auth.signIn", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      cookies[username] = response.headers.get("set-cookie")!.split(";")[0]!;
    }
  });

  function checkSeedText(text: string) {
    for (const group of SEED_GROUPS)
      expect(groupClause(text, group)).toEqual([...group.names].sort());
    expect(text).toContain("có 01 xã Thuận Minh đạt 12/19 tiêu chí, 44/57 chỉ tiêu.");
    for (const clause of [
      "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt",
      "Tiêu chí số 4 - Điện có 02 xã chưa đạt",
      "Tiêu chí số 12 - Lao động có 01 xã chưa đạt",
      "Tiêu chí số 15 - Y tế có 03 xã chưa đạt",
    ])
      expect(text).toContain(clause);
    // "12 xã chưa đạt về chỉ tiêu nước sạch tập trung": an indicator failed by every commune.
    expect(text).toMatch(/Chỉ tiêu 17\.1 - [^;]* có 12 xã chưa đạt/u);
  }

  it("reads seed 000's groups and counts, with the dashboard's numbers", async () => {
    const caller = await env.as(null);
    const standing = await caller.review.standing(QUERY);
    const { report, text } = await caller.review.report(QUERY);
    checkSeedText(text);
    expect(text).toContain(
      "Qua rà soát có 04 xã gồm: Xuân Minh, Xuân Tín, Trường Xuân và Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ tiêu; có 03 xã gồm: Xuân Hồng, Xuân Phú và Thọ Diên đạt 17/19 tiêu chí, 54-55/57 chỉ tiêu;",
    );
    const [rollup] = standing.rollups;
    expect(text).toContain(
      `Tổng số tiêu chí hoàn thành toàn huyện là ${rollup!.criteriaMetTotal} lượt tiêu chí, số tiêu chí bình quân đạt ${formatNumber(rollup!.criteriaMetAverage)} tiêu chí/xã.`,
    );
    // The 10 nâng cao communes have no NTM verdict: named, as the dashboard lists them.
    expect(text).toContain(`Chưa có kết quả đánh giá: ${standing.notReported.length} xã (`);
    const failing = report.sections.find((s) => s.id === "failing")!.tables[0]!;
    expect(failing.rows.map((r) => [r[0], r[2]])).toEqual(
      rollup!.failingByCriterion.map((c) => [c.number, c.count]),
    );
    expect(report.illustrative).toBe(true);
    expect(report.title).toBe(
      `Báo cáo kết quả rà soát ${rollup!.set.title}, huyện Thọ Xuân, ngày 19/05/2023`,
    );
  });

  it("says what regressed since an earlier date and, to the district office, who reported late", async () => {
    const { text } = await (await env.as("huyen.thoxuan")).review.report({
      ...QUERY,
      since: "2023-02-01",
    });
    expect(text).toContain("Thay đổi so với ngày 01/02/2023");
    expect(text).toContain("1. Kết quả rà soát");
    expect(text).toMatch(
      /(Chưa lập báo cáo|Tất cả các xã đã lập báo cáo) kỳ 04\/2023 \(hạn 25\/05\/2023\)/u,
    );
    const anonymous = await (await env.as(null)).review.report(QUERY);
    expect(anonymous.text).not.toContain("kỳ 04/2023 (hạn");
  });

  it("downloads the same report as .docx and .xlsx, read back with the same numbers", async () => {
    const { text } = await (await env.as("huyen.thoxuan")).review.report(QUERY);
    const standing = await (await env.as(null)).review.standing(QUERY);
    const query = new URLSearchParams(QUERY).toString();
    const docx = await app.request(`/files/reports/review.docx?${query}`, {
      headers: { cookie: cookies["huyen.thoxuan"]! },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(docx.headers.get("content-disposition")).toBe(
      `attachment; filename="bao-cao-ra-soat-huyen-tho-xuan-2023-05-19.docx"; filename*=UTF-8''${encodeURIComponent("Báo cáo rà soát huyện Thọ Xuân 2023-05-19.docx")}`,
    );
    const paragraphs = readDocxParagraphs(new Uint8Array(await docx.arrayBuffer()));
    checkSeedText(paragraphs.join("\n"));
    // Every paragraph of the text is a paragraph of the document.
    for (const line of text
      .split("\n")
      .slice(2)
      .filter((l) => l.length > 0))
      expect(paragraphs).toContain(line);

    const xlsx = await app.request(`/files/reports/review.xlsx?${query}`, {
      headers: { cookie: cookies["huyen.thoxuan"]! },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const sheets = await readXlsxSheets(new Uint8Array(await xlsx.arrayBuffer()));
    checkSeedText(sheets.get("Báo cáo")!.flat().join("\n"));
    const [rollup] = standing.rollups;
    const total = sheets.get("Tổng hợp")!;
    expect(total).toContainEqual(["Tổng số lượt tiêu chí đạt", rollup!.criteriaMetTotal]);
    expect(total).toContainEqual(["Số xã có kết quả rà soát", 12]);
    const failing = sheets.get("Tiêu chí chưa đạt")!.slice(1);
    expect(failing.map((r) => [r[0], r[2]])).toEqual(
      rollup!.failingByCriterion.map((c) => [c.number, c.count]),
    );
  });

  it("refuses downloads to the anonymous, and working verdicts to those who may not read drafts", async () => {
    const query = new URLSearchParams(QUERY).toString();
    expect((await app.request(`/files/reports/review.docx?${query}`)).status).toBe(401);
    const outside = await app.request(
      `/files/reports/review.xlsx?${new URLSearchParams({ ...QUERY, working: "true" })}`,
      { headers: { cookie: cookies["xa.xuanminh"]! } },
    );
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { error: { message: string } }).error.message).toContain(
      "số liệu nháp",
    );
    const bad = await app.request(
      `/files/reports/review.docx?${new URLSearchParams({ ...QUERY, asOf: "19/05/2023" })}`,
      { headers: { cookie: cookies["huyen.thoxuan"]! } },
    );
    expect(bad.status).toBe(400);
  });

  it("publishes a bulletin to the portal's home and page, with its .docx, and retracts it", async () => {
    const admin = await env.as("huyen.thoxuan");
    const home = async () => {
      const response = await app.request("/data/v1/home.json");
      return (
        (await response.json()) as { bulletins: Array<{ id: string; title: string; url: string }> }
      ).bulletins;
    };
    expect(await home()).toEqual([]);
    const { id, title } = await admin.bulletin.publish(QUERY);
    expect(title).toContain("huyện Thọ Xuân, ngày 19/05/2023");
    expect(await home()).toEqual([expect.objectContaining({ id, title, url: `/ban-tin/${id}` })]);
    const page = await app.request(`/data/v1/bulletins/${id}.json`);
    expect(page.status).toBe(200);
    const published = (await page.json()) as { text: string; docxUrl: string };
    checkSeedText(published.text);
    // Published as the public reads it: no office matters such as late reports.
    expect(published.text).not.toContain("kỳ 04/2023 (hạn");
    const docx = await app.request(published.docxUrl);
    expect(docx.status).toBe(200);
    checkSeedText(readDocxParagraphs(new Uint8Array(await docx.arrayBuffer())).join("\n"));

    const [listed] = await admin.bulletin.list({ unitCode: "THO-XUAN" });
    expect(listed).toMatchObject({ id, publishedBy: "huyen.thoxuan", retractedAt: null });
    await admin.bulletin.retract({
      id,
      expectedRowVersion: listed!.rowVersion,
      reason: "Đăng nhầm",
    });
    expect(await home()).toEqual([]);
    expect((await app.request(`/data/v1/bulletins/${id}.json`)).status).toBe(404);
    await expect(
      admin.bulletin.retract({ id, expectedRowVersion: listed!.rowVersion, reason: "Lần nữa" }),
    ).rejects.toThrow("đã được gỡ");
    const audit = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(["bulletin.publish", "bulletin.retract"]),
    );
  });

  it("lets only admins of the unit's subtree publish", async () => {
    await expect((await env.as(null)).bulletin.publish(QUERY)).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect((await env.as("xa.xuanminh")).bulletin.publish(QUERY)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      (await env.as("huyen.thoxuan")).bulletin.publish({ ...QUERY, unitCode: "THANH-HOA" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      (await env.as("quantri")).bulletin.publish({ ...QUERY, asOf: "2020-01-01" }),
    ).rejects.toThrow("không có gì để công bố");
  });
});
