import { browserTestsEnabled, type E2eSession, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("admin app in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("shows the whole unit tree with counts per level, and filters it ignoring tone marks", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/`);
    await page.getByRole("heading", { name: "Cây đơn vị hành chính" }).waitFor();

    const counts = page.getByRole("table", { name: "Số đơn vị theo cấp" });
    await expect.poll(() => counts.getByRole("row").allInnerTexts()).toContainEqual("Cấp xã\t22");
    const villageRow = counts.getByRole("row").filter({ hasText: "Thôn, bản" });
    const villages = Number(await villageRow.getByRole("cell").nth(1).textContent());
    expect(villages).toBeGreaterThanOrEqual(22 * 4);

    await page.getByText("Tỉnh Thanh Hóa").waitFor();
    await page.getByText("Huyện Thọ Xuân").waitFor();

    await page.getByLabel("Lọc theo tên").fill("tho lam");
    await page.getByText("Xã Thọ Lâm").waitFor();
    expect(await page.getByText("Xã Xuân Minh").count()).toBe(0);
    await page.close();
  });

  it("answers an unknown admin route with the app's not-found page", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/khong-co-trang-nay`);
    await page.getByRole("heading", { name: "Không tìm thấy trang này." }).waitFor();
    await page.close();
  });
});
