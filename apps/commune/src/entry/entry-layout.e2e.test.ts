import { browserTestsEnabled, type E2eSession, signIn, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const COMMUNE = "THO-XUAN.XUAN-MINH";

/**
 * Verdicts update as the clerk types: the rows below must stay where they are (the page
 * reserves the verdict's height), or the field the clerk is heading for moves under the finger.
 */
describe.skipIf(!browserTestsEnabled())("the entry page while verdicts update", () => {
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

  it.each([
    [360, "2025-10"],
    [1280, "2025-11"],
  ])(
    "at %i px: keeps the rows below in place from missing to not met to met",
    async (width, period) => {
      const page = await session.browser.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${session.server.url}/commune/`);
      await signIn(page, "xa.xuanminh");
      await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
      await page.goto(`${session.server.url}/commune/xa/${COMMUNE}/nhap-lieu/${period}`);
      const share = page.locator("#v-3-1-a");
      const row = page.locator("#v-3-1-row");
      const below = page.locator("#v-3-2-row");
      await row.locator(".verdict-missing").waitFor();
      // Where the next row sits in the page (not the window: the page may scroll to the field).
      const topOfBelow = () =>
        below.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      const start = await topOfBelow();

      await share.fill("79,5");
      await row.locator(".verdict-not_met").waitFor();
      await row.getByText("thiếu 0,5 điểm phần trăm", { exact: false }).waitFor();
      expect(await topOfBelow()).toBe(start);

      await share.fill("95");
      await row.locator(".verdict-met").waitFor();
      expect(await topOfBelow()).toBe(start);
      await page.close();
    },
  );
});
