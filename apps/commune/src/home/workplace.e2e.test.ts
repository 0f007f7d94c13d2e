import { formatDate, vietnamDate } from "@datchuan/domain";
import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Page = Awaited<ReturnType<E2eSession["browser"]["newPage"]>>;

const COMMUNE = "THO-XUAN.XUAN-MINH";
const SET = "ntm-xa-2021-2025";
const WIDTHS = [360, 1280];
// The month after the demo's last accepted report: still open, judged by the 2021–2025 set.
const DRAFT_PERIOD = "2025-07";
// A 1×1 PNG: the upload route reads the kind from the bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** A tRPC call from inside the page, with its cookie, as the app makes it. */
async function trpc<T>(page: Page, path: string, input: unknown, mutation = false): Promise<T> {
  return page.evaluate(
    async ({ path, input, mutation }) => {
      const response = mutation
        ? await fetch(`/trpc/${path}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(input),
          })
        : await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
      const body = await response.json();
      if (!response.ok) throw new Error(JSON.stringify(body));
      return body.result.data;
    },
    { path, input, mutation },
  ) as Promise<T>;
}

describe.skipIf(!browserTestsEnabled())("the commune officer's workplace", () => {
  let session: E2eSession;
  let page: Page;
  beforeAll(async () => {
    session = await startE2eSession({ demo: "full" });
    page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "xa.xuanminh");
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
  }, 240_000);
  afterAll(async () => {
    await session?.close();
  });

  async function open(path: string, width: number) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${session.server.url}/commune/${path}`);
  }

  // Before any draft below: the commune's latest verdict is then its signed one, which is what
  // the public review.standing reads.
  it("shows per set the counts review.standing gives for today, and what is due when", async () => {
    for (const width of WIDTHS) {
      await open(`xa/${COMMUNE}`, width);
      const card = page.getByRole("article").filter({ hasText: "Tiêu chí đạt" }).first();
      await card.getByTestId("criteria-met").waitFor();
      const home = await trpc<{
        today: string;
        sets: Array<{
          setId: string;
          due: { dueDate: string; late: boolean; daysLate: number };
          ended: { on: string; inForce: Array<{ setId: string; title: string }> } | null;
        }>;
      }>(page, "commune.home", { unitCode: COMMUNE });
      // The server's date in Vietnam is the one the page counts from.
      expect(home.today).toBe(vietnamDate(new Date()));
      await page.getByText(`Hôm nay ${formatDate(home.today)}`).waitFor();

      const standing = await trpc<{
        units: Array<{
          code: string;
          criteriaMet: number;
          criteriaTotal: number;
          indicatorsMet: number;
          indicatorsTotal: number;
        }>;
      }>(page, "review.standing", {
        unitCode: "THO-XUAN",
        setId: SET,
        asOf: home.today,
      });
      const mine = standing.units.find((u) => u.code === COMMUNE)!;
      expect(await card.getByTestId("criteria-met").textContent()).toBe(
        `${mine.criteriaMet}/${mine.criteriaTotal}`,
      );
      expect(await card.getByTestId("indicators-met").textContent()).toBe(
        `${mine.indicatorsMet}/${mine.indicatorsTotal}`,
      );

      const { due, ended } = home.sets.find((s) => s.setId === SET)!;
      const line = card.getByTestId("due");
      expect(await line.textContent()).toContain(`hạn nộp ${formatDate(due.dueDate)}`);
      if (ended) {
        // The 2021–2025 set ended on 31/12/2025: the card says so, shows its last report, and
        // points to the sets in force, whose cards say what is due now.
        const notice = card.getByTestId("ended");
        expect(await notice.textContent()).toContain(
          `hết hiệu lực từ ngày ${formatDate(ended.on)}`,
        );
        expect(ended.inForce.length).toBeGreaterThan(0);
        for (const next of ended.inForce) {
          await notice.getByRole("link", { name: next.title }).waitFor();
          await page.getByRole("article", { name: next.title }).getByTestId("due").waitFor();
        }
        if (due.late) await line.getByText("chưa nộp").waitFor();
        expect(await line.textContent()).not.toMatch(/quá hạn/u);
      } else if (due.late) {
        await line.getByText(`quá hạn ${due.daysLate} ngày`).waitFor();
      }
      if (due.late) {
        // Late reads in red (and in words).
        expect(await line.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(180, 35, 24)");
      }
      await card
        .getByRole("link", { name: ended ? "Nhập số liệu kỳ cuối" : "Nhập số liệu kỳ này" })
        .waitFor();
      await page.getByRole("link", { name: "Thôn 1", exact: true }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    }
  });

  it("shows every criterion as a tile and opens one with its chart across periods", async () => {
    for (const width of WIDTHS) {
      await open(`xa/${COMMUNE}`, width);
      await page.getByRole("link", { name: "Bảng điểm tiêu chí" }).first().click();
      await page.getByRole("heading", { name: "Bảng điểm tiêu chí", level: 1 }).waitFor();
      const tiles = page.locator(".tiles > li");
      await tiles.first().waitFor();
      expect(await tiles.count()).toBe(19);
      await page.getByText(/^✓Đạt: \d+$/u).waitFor();
      await page.getByTestId("period-chart").locator(".recharts-surface").first().waitFor();
      expect(await overflowsSideways(page)).toBe(false);

      await page.getByRole("link", { name: /^Tiêu chí 17\. Môi trường/u }).click();
      await page.getByRole("heading", { name: /^Tiêu chí 17\. Môi trường/u, level: 1 }).waitFor();
      await page
        .getByRole("figure", { name: "Số chỉ tiêu đạt của tiêu chí 17 qua các kỳ" })
        .waitFor();
      await page.getByTestId("period-chart").locator(".recharts-line").first().waitFor();
      // Each indicator with its threshold, its source and whether it was checked.
      await page.getByRole("heading", { name: /^17\.1\. / }).waitFor();
      await page.getByText("(chưa kiểm chứng (minh họa))").first().waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    }
  });

  it("lists what is missing by distance from the threshold, and keeps a plan", async () => {
    // The clerk starts the next month: one figure just short, one far, one not done.
    for (const [indicatorCode, value] of [
      ["17.1", { kind: "number", value: 45 }],
      ["17.7", { kind: "number", value: 35 }],
      ["3.2", { kind: "boolean", value: false }],
    ] as const) {
      await trpc(
        page,
        "report.saveValue",
        {
          unitCode: COMMUNE,
          setId: SET,
          period: DRAFT_PERIOD,
          indicatorCode,
          value: { ...value, period: DRAFT_PERIOD },
          expectedRowVersion: null,
        },
        true,
      );
    }
    for (const width of WIDTHS) {
      await open(`xa/${COMMUNE}`, width);
      // Recognised on a signed verdict, the commune now lets criteria slip: the home says which.
      const slipped = page.getByText(/^Tiêu chí không còn đạt: /u);
      await slipped.waitFor();
      const numbers = (await slipped.textContent())!.split(": ")[1]!.split(", ");
      expect(numbers).toEqual(expect.arrayContaining(["3", "17"]));
      await page.getByRole("link", { name: "Còn thiếu gì và kế hoạch" }).first().click();
      await page.getByRole("heading", { name: "Còn thiếu gì", level: 1 }).waitFor();
      const items = page.getByTestId("missing-indicator");
      await items.first().waitFor();
      const codes = (await items.getByRole("heading").allTextContents()).map(
        (t) => t.split(". ")[0],
      );
      expect(codes.indexOf("17.1")).toBeGreaterThanOrEqual(0);
      expect(codes.indexOf("17.1")).toBeLessThan(codes.indexOf("17.7"));
      expect(codes.indexOf("17.7")).toBeLessThan(codes.indexOf("3.2"));
      // Distances never decrease down the list; those without one come last.
      const distances = (await items.getByTestId("distance").allTextContents()).map((text) => {
        const match = /Cách ngưỡng ([\d.,]+) %/u.exec(text);
        return match ? Number(match[1]!.replace(/\./gu, "").replace(",", ".")) : Infinity;
      });
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(distances[codes.indexOf("17.1")]).toBe(10);
      expect(await overflowsSideways(page)).toBe(false);

      // A task for criterion 17, then its status moves on; a reload keeps both.
      const title = `Vận động hộ dân phân loại rác (${width})`;
      await page.getByRole("button", { name: "Thêm nhiệm vụ" }).click();
      await page.getByLabel("Tiêu chí", { exact: true }).selectOption("17");
      await page.getByLabel("Việc cần làm").fill(title);
      await page.getByLabel("Người phụ trách").fill("Bà Nguyễn Thị Hoa (demo)");
      await page.getByLabel("Hạn hoàn thành").fill("2026-12-31");
      await page.getByRole("button", { name: "Lưu nhiệm vụ" }).click();
      const task = page.getByTestId("plan-task").filter({ hasText: title });
      await task.waitFor();
      await task.getByText("Hạn 31/12/2026").waitFor();
      const status = page.getByLabel(`Trạng thái của “${title}”`);
      expect(await status.inputValue()).toBe("todo");
      await status.selectOption("doing");
      await page.getByRole("status").getByText("Đã lưu nhiệm vụ.").waitFor();
      expect(await overflowsSideways(page)).toBe(false);

      await page.reload();
      await page.getByTestId("plan-task").filter({ hasText: title }).waitFor();
      expect(await page.getByLabel(`Trạng thái của “${title}”`).inputValue()).toBe("doing");
    }
  });

  it("attaches an image with progress and a preview, removes it, and refuses a file over the limit unsent", async () => {
    const posted: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/files/evidence/"))
        posted.push(request.url());
    });
    for (const width of WIDTHS) {
      await open(`xa/${COMMUNE}/bang-diem/3/3.2`, width);
      await page.getByRole("heading", { name: /^3\.2\. /u, level: 1 }).waitFor();
      // The limits are on the page before anything is chosen.
      await page
        .getByText(
          "Nhận tệp PDF, JPEG, PNG, WebP, Word, Excel, Word/Excel 97–2003, mỗi tệp tối đa 10 MB.",
        )
        .waitFor();
      const input = page.getByLabel("Chọn tệp minh chứng");

      const name = `anh-hien-truong-${width}.png`;
      await input.setInputFiles({ name, mimeType: "image/png", buffer: PNG });
      await page.getByText(`Đã tải lên ${name}`).waitFor();
      const progress = page.getByRole("progressbar", { name: `Tiến độ tải lên ${name}` });
      expect(await progress.getAttribute("value")).toBe("100");
      const preview = page.getByRole("img", { name: `Ảnh minh chứng ${name}` });
      await preview.waitFor();
      await page.waitForFunction((alt) => {
        const img = document.querySelector(`img[alt="${alt}"]`) as HTMLImageElement | null;
        return Boolean(img?.complete && img.naturalWidth > 0 && img.src.startsWith("blob:"));
      }, `Ảnh minh chứng ${name}`);
      expect(await overflowsSideways(page)).toBe(false);

      await page.getByRole("button", { name: `Gỡ ${name}` }).click();
      await page.getByRole("status").getByText(`Đã gỡ ${name}.`).waitFor();
      await preview.waitFor({ state: "detached" });

      const before = posted.length;
      await input.setInputFiles({
        name: "ban-chup-qua-lon.png",
        mimeType: "image/png",
        buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
      });
      await page
        .getByRole("alert")
        .getByText("Không gửi tệp ban-chup-qua-lon.png: Tệp quá lớn: tối đa 10 MB.")
        .waitFor();
      await input.setInputFiles({
        name: "ghi-chu.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("x"),
      });
      await page
        .getByRole("alert")
        .getByText(/^Không gửi tệp ghi-chu\.txt: Chỉ nhận tệp PDF/u)
        .waitFor();
      expect(posted.length).toBe(before);
    }
    expect(posted).toHaveLength(WIDTHS.length);
  });
});
