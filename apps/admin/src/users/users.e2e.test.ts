import { browserTestsEnabled, type E2eSession, signIn, startE2eSession } from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAs } from "../testing/api-client";
import { describedBy } from "../testing/described-by";

describe.skipIf(!browserTestsEnabled())("users page in a browser", () => {
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

  it("lets the district admin create a commune officer who then lands on their commune", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("link", { name: "Tài khoản" }).click();
    await page.getByRole("heading", { name: "Tài khoản người dùng" }).waitFor();
    const table = page.getByRole("table", { name: "Danh sách tài khoản" });
    await table.getByRole("row").filter({ hasText: "xa.xuanminh" }).waitFor();

    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    const form = page.getByRole("form", { name: "Tạo tài khoản mới" });
    // Missing fields are named in place before anything is sent, and the first gets the focus.
    await form.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => describedBy(form.getByLabel("Họ tên"))).toContain("Nhập họ tên");
    expect(await form.getByLabel("Họ tên").getAttribute("aria-invalid")).toBe("true");

    // A taken username: the server's refusal is shown beside the username, not in a summary.
    await form.getByLabel("Tên đăng nhập").fill("xa.xuanminh");
    await form.getByLabel("Họ tên").fill("Cán bộ xã Xuân Tín (demo)");
    await form.getByLabel("Mật khẩu ban đầu").fill("xuantin-mat-khau-1");
    await form.getByLabel("Vai trò").selectOption({ label: "Cán bộ xã" });
    await form.getByLabel("Đơn vị phụ trách").selectOption({ label: "\u00a0\u00a0Xã Xuân Tín" });
    await form.getByRole("button", { name: "Lưu" }).click();
    const username = form.getByLabel("Tên đăng nhập");
    await expect
      .poll(() => describedBy(username))
      .toContain("Tên đăng nhập xa.xuanminh đã có người dùng.");
    expect(await username.getAttribute("aria-invalid")).toBe("true");
    expect(await username.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await form.locator(".error-summary").count()).toBe(0);
    expect(session.takeProblems(/status of 409/)).toHaveLength(1);

    await form.getByLabel("Tên đăng nhập").fill("xa.xuantin");
    await form.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("status").getByText("Đã tạo tài khoản xa.xuantin.").waitFor();
    const row = table.getByRole("row").filter({ hasText: "xa.xuantin" });
    await row.getByText("Cán bộ xã · Xã Xuân Tín").waitFor();

    // The new officer signs in to the commune app and lands on their commune.
    await session.browser.clearCookies();
    const commune = await session.browser.newPage();
    await commune.goto(`${session.server.url}/commune/`);
    await signIn(commune, "xa.xuantin", "xuantin-mat-khau-1");
    await commune.getByRole("heading", { name: "Xã Xuân Tín", level: 1 }).waitFor();
    await commune.close();
    await page.close();
  });

  it("disables an account and resets a password, each ending the user's sessions", async () => {
    const officer = await apiAs(session.server.url, "xa.xuantin", "xuantin-mat-khau-1");
    expect((await officer.query("auth.me")).username).toBe("xa.xuantin");

    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/nguoi-dung`);
    await signIn(page, "huyen.thoxuan");
    const row = page
      .getByRole("table", { name: "Danh sách tài khoản" })
      .getByRole("row")
      .filter({ hasText: "xa.xuantin" });
    await row.getByRole("button", { name: "Khóa tài khoản xa.xuantin" }).click();
    await page
      .getByRole("status")
      .getByText(/Đã khóa tài khoản xa\.xuantin/u)
      .waitFor();
    await row.getByText("Đã khóa").waitFor();
    expect(await officer.query("auth.me")).toBeNull();

    await row.getByRole("button", { name: "Mở khóa tài khoản xa.xuantin" }).click();
    await row.getByText("Đang hoạt động").waitFor();
    await row.getByRole("button", { name: "Đặt lại mật khẩu của xa.xuantin" }).click();
    const form = page.getByRole("form", { name: "Đặt lại mật khẩu của xa.xuantin" });
    await form.getByLabel("Mật khẩu mới", { exact: true }).fill("mat-khau-cap-lai-2");
    await form.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await page
      .getByRole("status")
      .getByText(/Đã đặt lại mật khẩu của xa\.xuantin/u)
      .waitFor();
    const again = await apiAs(session.server.url, "xa.xuantin", "mat-khau-cap-lai-2");
    expect((await again.query("auth.me")).username).toBe("xa.xuantin");
    await page.close();
  });
});
