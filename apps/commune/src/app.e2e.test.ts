import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("commune app in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
  });
  afterAll(async () => {
    await session?.close();
  });
  // Pages of one browser share cookies: each test starts signed out.
  beforeEach(async () => {
    await session.browser.clearCookies();
  });

  it("opens on the commune of a commune officer, with its villages", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await signIn(page, "xa.xuanminh");
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    expect(page.url()).toBe(`${session.server.url}/commune/xa/THO-XUAN.XUAN-MINH`);
    await page.getByText("Thuộc Huyện Thọ Xuân").waitFor();
    await page.getByRole("banner").getByText("Cán bộ xã Xuân Minh (demo)").waitFor();
    expect(
      await page
        .getByRole("listitem")
        .filter({ hasText: /^Thôn \d+$/ })
        .count(),
    ).toBeGreaterThanOrEqual(4);

    await page.getByRole("link", { name: "Thôn 1", exact: true }).click();
    await page.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
    await page.close();
  });

  it("opens on the village of a village officer, linked to its commune", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "thon1.xuanminh");
    await page.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
    expect(page.url()).toBe(`${session.server.url}/commune/thon/THO-XUAN.XUAN-MINH.THON-1`);
    await page.getByRole("link", { name: "Xã Xuân Minh" }).click();
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    await page.close();
  });

  it.each([
    ["quantri", "quản trị hệ thống"],
    ["huyen.thoxuan", "quản trị tỉnh, huyện"],
    ["yte.thoxuan", "cán bộ thẩm định của phòng, ngành"],
  ])("sends %s to the administration app", async (username, role) => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, username);
    await page
      .getByRole("heading", { name: "Tài khoản của bạn không dùng ứng dụng Cán bộ xã" })
      .waitFor();
    await page.getByText(`(${role}) làm việc trên trang Quản trị.`).waitFor();
    await page.getByRole("link", { name: "Mở trang Quản trị" }).click();
    await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
    await page.close();
  });

  it("lets someone else sign in over an expired page, and starts them on their own unit", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "xa.xuanminh");
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    await session.browser.clearCookies({ name: "datchuan_session" });
    await page.evaluate(() =>
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true })),
    );
    const dialog = page.getByRole("dialog", { name: "Phiên làm việc đã hết hạn" });
    await dialog.waitFor();
    await dialog.getByLabel("Tên đăng nhập").fill("thon1.xuanminh");
    await dialog.getByLabel("Mật khẩu", { exact: true }).fill("datchuan-demo");
    await dialog.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
    await page.getByRole("banner").getByText("Trưởng thôn 1 Xuân Minh (demo)").waitFor();
    await page.close();
  });

  it("changes the password, keeping the form through an expired session", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "thon1.xuanminh");
    await page.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
    await page.getByText("Trưởng thôn 1 Xuân Minh (demo)").click();
    await page.getByRole("link", { name: "Đổi mật khẩu" }).click();
    await page.getByRole("heading", { name: "Đổi mật khẩu", level: 1 }).waitFor();
    const current = page.getByLabel("Mật khẩu hiện tại");
    const fresh = page.getByLabel("Mật khẩu mới", { exact: true });
    const repeat = page.getByLabel("Nhập lại mật khẩu mới");
    const submit = page.getByRole("button", { name: "Đổi mật khẩu" });

    // A repeat that differs is caught in the browser, a short one by the server, each in place.
    await current.fill("datchuan-demo");
    await fresh.fill("ngan");
    await repeat.fill("ngan khac");
    await submit.click();
    await page.getByText("Mật khẩu nhập lại không khớp với mật khẩu mới.").first().waitFor();
    await repeat.fill("ngan");
    await submit.click();
    await page
      .locator(".field", { has: fresh })
      .getByText("Mật khẩu cần ít nhất 10 ký tự")
      .waitFor();
    expect(session.takeProblems(/status of 400/)).toHaveLength(1);

    // The session ends mid-form: sending it opens the sign-in dialog over the page.
    await fresh.fill("ba con meo tam ao");
    await repeat.fill("ba con meo tam ao");
    await session.browser.clearCookies({ name: "datchuan_session" });
    await submit.click();
    const dialog = page.getByRole("dialog", { name: "Phiên làm việc đã hết hạn" });
    await dialog.waitFor();
    expect(session.takeProblems(/status of 401/)).toHaveLength(1);
    await dialog.getByLabel("Mật khẩu", { exact: true }).fill("datchuan-demo");
    await dialog.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    // Everything typed is still there; sending again now succeeds.
    expect(await current.inputValue()).toBe("datchuan-demo");
    expect(await fresh.inputValue()).toBe("ba con meo tam ao");
    expect(await repeat.inputValue()).toBe("ba con meo tam ao");
    await submit.click();
    await page.getByRole("status").getByText("Đã đổi mật khẩu.", { exact: false }).waitFor();

    // Only the new password signs in from now on.
    await page.getByText("Trưởng thôn 1 Xuân Minh (demo)").click();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await signIn(page, "thon1.xuanminh");
    await page.getByText("Tên đăng nhập hoặc mật khẩu không đúng.").waitFor();
    expect(session.takeProblems(/status of 401/)).toHaveLength(1);
    await signIn(page, "thon1.xuanminh", "ba con meo tam ao");
    await page.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
    await page.close();
  });

  it("switches to English", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await page.getByLabel("Username").waitFor();
    await page.getByLabel("Language").selectOption("vi");
    await page.close();
  });

  it("says in the server's words why a page cannot load, and to check the connection only offline", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/commune/`);
    await signIn(page, "xa.xuanminh");
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    const CHECK_CONNECTION = "Không tải được dữ liệu. Kiểm tra kết nối rồi thử lại.";

    // No such unit: the server's NOT_FOUND sentence names the code.
    await page.goto(`${session.server.url}/commune/xa/THO-XUAN.KHONG-CO`);
    await page.getByRole("alert").getByText("Không tìm thấy đơn vị THO-XUAN.KHONG-CO").waitFor();
    expect(await page.getByText(CHECK_CONNECTION).count()).toBe(0);

    // Another commune: its name is public, its working figures are not (FORBIDDEN).
    await page.goto(`${session.server.url}/commune/xa/THO-XUAN.XUAN-TIN`);
    await page.getByRole("heading", { name: "Xã Xuân Tín", level: 1 }).waitFor();
    await page
      .getByRole("alert")
      .getByText("Bạn không có quyền thực hiện thao tác này tại đơn vị này.")
      .waitFor();
    expect(await page.getByText(CHECK_CONNECTION).count()).toBe(0);

    // No answer at all (the link drops): only then is it the connection.
    await page.route(
      (url) => url.pathname.includes("unit.byCode"),
      (route) => route.abort("internetdisconnected"),
    );
    await page.goto(`${session.server.url}/commune/xa/THO-XUAN.XUAN-MINH`);
    await page.getByRole("alert").getByText(CHECK_CONNECTION).waitFor();
    await page.close();
    // The browser logs each refused or dropped request; those were provoked here on purpose.
    const provoked = session.takeProblems(
      /Failed to load resource: (the server responded with a status of 40[34]|net::ERR_INTERNET_DISCONNECTED)/u,
    );
    expect(provoked.length).toBeGreaterThan(0);
  });

  it("fits a 360 px phone and a 1280 px screen", async () => {
    const page = await session.browser.newPage();
    for (const width of [360, 1280]) {
      await session.browser.clearCookies();
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${session.server.url}/commune/`);
      await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await signIn(page, "xa.xuanminh");
      await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
      await page.getByText("Cán bộ xã Xuân Minh (demo)").click();
      await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await page.getByRole("link", { name: "Đổi mật khẩu" }).click();
      await page.getByRole("heading", { name: "Đổi mật khẩu", level: 1 }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    }
    await page.close();
  });
});
