import { browserTestsEnabled, type E2eSession, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("commune app in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("asks for a commune, shows it with its villages, and remembers it", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await page.getByRole("heading", { name: "Chọn xã của bạn" }).waitFor();
    expect(page.url()).toBe(`${session.server.url}/commune/chon-xa`);

    await page.getByLabel("Tìm xã").fill("TRUONG XUAN");
    await page.getByRole("link", { name: "Xã Trường Xuân" }).click();
    await page.getByRole("heading", { name: "Xã Trường Xuân", level: 1 }).waitFor();
    await page.getByText("Thuộc Huyện Thọ Xuân").waitFor();
    await page.getByText("Thôn 1", { exact: true }).waitFor();
    expect(
      await page
        .getByRole("listitem")
        .filter({ hasText: /^Thôn \d+$/ })
        .count(),
    ).toBeGreaterThanOrEqual(4);

    // Coming back to the app goes straight to the commune chosen on this device.
    await page.goto(`${session.server.url}/commune/`);
    await page.getByRole("heading", { name: "Xã Trường Xuân", level: 1 }).waitFor();
    expect(page.url()).toBe(`${session.server.url}/commune/xa/THO-XUAN.TRUONG-XUAN`);

    await page.getByRole("link", { name: "Đổi xã" }).click();
    await page.getByLabel("Tìm xã").fill("khong co xa nay");
    await page.getByText("Không có kết quả phù hợp.").waitFor();
    await page.close();
  });

  it("switches to English", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/chon-xa`);
    await page.getByRole("heading", { name: "Chọn xã của bạn" }).waitFor();
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await page.getByRole("heading", { name: "Choose your commune" }).waitFor();
    await page.close();
  });
});
