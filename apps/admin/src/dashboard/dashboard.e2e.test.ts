import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RouterOutputs } from "@datchuan/api";
import { criteriaGroupSentence, groupByCriteriaMet } from "@datchuan/domain";
import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

type Standing = RouterOutputs["review"]["standing"];
type Page = Awaited<ReturnType<E2eSession["browser"]["newPage"]>>;

const REVIEW = { unitCode: "THO-XUAN", setId: "ntm-xa-2021-2025", asOf: "2023-05-19" };

/** Seed 000's first group, as the meeting read it out (demo data reproduces it). */
const SEED_000_FIRST_GROUP =
  "04 xã: Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ tiêu";

describe.skipIf(!browserTestsEnabled())("the review dashboard in a browser", () => {
  let session: E2eSession;
  let standing: Standing;
  let downloads: string;

  beforeAll(async () => {
    // The review history of Thọ Xuân (seed 000's meeting) comes with the full demo only.
    session = await startE2eSession({ demo: "full" });
    downloads = await mkdtemp(join(tmpdir(), "datchuan-dashboard-downloads-"));
    // What the API's roll-up gives, read as the public reads it (signed verdicts).
    const response = await fetch(
      `${session.server.url}/trpc/review.standing?input=${encodeURIComponent(JSON.stringify(REVIEW))}`,
    );
    expect(response.status).toBe(200);
    standing = ((await response.json()) as { result: { data: Standing } }).result.data;
  });
  afterAll(async () => {
    await session?.close();
    await rm(downloads, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await session.browser.clearCookies();
  });

  const nameOf = (code: string) => standing.units.find((u) => u.code === code)?.name ?? code;

  /** Signs the district admin in on the dashboard, and asks for Thọ Xuân on 19/05/2023. */
  async function openReview(page: Page) {
    await page.goto(`${session.server.url}/admin/`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
    await page.getByLabel("Đơn vị").selectOption({ label: "Huyện Thọ Xuân" });
    await page.getByLabel("Bộ tiêu chí").selectOption(REVIEW.setId);
    await page.getByLabel("Ngày rà soát (dd/mm/yyyy)").fill("19/05/2023");
    await page.getByRole("button", { name: "Xem kết quả" }).click();
    await page.getByText("ngày 19/05/2023").waitFor();
  }

  it("shows the groups and counts the API's roll-up gives: seed 000's, at 1280 px", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await openReview(page);
    const [rollup] = standing.rollups;
    expect(rollup?.units).toBe(12);

    const sentences = page.getByRole("list", { name: "Các xã theo số tiêu chí, chỉ tiêu đạt" });
    await sentences.getByRole("listitem").first().waitFor();
    const expected = groupByCriteriaMet(rollup!.byScore).map((g) =>
      criteriaGroupSentence(g, nameOf),
    );
    expect(await sentences.getByRole("listitem").allInnerTexts()).toEqual(expected);
    expect(expected[0]).toBe(SEED_000_FIRST_GROUP);
    await page.getByText("191 lượt tiêu chí, bình quân 15,92 tiêu chí/xã").waitFor();
    expect(rollup!.criteriaMetTotal).toBe(191);

    // Per criterion: how many and which communes fail it, as the roll-up counts them.
    const failing = page.getByRole("table", { name: "Tiêu chí chưa đạt" });
    for (const criterion of rollup!.failingByCriterion) {
      const row = failing.getByRole("row").filter({
        has: page.getByRole("rowheader", { name: String(criterion.number), exact: true }),
      });
      const cells = await row.getByRole("cell").allInnerTexts();
      expect(cells[1]).toBe(String(criterion.count));
      expect(cells[2]).toBe(criterion.units.map(nameOf).join(", "));
    }
    // Môi trường: all 12 fail centralised clean water, as the meeting heard.
    const water = page
      .getByRole("table", { name: "Chỉ tiêu chưa đạt" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "17.1", exact: true }) });
    expect((await water.getByRole("cell").allInnerTexts())[2]).toBe("12");

    // The ranking sorts by a column, numbers right-aligned.
    const ranking = page.getByRole("table", { name: "Xếp hạng" });
    await ranking.getByRole("button", { name: "Tiêu chí còn thiếu" }).click();
    await ranking.getByRole("button", { name: "Tiêu chí còn thiếu" }).click();
    await expect
      .poll(() => ranking.getByRole("row").nth(1).getByRole("cell").first().textContent())
      .toBe("Thuận Minh");
    await page.getByRole("note").getByText("Số liệu minh họa").waitFor();

    // Progress over periods: on the review date, the same 12 communes and 191 lượt tiêu chí.
    const progress = page
      .getByRole("table", { name: "Tiến độ" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "19/05/2023", exact: true }) });
    await expect
      .poll(() => progress.getByRole("cell").allTextContents())
      .toEqual(["12", "0", "0 %", "191", "15,92"]);
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });

  it("exports the dashboard to .xlsx with Vietnamese headers and numbers as numbers", async () => {
    const page = await session.browser.newPage();
    await openReview(page);
    const downloaded = page.waitForEvent("download");
    await page.getByRole("button", { name: "Xuất toàn bộ ra Excel" }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe("ra-soat-THO-XUAN-2023-05-19.xlsx");
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);

    const sheets = await readXlsxFile(file);
    const sheet = (name: string) => sheets.find((s) => s.sheet === name)?.data ?? [];
    expect(sheets.map((s) => s.sheet)).toContain("Nhóm theo tiêu chí đạt");
    const [rollup] = standing.rollups;

    const groups = sheet("Nhóm theo tiêu chí đạt");
    expect(groups[0]).toEqual([
      "Nhóm",
      "Số xã",
      "Tiêu chí đạt",
      "Tổng số tiêu chí",
      "Chỉ tiêu đạt (thấp nhất)",
      "Chỉ tiêu đạt (cao nhất)",
      "Tổng số chỉ tiêu",
      "Các xã",
    ]);
    const byCriteria = groupByCriteriaMet(rollup!.byScore);
    expect(groups.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[6]])).toEqual(
      byCriteria.map((g) => [
        g.units.length,
        g.criteriaMet,
        g.criteriaTotal,
        g.indicatorsMin,
        g.indicatorsMax,
        g.indicatorsTotal,
      ]),
    );
    expect(groups[1]?.[7]).toBe("Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập");

    const failing = sheet("Tiêu chí chưa đạt");
    expect(failing[0]).toEqual(["Tiêu chí số", "Tên tiêu chí", "Số xã chưa đạt", "Các xã"]);
    expect(failing.slice(1).map((r) => [r[0], r[2]])).toEqual(
      rollup!.failingByCriterion.map((c) => [c.number, c.count]),
    );

    // The overview: counts as whole numbers, the average as a number, the illustrative mark.
    const summary = sheet("Tổng quan");
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value("Lượt tiêu chí đạt")).toBe(191);
    expect(value("Bình quân tiêu chí/xã")).toBeCloseTo(rollup!.criteriaMetAverage, 6);
    expect(value("Tỷ lệ đạt chuẩn")).toBe(rollup!.shareMeetingStandard / 100);
    expect(String(value("Ghi chú"))).toMatch(/^Số liệu minh họa/u);
    await page.close();
  });

  it("presents the review one section per screen, moved with the arrow keys, at 1280×720", async () => {
    const page = await session.browser.newPage();
    // A meeting room's projector: 1280×720, read from the back (large type), never sideways.
    await page.setViewportSize({ width: 1280, height: 720 });
    await openReview(page);
    await page.getByRole("link", { name: "Trình chiếu" }).click();
    await page.getByRole("heading", { name: "Tổng quan", level: 2 }).waitFor();
    await page.getByText("Phần 1/7").waitFor();
    const typeSize = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(await typeSize(".presentation")).toBeGreaterThanOrEqual(24);
    expect(await overflowsSideways(page)).toBe(false);
    await page.keyboard.press("ArrowRight");
    await page.getByRole("heading", { name: "Các xã theo số tiêu chí, chỉ tiêu đạt" }).waitFor();
    await page.getByText(SEED_000_FIRST_GROUP).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.keyboard.press("ArrowRight");
    await page
      .getByText("Tiêu chí số 17 - Môi trường và an toàn thực phẩm có 12 xã chưa đạt")
      .waitFor();
    // The same count as a chart (recharts, loaded on demand).
    await page.keyboard.press("ArrowRight");
    await page
      .getByRole("img", { name: "Biểu đồ: số xã chưa đạt theo tiêu chí" })
      .locator("svg")
      .first()
      .waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.getByText("Phần 1/7").waitFor();
    await page.close();
  });

  it("fits a 360 px phone: tables scroll in their own box, never the page", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await openReview(page);
    await page.getByText(SEED_000_FIRST_GROUP).waitFor();
    await page.getByRole("table", { name: "Xếp hạng" }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    // The district office may count the results not yet signed as well (its drafts).
    await page.getByLabel("Tính cả kết quả chưa thẩm định").check();
    await page.getByRole("button", { name: "Xem kết quả" }).click();
    await page.getByText("(gồm cả kết quả chưa thẩm định)").waitFor();
    await page.getByText(SEED_000_FIRST_GROUP).waitFor();
    expect(page.url()).toContain("nhap=1");
    await page.getByRole("link", { name: "Trình chiếu" }).click();
    await page.getByText("Phần 1/7").waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });
});
