import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  startE2eSession,
} from "@datchuan/e2e";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const COMMUNE = "THO-XUAN.XUAN-MINH";

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious).toEqual([]);
}

describe.skipIf(!browserTestsEnabled())("public portal in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession({ demo: "full" });
  }, 300_000);
  afterAll(async () => {
    await session?.close();
  });

  async function open(path: string, width: number) {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${session.server.url}${path}`);
    return page;
  }

  describe.each([360, 1280])("at %i px", (width) => {
    it("shows the province's overview, its progress chart and no made-up bulletin", async () => {
      const page = await open("/", width);
      await page.getByRole("heading", { name: "Tỉnh Thanh Hóa", level: 2, exact: true }).waitFor();
      await page.getByRole("heading", { name: "Các xã theo mức đạt chuẩn" }).waitFor();
      await page.getByText("Số liệu minh họa", { exact: false }).first().waitFor();
      await page.locator(".recharts-surface").first().waitFor();
      await page.getByText("Chưa có bản tin rà soát nào được công bố.").waitFor();
      const communes = page.getByRole("heading", { name: "Kết quả từng xã" });
      await communes.waitFor();
      expect(await page.getByRole("link", { name: "Xuân Minh", exact: true }).count()).toBe(1);
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);
      await page.close();
    });

    it("finds Xã Xuân Minh typed without tone marks, and says when nothing matches", async () => {
      const page = await open("/", width);
      const search = page.getByLabel("Tên xã, huyện (gõ có dấu hoặc không dấu)");
      await search.fill("khong co xa nay");
      await page
        .getByText("Không tìm thấy đơn vị nào có tên khớp với “khong co xa nay”.")
        .waitFor();
      await search.fill("xuan minh");
      const result = page.getByRole("link", { name: "Xã Xuân Minh", exact: true });
      await result.waitFor();
      await result.click();
      await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
      expect(page.url()).toBe(`${session.server.url}/xa/${COMMUNE}`);
      await page.close();
    });

    it("opens a commune by its address and shows its criteria, thresholds and history", async () => {
      const page = await open(`/xa/${COMMUNE}`, width);
      await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "1. Quy hoạch", level: 3 }).waitFor();
      expect(await page.locator(".portal-tiles").first().locator(":scope > li").count()).toBe(19);
      await page.getByRole("heading", { name: "Kết quả qua các kỳ" }).waitFor();
      expect(await page.getByRole("row").filter({ hasText: "06/2025" }).count()).toBeGreaterThan(0);
      await page.getByText("Số liệu minh họa", { exact: false }).first().waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);

      // An indicator shows its value against its threshold, with the threshold's source.
      await page.getByText("Các chỉ tiêu").first().click();
      await page.getByText("QĐ 318/QĐ-TTg", { exact: false }).first().waitFor();
      await expectAccessible(page);
      await page.close();
    });

    it("shows a clear not-found page for an unknown code and for a district opened as a commune", async () => {
      for (const code of ["KHONG-CO-MA-NAY", "THO-XUAN"]) {
        const page = await open(`/xa/${code}`, width);
        await page.getByRole("heading", { name: "Không tìm thấy", level: 1 }).waitFor();
        expect(await page.getByText("Không tải được dữ liệu").count()).toBe(0);
        await expectAccessible(page);
        await page.close();
      }
      // Chromium logs each 404 reply: here they are the point.
      expect(session.takeProblems(/status of 404/).length).toBeGreaterThanOrEqual(2);
    });

    it("lists the communes meeting and not meeting a criterion, and a district's page", async () => {
      const page = await open("/tieu-chi/ntm-xa-2021-2025/17?pham-vi=THO-XUAN", width);
      await page.getByRole("heading", { name: /^Tiêu chí số 17: Môi trường/u, level: 1 }).waitFor();
      await page.getByRole("heading", { name: /^Các xã chưa đạt/u }).waitFor();
      await page.getByRole("heading", { name: /^Các xã đạt/u }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);

      await page.goto(`${session.server.url}/don-vi/THO-XUAN`);
      await page.getByRole("heading", { name: "Huyện Thọ Xuân", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Tiêu chí chưa đạt nhiều nhất" }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await expectAccessible(page);
      await page.close();
    });
  });

  it("downloads a commune's CSV from its link, matching what the data route serves", async () => {
    const page = await open(`/xa/${COMMUNE}`, 1280);
    const link = page.getByRole("link", { name: "Tải kết quả từng tiêu chí của xã dạng CSV" });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const rows = parseCsv(csv);
    const header = rows[0]!;
    const records = rows
      .slice(1)
      .filter((r) => r.length === header.length)
      .map((r) => Object.fromEntries(header.map((key, i) => [key, r[i]!])));

    const scorecard = (await (
      await fetch(`${session.server.url}/data/v1/units/${COMMUNE}/scorecard.json`)
    ).json()) as {
      sets: Array<{
        setId: string;
        period: string;
        criteria: Array<{
          number: number;
          status: string;
          indicators: Array<{ code: string; status: string }>;
        }>;
      }>;
    };
    const ntm = scorecard.sets.find((s) => s.setId === "ntm-xa-2021-2025")!;
    const criteria = records.filter((r) => r.indicator === "");
    expect(criteria.map((r) => [Number(r.criterion), r.status])).toEqual(
      ntm.criteria.map((c) => [c.number, c.status]),
    );
    expect(records.filter((r) => r.indicator !== "").map((r) => [r.indicator, r.status])).toEqual(
      ntm.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i.status])),
    );
    expect(new Set(records.map((r) => r.period))).toEqual(new Set([ntm.period]));
    await page.close();
  });

  it("speaks English when asked", async () => {
    const page = await open("/", 1280);
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await page
      .getByRole("heading", { name: "Progress of New Rural Development", level: 1 })
      .waitFor();
    await page.getByRole("heading", { name: "Communes by level reached" }).waitFor();
    await page.getByLabel("Language").selectOption("vi");
    await page.getByRole("heading", { name: "Tiến độ xây dựng nông thôn mới", level: 1 }).waitFor();
    await page.close();
  });
});
