import { browserTestsEnabled, type E2eSession, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("public portal in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("lists the district's communes, finds one without tone marks, and opens it", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/`);
    await page.getByRole("heading", { name: "Huyện Thọ Xuân" }).waitFor();
    expect(await page.getByRole("link", { name: /^Xã / }).count()).toBe(22);
    expect(await page.getByText("22 xã").isVisible()).toBe(true);

    await page.getByLabel("Tìm xã theo tên").fill("xuan hoa");
    const links = page.getByRole("link", { name: /^Xã / });
    await expect.poll(() => links.allTextContents()).toEqual(["Xã Xuân Hòa"]);

    await links.first().click();
    await page.getByRole("heading", { name: "Xã Xuân Hòa", level: 1 }).waitFor();
    expect(page.url()).toBe(`${session.server.url}/xa/THO-XUAN.XUAN-HOA`);
    await page.getByText("Thôn 1", { exact: true }).waitFor();

    // A deep link survives a reload: the server answers client routes with the app.
    await page.reload();
    await page.getByRole("heading", { name: "Xã Xuân Hòa", level: 1 }).waitFor();
    await page.close();
  });

  it("fits a 360 px phone screen without horizontal scrolling", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${session.server.url}/`);
    await page.getByRole("heading", { name: "Huyện Thọ Xuân" }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
