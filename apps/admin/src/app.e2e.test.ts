import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

describe.skipIf(!browserTestsEnabled())("admin app in a browser", () => {
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

  it("shows the whole unit tree with counts per level, and filters it ignoring tone marks", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/don-vi`);
    await signIn(page, "quantri");
    await page.getByRole("heading", { name: "Cây đơn vị hành chính" }).waitFor();

    const counts = page.getByRole("table", { name: "Số đơn vị theo cấp" });
    await expect.poll(() => counts.getByRole("row").allInnerTexts()).toContainEqual("Cấp xã\t22");
    const villageRow = counts.getByRole("row").filter({ hasText: "Thôn, bản" });
    const villages = Number(await villageRow.getByRole("cell").nth(1).textContent());
    expect(villages).toBeGreaterThanOrEqual(22 * 4);

    await page.locator(".tree").getByText("Tỉnh Thanh Hóa").waitFor();
    await page.locator(".tree").getByText("Huyện Thọ Xuân").waitFor();

    await page.getByLabel("Lọc theo tên").fill("tho lam");
    await page.locator(".tree").getByText("Xã Thọ Lâm").waitFor();
    expect(await page.locator(".tree").getByText("Xã Xuân Minh").count()).toBe(0);
    await page.close();
  });

  it("answers an unknown admin route with the app's not-found page", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/khong-co-trang-nay`);
    await signIn(page, "quantri");
    await page.getByRole("heading", { name: "Không tìm thấy trang này." }).waitFor();
    await page.close();
  });

  it.each([
    ["quantri", "Quản trị hệ thống (demo)"],
    ["huyen.thoxuan", "Văn phòng NTM huyện Thọ Xuân (demo)"],
    ["yte.thoxuan", "Phòng Y tế huyện Thọ Xuân (demo)"],
  ])(
    "signs %s in onto the review dashboard, with their name in the header",
    async (username, name) => {
      const page = await session.browser.newPage();
      await page.goto(`${session.server.url}/admin/`);
      await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
      // Focus starts in the username, and Enter in the password field sends the form.
      await page.keyboard.type(username);
      await page.getByLabel("Mật khẩu", { exact: true }).fill("datchuan-demo");
      await page.getByLabel("Mật khẩu", { exact: true }).press("Enter");
      await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
      await page.getByRole("banner").getByText(name).waitFor();
      expect(page.url()).toBe(`${session.server.url}/admin/`);
      await page.close();
    },
  );

  it("refuses a wrong password in Vietnamese, then throttles the account with the wait", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/`);
    await signIn(page, "huyen.thoxuan", "mat-khau-sai");
    const alert = page.getByRole("alert");
    await alert.getByText("Tên đăng nhập hoặc mật khẩu không đúng.").waitFor();
    // The message takes the focus, so a screen reader reads it and Tab goes back to the form.
    await expect.poll(() => alert.evaluate((node) => node === document.activeElement)).toBe(true);
    expect(await page.getByLabel("Tên đăng nhập").inputValue()).toBe("huyen.thoxuan");

    // Show the password to check it: the toggle turns the field to plain text and back.
    const password = page.getByLabel("Mật khẩu", { exact: true });
    await page.getByRole("button", { name: "Hiện mật khẩu" }).click();
    expect(await password.getAttribute("type")).toBe("text");
    await page.getByRole("button", { name: "Ẩn mật khẩu" }).click();
    expect(await password.getAttribute("type")).toBe("password");

    // Five failures of one account from one client start a wait of 15 seconds (an account no
    // other test uses, unknown to the server: it answers exactly as for a real one).
    await page.getByLabel("Tên đăng nhập").fill("nguoi.doan.mat.khau");
    const submit = page.getByRole("button", { name: "Đăng nhập", exact: true });
    for (let failure = 1; failure <= 5; failure += 1) {
      const answered = page.waitForResponse((response) => response.url().includes("auth.signIn"));
      await submit.click();
      expect((await answered).status()).toBe(401);
    }
    await submit.click();
    await alert.getByText("Đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 giây.").waitFor();
    expect(session.takeProblems(/status of 401/)).toHaveLength(6);
    expect(session.takeProblems(/status of 429/)).toHaveLength(1);
    await page.close();
  });

  it("shows the server's messages beside the fields they concern", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/`);
    await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
    await page.getByRole("alert").getByRole("link", { name: "Nhập tên đăng nhập" }).click();
    await expect
      .poll(() =>
        page.getByLabel("Tên đăng nhập").evaluate((node) => node === document.activeElement),
      )
      .toBe(true);
    expect(await page.getByLabel("Mật khẩu", { exact: true }).getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(session.takeProblems(/status of 400/)).toHaveLength(1);
    await page.close();
  });

  it("tells a commune officer this app is not theirs and links to theirs", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/`);
    await signIn(page, "xa.xuanminh");
    await page
      .getByRole("heading", { name: "Tài khoản của bạn không dùng trang Quản trị" })
      .waitFor();
    await page
      .getByText("Cán bộ xã Xuân Minh (demo) (cán bộ xã) làm việc trên ứng dụng Cán bộ xã.")
      .waitFor();
    expect(await page.getByText("Cây đơn vị hành chính").count()).toBe(0);
    await page.getByRole("link", { name: "Mở ứng dụng Cán bộ xã" }).click();
    await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
    await page.close();
  });

  it("signs out from the user menu, and the app asks for sign-in again", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/`);
    await signIn(page, "quantri");
    await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
    await page.getByText("Quản trị hệ thống (demo)").click();
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    expect(await page.getByText("Quản trị hệ thống (demo)").count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await page.close();
  });

  it("keeps what was typed when the session expires, under a sign-in dialog", async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/admin/don-vi`);
    await signIn(page, "huyen.thoxuan");
    await page.getByLabel("Lọc theo tên").fill("tho lam");
    await page.locator(".tree").getByText("Xã Thọ Lâm").waitFor();

    // The session ends on the server's side (the cookie is gone); the clerk returns to the tab.
    await session.browser.clearCookies({ name: "datchuan_session" });
    await page.evaluate(() =>
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true })),
    );
    const dialog = page.getByRole("dialog", { name: "Phiên làm việc đã hết hạn" });
    await dialog.waitFor();
    // The username is known, so typing starts in the password; Escape does not leave the dialog.
    expect(await dialog.getByLabel("Tên đăng nhập").inputValue()).toBe("huyen.thoxuan");
    await page.keyboard.press("Escape");
    await page.keyboard.type("datchuan-demo");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });

    expect(await page.getByLabel("Lọc theo tên").inputValue()).toBe("tho lam");
    await page.locator(".tree").getByText("Xã Thọ Lâm").waitFor();
    await page.close();
  });

  it("fits a 360 px phone and a 1280 px screen", async () => {
    const page = await session.browser.newPage();
    for (const width of [360, 1280]) {
      await session.browser.clearCookies();
      await page.setViewportSize({ width, height: 740 });
      await page.goto(`${session.server.url}/admin/`);
      await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await signIn(page, "yte.thoxuan");
      await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
      await page.getByText("Phòng Y tế huyện Thọ Xuân (demo)").click();
      await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    }
    await page.close();
  });
});
