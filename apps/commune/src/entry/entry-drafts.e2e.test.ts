import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAs } from "./api-over-http";

type Page = Awaited<ReturnType<E2eSession["browser"]["newPage"]>>;

const COMMUNE = "THO-XUAN.XUAN-MINH";
const NTM = "ntm-xa-2021-2025";

describe.skipIf(!browserTestsEnabled())("nothing a clerk types is lost", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.browser.clearCookies();
  });

  async function openEntry(width: number, period: string): Promise<Page> {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "xa.xuanminh");
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    await page.goto(`${session.server.url}/commune/xa/${COMMUNE}/nhap-lieu/${period}?bo=${NTM}`);
    await page.locator("#v-15-1-a").waitFor();
    return page;
  }

  /** The server's value of an indicator for the period, read as the clerk over HTTP. */
  async function serverValue(period: string, code: string) {
    const clerk = await apiAs(session.server.url, "xa.xuanminh");
    const entry = await clerk.query("report.entry", { unitCode: COMMUNE, setId: NTM, period });
    return entry.values.find((v: { indicatorCode: string }) => v.indicatorCode === code)?.value
      ?.value;
  }

  const saveStatus = (page: Page) => page.locator(".entry-status [role=status]");

  it.each([
    [360, "2025-09"],
    [1280, "2025-10"],
  ])(
    "at %i px: keeps a draft the server never got through a reload, and sends it later",
    async (width, period) => {
      const page = await openEntry(width, period);
      // The server cannot be reached for saves: what is typed stays on this device.
      await page.route("**/trpc/report.saveValue**", (route) => route.abort());
      await page.locator("#v-17-4-a").fill("1234,5");
      await page.locator("#v-17-4-a").press("Tab");
      await saveStatus(page).getByText("Chỉ lưu trên máy này: 1 chỉ tiêu").waitFor();
      await page.locator("#v-17-4-row .entry-save-local").waitFor();
      await page.reload();
      await page.locator("#v-17-4-a").waitFor();
      expect(await page.locator("#v-17-4-a").inputValue()).toBe("1.234,5");
      await saveStatus(page).getByText("Chỉ lưu trên máy này: 1 chỉ tiêu").waitFor();
      session.takeProblems(/ERR_FAILED/);
      // The link comes back: the kept draft is sent on its own.
      await page.unroute("**/trpc/report.saveValue**");
      await saveStatus(page).getByText("Đã lưu trên máy chủ").waitFor();
      await expect.poll(() => serverValue(period, "17.4")).toBe(1234.5);
      session.takeProblems(/ERR_FAILED/);
      expect(await overflowsSideways(page)).toBe(false);
      await page.close();
    },
  );

  it.each([
    [360, "2025-09"],
    [1280, "2025-10"],
  ])(
    "at %i px: queues what is typed offline and saves it when the connection returns",
    async (width, period) => {
      const page = await openEntry(width, period);
      await session.browser.setOffline(true);
      try {
        await page.locator("#v-15-3-a").fill("18,25");
        await page.locator("#v-15-3-a").press("Tab");
        await page.locator("#v-15-2-a").selectOption("true");
        await page.getByText("Mất kết nối: số liệu được giữ trên máy này").waitFor();
        await saveStatus(page).getByText("Chỉ lưu trên máy này: 2 chỉ tiêu").waitFor();
      } finally {
        await session.browser.setOffline(false);
      }
      await saveStatus(page).getByText("Đã lưu trên máy chủ").waitFor();
      await expect.poll(() => serverValue(period, "15.3")).toBe(18.25);
      expect(await serverValue(period, "15.2")).toBe(true);
      await page.close();
    },
  );

  it.each([
    [360, "2025-09", "Giữ của tôi", 55],
    [1280, "2025-10", "Dùng của họ", 60],
  ])(
    "at %i px: shows a conflict side by side and the server keeps the choice",
    async (width, period, choice, kept) => {
      const page = await openEntry(width, period);
      // Someone else saves the same indicator after the page was loaded.
      const other = await apiAs(session.server.url, "quantri");
      await other.mutate("report.saveValue", {
        unitCode: COMMUNE,
        setId: NTM,
        period,
        indicatorCode: "15.4",
        value: { kind: "number", period, value: 60 },
        expectedRowVersion: null,
      });
      await page.locator("#v-15-4-a").fill("55");
      await page.locator("#v-15-4-a").press("Tab");
      const conflict = page.locator("#v-15-4-row .entry-conflict");
      await conflict.getByText("Người khác vừa lưu giá trị khác cho chỉ tiêu này").waitFor();
      await conflict.getByText("Của họ (trên máy chủ)").waitFor();
      await conflict.getByText("60 %", { exact: true }).waitFor();
      await conflict.getByText("55 %", { exact: true }).waitFor();
      session.takeProblems(/status of 409/);
      expect(await overflowsSideways(page)).toBe(false);
      await conflict.getByRole("button", { name: choice }).click();
      await conflict.waitFor({ state: "detached" });
      await page.locator("#v-15-4-row .entry-save-saved").waitFor();
      expect(await page.locator("#v-15-4-a").inputValue()).toBe(String(kept));
      await expect.poll(() => serverValue(period, "15.4")).toBe(kept);
      await page.close();
    },
  );

  it.each([
    [360, "2025-11"],
    [1280, "2025-12"],
  ])(
    "at %i px: keeps what was typed when the session expires, and sends it after signing in again",
    async (width, period) => {
      const page = await openEntry(width, period);
      await session.browser.clearCookies({ name: "datchuan_session" });
      await page.locator("#v-15-1-a").fill("91,5");
      await page.locator("#v-15-1-a").press("Tab");
      await page.getByRole("heading", { name: "Phiên làm việc đã hết hạn" }).waitFor();
      session.takeProblems(/status of 401/);
      expect(await page.locator("#v-15-1-a").inputValue()).toBe("91,5");
      await signIn(page, "xa.xuanminh");
      await page.getByRole("heading", { name: "Phiên làm việc đã hết hạn" }).waitFor({
        state: "detached",
      });
      await page.locator("#v-15-1-row .entry-save-saved").waitFor();
      await expect.poll(() => serverValue(period, "15.1")).toBe(91.5);
      session.takeProblems(/status of 401/);
      await page.close();
    },
  );
});
