import { browserTestsEnabled, type E2eSession, signIn, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../testing/api-client";
import { describedBy } from "../testing/described-by";

describe.skipIf(!browserTestsEnabled())("registrations and targets in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it("registers a commune's target year and records a yearly target against its actual", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/dang-ky`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Đăng ký về đích và chỉ tiêu năm" }).waitFor();

    const registration = page.getByRole("form", { name: "Đăng ký hoặc dời năm về đích" });
    await registration.getByRole("button", { name: "Lưu đăng ký" }).click();
    // The missing unit is named beside its field (the focus goes there), not in a summary.
    await expect
      .poll(() => describedBy(registration.getByLabel("Đơn vị")))
      .toContain("Chọn đơn vị");
    expect(await registration.getByLabel("Đơn vị").getAttribute("aria-invalid")).toBe("true");
    await registration.getByLabel("Đơn vị").selectOption({ label: "\u00a0\u00a0Xã Xuân Tín" });
    await registration.getByLabel("Bộ tiêu chí").selectOption("ntm-xa-2021-2025");
    await registration.getByLabel("Năm đăng ký về đích").fill("2025");
    await registration.getByLabel("Ghi chú").fill("Còn tiêu chí 17 (minh họa)");
    await registration.getByRole("button", { name: "Lưu đăng ký" }).click();
    await page
      .getByRole("status")
      .getByText(/Đã lưu đăng ký của Xuân Tín: về đích năm 2025/u)
      .waitFor();
    await page
      .getByRole("table", { name: "Các đăng ký về đích" })
      .getByRole("row")
      .filter({ hasText: "Xã Xuân Tín" })
      .getByRole("cell", { name: "2025", exact: true })
      .waitFor();

    await page.getByLabel("Năm", { exact: true }).selectOption("2024");
    await page.getByRole("button", { name: "Thêm chỉ tiêu" }).click();
    const target = page.getByRole("form", { name: "Chỉ tiêu năm 2024" });
    await target.getByLabel("Mã chỉ tiêu").fill("thu_nhap");
    await target.getByLabel("Tên chỉ tiêu").fill("Thu nhập bình quân đầu người");
    await target.getByLabel("Chỉ tiêu", { exact: true }).fill("64");
    await target.getByLabel("Đơn vị tính").fill("triệu đồng/người/năm");
    await target.getByLabel("Thực hiện", { exact: true }).fill("abc");
    await target.getByRole("button", { name: "Lưu" }).click();
    await target.getByText("Nhập một số hoặc để trống").first().waitFor();
    await target.getByLabel("Thực hiện", { exact: true }).fill("63,2");
    await target.getByLabel("Nguồn số liệu thực hiện").fill("Báo cáo thống kê (minh họa)");
    await target.getByRole("button", { name: "Lưu" }).click();
    await page
      .getByRole("status")
      .getByText("Đã lưu chỉ tiêu Thu nhập bình quân đầu người.")
      .waitFor();
    const row = page
      .getByRole("table", { name: "Chỉ tiêu năm 2024" })
      .getByRole("row")
      .filter({ hasText: "Thu nhập bình quân đầu người" });
    await row.getByText("≥ 64 triệu đồng/người/năm").waitFor();
    await row.getByText("63,2 triệu đồng/người/năm").waitFor();
    await row.getByText("Chưa đạt").waitFor();

    const office = await apiAs(session.server.url, "huyen.thoxuan");
    const targets = await office.query("planning.targets", { unitCode: "THO-XUAN", year: 2024 });
    expect(targets).toEqual([
      expect.objectContaining({ metric: "thu_nhap", value: 64, actual: 63.2 }),
    ]);
    await page.close();
  });
});
