import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../testing/api-client";

describe.skipIf(!browserTestsEnabled())("audit log in a browser", () => {
  let session: E2eSession;
  beforeAll(async () => {
    session = await startE2eSession();
    const office = await apiAs(session.server.url, "huyen.thoxuan");
    await office.mutate("planning.setTarget", {
      unitCode: "THO-XUAN",
      year: 2024,
      metric: "bhyt",
      label: "Tỷ lệ tham gia BHYT",
      comparator: "gte",
      value: 92,
      unitOfMeasure: "%",
      expectedRowVersion: null,
    });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("shows who changed what with before → after, filtered by kind and user", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/nhat-ky`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Nhật ký thay đổi", level: 1 }).waitFor();
    await page.getByLabel("Loại thay đổi").selectOption({ label: "Chỉ tiêu năm" });
    await page.getByLabel("Người thực hiện (tên đăng nhập)").fill("huyen.thoxuan");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    const table = page.getByRole("table", { name: "Nhật ký thay đổi" });
    const row = table.getByRole("row").filter({ hasText: "target.save" });
    await row.getByText("Tỷ lệ tham gia BHYT").waitFor();
    expect(await table.getByRole("row").count()).toBe(2);

    // A reversed range is refused in place.
    await page.getByLabel("Từ ngày").fill("2025-02-01");
    await page.getByLabel("Đến ngày").fill("2025-01-01");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.getByRole("alert").getByText("Ngày bắt đầu phải trước ngày kết thúc").waitFor();

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });
});
