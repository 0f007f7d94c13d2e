import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAs } from "../testing/api-client";

const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024" };

describe.skipIf(!browserTestsEnabled())("review inbox in a browser", () => {
  let session: E2eSession;
  let reportId: string;
  beforeAll(async () => {
    session = await startE2eSession();
    // Xuân Minh sends two health indicators (Y tế) and one environment indicator for review.
    const officer = await apiAs(session.server.url, "xa.xuanminh");
    const values = [
      {
        indicatorCode: "15.1",
        value: { kind: "ratio", period: "2024", numerator: 3000, denominator: 3200 },
        evidenceNote: "Danh sách BHXH huyện tháng 12",
      },
      {
        indicatorCode: "15.2",
        value: { kind: "boolean", period: "2024", value: true },
        evidenceNote: null,
      },
      {
        indicatorCode: "17.1",
        value: { kind: "ratio", period: "2024", numerator: 900, denominator: 1000 },
        evidenceNote: null,
      },
    ];
    for (const value of values)
      await officer.mutate("report.saveValue", { ...key, ...value, expectedRowVersion: null });
    const report = (await officer.query("report.get", key)).report;
    reportId = report.id;
    await officer.mutate("report.submit", { ...key, expectedRowVersion: report.rowVersion });
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session.browser.clearCookies();
  });

  it("lets the health reviewer accept one indicator and return another with a reason", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/hop-thu`);
    await signIn(page, "yte.thoxuan");
    await page.getByRole("heading", { name: "Hộp thư thẩm định", level: 1 }).waitFor();
    const queue = page.getByRole("table", { name: "Báo cáo chờ thẩm định" });
    const row = queue.getByRole("row").filter({ hasText: "Xã Xuân Minh" });
    await row.getByText("15.1, 15.2").waitFor();
    // Only the health department's indicators wait here, not 17.1 (environment).
    expect(await row.getByText("17.1").count()).toBe(0);
    await row.getByRole("link", { name: "Thẩm định báo cáo của Xã Xuân Minh, kỳ 2024" }).click();

    await page.getByRole("heading", { name: "Xã Xuân Minh — kỳ 2024" }).waitFor();
    const bhyt = page.getByRole("article").filter({ hasText: "15.1 —" });
    // The value, its verdict against the threshold and the evidence are beside the decision.
    await bhyt.getByText(/3\.000.*3\.200.*93,75/u).waitFor();
    await bhyt.getByText("Danh sách BHXH huyện tháng 12").waitFor();
    await bhyt.getByRole("button", { name: "Chấp nhận chỉ tiêu 15.1" }).click();
    await page.getByRole("status").getByText("Đã chấp nhận chỉ tiêu 15.1.").waitFor();
    await bhyt.getByText("Đã chấp nhận", { exact: true }).waitFor();

    const clinic = page.getByRole("article").filter({ hasText: "15.2 —" });
    await clinic.getByRole("button", { name: "Trả lại chỉ tiêu 15.2" }).click();
    // A return needs a reason: refused in place before anything is sent.
    await clinic.getByRole("button", { name: "Gửi trả lại" }).click();
    await clinic.getByText("Nhập lý do trả lại.").waitFor();
    expect(
      await clinic.getByLabel("Lý do trả lại chỉ tiêu 15.2").getAttribute("aria-invalid"),
    ).toBe("true");
    await clinic
      .getByLabel("Lý do trả lại chỉ tiêu 15.2")
      .fill("Thiếu quyết định công nhận trạm y tế đạt chuẩn");
    await clinic.getByRole("button", { name: "Gửi trả lại" }).click();
    await page.getByRole("status").getByText("Đã trả lại chỉ tiêu 15.2.").waitFor();
    await clinic
      .getByText("Lý do trả lại: Thiếu quyết định công nhận trạm y tế đạt chuẩn")
      .waitFor();
    await page.getByText("Bạn đã thẩm định hết các chỉ tiêu của mình trong báo cáo này.").waitFor();

    // The report's state, through the API: one accepted, one returned with its reason.
    const office = await apiAs(session.server.url, "huyen.thoxuan");
    const report = await office.query("report.get", key);
    const byCode = Object.fromEntries(
      report.values.map((v: { indicatorCode: string }) => [v.indicatorCode, v]),
    );
    expect(byCode["15.1"]).toMatchObject({ reviewStatus: "accepted" });
    expect(byCode["15.2"]).toMatchObject({
      reviewStatus: "returned",
      returnReason: "Thiếu quyết định công nhận trạm y tế đạt chuẩn",
    });
    expect(byCode["17.1"]).toMatchObject({ reviewStatus: "submitted" });
    expect(report.report.status).toBe("returned");
    expect(report.report.id).toBe(reportId);

    // The inbox no longer lists the report: nothing of the health department's is waiting.
    await page.getByRole("link", { name: "← Về hộp thư thẩm định" }).click();
    await page.getByText("Không có báo cáo nào đang chờ bạn thẩm định.").waitFor();
    await page.close();
  });

  it("shows the office the missing and late reports by commune with the due date and days late", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/hop-thu`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Báo cáo chưa gửi và gửi muộn" }).waitFor();
    const table = page.getByRole("table").filter({ hasText: "Hạn gửi" });
    await table.getByRole("row").nth(22).waitFor();
    // The office reviews nothing itself: no review queue.
    expect(await page.getByRole("table", { name: "Báo cáo chờ thẩm định" }).count()).toBe(0);
    const office = await apiAs(session.server.url, "huyen.thoxuan");
    const states = await office.query("report.states", { scopeCode: "THO-XUAN", setId: key.setId });
    const late = states.filter((s: { late: boolean }) => s.late);
    expect(await table.getByText(/^Muộn \d+ ngày$/u).count()).toBe(late.length);
    await page.close();
  });

  it("fits a 360 px phone", async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${session.server.url}/admin/hop-thu/${reportId}`);
    await signIn(page, "yte.thoxuan");
    await page.getByRole("heading", { name: "Xã Xuân Minh — kỳ 2024" }).waitFor();
    await page.getByRole("article").filter({ hasText: "15.1 —" }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.goto(`${session.server.url}/admin/hop-thu`);
    await page.getByRole("heading", { name: "Hộp thư thẩm định", level: 1 }).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });
});
