import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("unit import in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("previews a CSV with the line and reason of each bad row, imports nothing, then imports a clean one", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/don-vi`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Nhập đơn vị từ tệp CSV hoặc Excel" }).waitFor();

    const bad = [
      "ma,ten,cap,loai,ma_cap_tren",
      "THO-XUAN.XUAN-MOI,Xuân Mới,xã,xã,THO-XUAN",
      "THO-XUAN.XUAN-MINH,Xuân Minh,xã,xã,THO-XUAN",
      "THO-XUAN.XA-LA,Xã Lạ,xã,xã,KHONG-CO",
    ].join("\n");
    await page.getByLabel("Tệp đơn vị").setInputFiles({
      name: "don-vi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(bad, "utf8"),
    });
    await page.getByLabel("Ngày bắt đầu tồn tại").fill("2024-01-01");
    await page
      .getByRole("region", { name: "Nhập đơn vị từ tệp CSV hoặc Excel" })
      .getByRole("button", { name: "Xem trước", exact: true })
      .click();
    const problems = page.getByRole("table", { name: "Các dòng lỗi (2)" });
    await problems
      .getByRole("row")
      .filter({ hasText: "Mã đơn vị THO-XUAN.XUAN-MINH đã được dùng." })
      .getByRole("rowheader", { name: "3" })
      .waitFor();
    await problems
      .getByRole("row")
      .filter({ hasText: "Không tìm thấy đơn vị cấp trên KHONG-CO." })
      .getByRole("rowheader", { name: "4" })
      .waitFor();
    expect(await page.getByRole("button", { name: /^Nhập \d+ đơn vị$/u }).count()).toBe(0);

    const good = [
      "ma,ten,cap,loai,ma_cap_tren",
      "THO-XUAN.XUAN-MOI,Xuân Mới,xã,xã,THO-XUAN",
      "THO-XUAN.XUAN-MOI.THON-1,Thôn 1,thôn,thôn,THO-XUAN.XUAN-MOI",
    ].join("\n");
    await page.getByLabel("Tệp đơn vị").setInputFiles({
      name: "don-vi.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(good, "utf8"),
    });
    await page
      .getByRole("region", { name: "Nhập đơn vị từ tệp CSV hoặc Excel" })
      .getByRole("button", { name: "Xem trước", exact: true })
      .click();
    await page.getByRole("table", { name: "Các đơn vị sẽ được nhập (2)" }).waitFor();
    await page.getByRole("button", { name: "Nhập 2 đơn vị" }).click();
    await page.getByRole("status").getByText("Đã nhập 2 đơn vị.").waitFor();
    await page.getByLabel("Lọc theo tên").fill("xuan moi");
    await page.getByText("Xã Xuân Mới").first().waitFor();

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });

  it("shows a unit's attributes with the day each took effect and sets one from a day", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await session.browser.clearCookies();
    await page.goto(`${session.server.url}/admin/don-vi`);
    await signIn(page, "huyen.thoxuan");
    const section = page.getByRole("region", { name: "Thuộc tính của đơn vị và lịch sử" });
    await section
      .getByLabel("Đơn vị", { exact: true })
      .selectOption({ label: "\u00a0\u00a0Xã Xuân Minh" });
    const history = section.getByRole("table", { name: "Lịch sử thuộc tính của Xã Xuân Minh" });
    await history.getByRole("row").filter({ hasText: "region" }).getByText("08/03/2022").waitFor();

    const form = section.getByRole("form", { name: "Lưu thuộc tính" });
    await form.getByLabel("Thuộc tính", { exact: true }).fill("region");
    await form.getByLabel("Giá trị", { exact: true }).fill("KHONG-CO");
    await form.getByLabel("Hiệu lực từ ngày").fill("2025-01-01");
    await form.getByRole("button", { name: "Lưu thuộc tính" }).click();
    await form
      .getByRole("alert")
      .getByText(/không thuộc các mã của thuộc tính region/u)
      .waitFor();
    expect(session.takeProblems(/status of 400/)).toHaveLength(1);

    await form.getByLabel("Thuộc tính", { exact: true }).fill("group");
    await form.getByLabel("Giá trị", { exact: true }).fill("2");
    await form.getByLabel("Hiệu lực từ ngày").fill("2026-02-15");
    await form.getByRole("button", { name: "Lưu thuộc tính" }).click();
    await section
      .getByRole("status")
      .getByText(/Đã lưu group = 2 từ ngày 15\/02\/2026/u)
      .waitFor();
    await history.getByRole("row").filter({ hasText: "group" }).getByText("15/02/2026").waitFor();

    // Another admin changes the same attribute meanwhile, in a second tab.
    const other = await session.browser.newPage();
    await other.goto(`${session.server.url}/admin/don-vi`);
    const otherSection = other.getByRole("region", { name: "Thuộc tính của đơn vị và lịch sử" });
    await otherSection
      .getByLabel("Đơn vị", { exact: true })
      .selectOption({ label: "\u00a0\u00a0Xã Xuân Minh" });
    await otherSection.getByRole("table").getByText("15/02/2026").waitFor();
    const otherForm = otherSection.getByRole("form", { name: "Lưu thuộc tính" });
    await otherForm.getByLabel("Thuộc tính", { exact: true }).fill("group");
    await otherForm.getByLabel("Giá trị", { exact: true }).fill("3");
    await otherForm.getByLabel("Hiệu lực từ ngày").fill("2026-02-15");
    await otherForm.getByRole("button", { name: "Lưu thuộc tính" }).click();
    await otherSection
      .getByRole("status")
      .getByText(/Đã lưu group = 3/u)
      .waitFor();
    await other.close();

    // The first tab still shows group = 2: its change is refused, not laid over the other's.
    await form.getByLabel("Thuộc tính", { exact: true }).fill("group");
    await form.getByLabel("Giá trị", { exact: true }).fill("1");
    await form.getByLabel("Hiệu lực từ ngày").fill("2026-06-01");
    await form.getByRole("button", { name: "Lưu thuộc tính" }).click();
    const conflict = form.getByRole("alert").filter({ hasText: /Ai đó vừa đổi thuộc tính này/u });
    await conflict.waitFor();
    expect(session.takeProblems(/status of 409/)).toHaveLength(1);
    await conflict.getByRole("button", { name: "Tải lại lịch sử" }).click();
    await history.getByRole("row").filter({ hasText: "group" }).getByText("3").waitFor();
    await form.getByRole("button", { name: "Lưu thuộc tính" }).click();
    await section
      .getByRole("status")
      .getByText(/Đã lưu group = 1 từ ngày 01\/06\/2026/u)
      .waitFor();
    await history.getByRole("row").filter({ hasText: "group" }).getByText("01/06/2026").waitFor();
    await page.close();
  });
});
