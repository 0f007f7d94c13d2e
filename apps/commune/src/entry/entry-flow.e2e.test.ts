import AxeBuilder from "@axe-core/playwright";
import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAs } from "./api-over-http";

type Page = Awaited<ReturnType<E2eSession["browser"]["newPage"]>>;

const COMMUNE = "THO-XUAN.XUAN-MINH";
/** A 1×1 PNG: the smallest image the upload route reads as one. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const NTM = "ntm-xa-2021-2025";

/** Opens a period's entry from the commune's page, as a clerk does. */
async function openEntry(page: Page, period: string) {
  await page.getByRole("heading", { name: "Xã Xuân Minh", level: 1 }).waitFor();
  await page.getByLabel("Kỳ khác").fill(period);
  await page.getByRole("button", { name: "Mở", exact: true }).click();
  const [year, month] = period.split("-");
  await page.getByRole("heading", { name: `Nhập số liệu kỳ ${month}/${year}`, level: 1 }).waitFor();
}

describe.skipIf(!browserTestsEnabled())("a clerk enters a period's figures", () => {
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

  it.each([
    [360, "2025-07"],
    [1280, "2025-08"],
  ])(
    "at %i px: watches criteria flip as they type, submits, fixes a returned indicator and resubmits",
    async (width, period) => {
      const page = await session.browser.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${session.server.url}/commune/`);
      await signIn(page, "xa.xuanminh");
      await openEntry(page, period);
      await page.getByText("Chưa có số liệu", { exact: true }).waitFor();
      await page.getByText("Hạn nộp:").first().waitFor();

      expect(await page.getByLabel("Bộ tiêu chí").inputValue()).toBe(NTM);

      const irrigation = page.getByRole("region", { name: /^Tiêu chí 3\. Thủy lợi/ });
      const criterionBadge = (region: typeof irrigation, status: string) =>
        region.locator(`.entry-criterion-head .verdict-${status}`);
      await criterionBadge(irrigation, "undetermined").waitFor();
      await irrigation.getByText("Giá trị trước đó:").first().waitFor();
      await irrigation.getByText("Mức đạt chuẩn: Ngưỡng ≥ 80 %", { exact: false }).waitFor();

      await page.locator("#v-3-2-a").selectOption("true");
      const share = page.locator("#v-3-1-a");
      // Refused in the page with the server's own sentence.
      await share.fill("120");
      await share.press("Tab");
      await page
        .getByText("Chỉ tiêu 3.1 là tỷ lệ phần trăm: giá trị 120 % nằm ngoài khoảng 0–100 %.")
        .waitFor();
      expect(await share.getAttribute("aria-invalid")).toBe("true");
      await share.fill("79.5");
      // Enter moves on, as Tab does; the number is shown back the Vietnamese way.
      await share.press("Enter");
      expect(await share.inputValue()).toBe("79,5");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("v-3-1-note");
      await criterionBadge(irrigation, "not_met").waitFor();
      await irrigation.getByText("thiếu 0,5 điểm phần trăm", { exact: false }).waitFor();
      await share.fill("81,5");
      // Met, but within two points of the threshold: fragile.
      await criterionBadge(irrigation, "fragile").waitFor();

      const trade = page.getByRole("region", { name: /^Tiêu chí 7\./ });
      await page.locator("#v-7-a").selectOption("true");
      await criterionBadge(trade, "met").waitFor();
      await page.locator("#v-15-2-a").selectOption("false");
      await page.locator("#v-15-2-note").fill("Biên bản kiểm tra trạm y tế (minh họa)");
      await page.locator("#v-15-2-note").press("Tab");

      await page.locator(".entry-status").getByText("Đã lưu trên máy chủ").waitFor();
      const clerk = await apiAs(session.server.url, "xa.xuanminh");
      const key = { unitCode: COMMUNE, setId: NTM, period };
      await expect
        .poll(async () => {
          const saved = await clerk.query("report.entry", key);
          return Object.fromEntries(
            saved.values.map((v: { indicatorCode: string; value: { value: unknown } }) => [
              v.indicatorCode,
              v.value.value,
            ]),
          );
        })
        .toEqual({ "3.1": 81.5, "3.2": true, "7": true, "15.2": false });
      expect(await overflowsSideways(page)).toBe(false);
      // Labelled, keyboard-reachable, readable: no accessibility rule broken.
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual(
        [],
      );

      // Evidence goes with the value in its row, once the value is on the server.
      const healthRow = page.locator("#v-15-2-row");
      await healthRow.getByText("Minh chứng (tệp ảnh, văn bản)").click();
      const photo = `bien-ban-tram-y-te-${width}.png`;
      await healthRow.getByLabel("Chọn tệp minh chứng").setInputFiles({
        name: photo,
        mimeType: "image/png",
        buffer: PNG,
      });
      await healthRow.getByText(`Đã tải lên ${photo}`).waitFor();
      await healthRow.getByRole("img", { name: `Ảnh minh chứng ${photo}` }).waitFor();
      const entry = await clerk.query("report.entry", key);
      const saved152 = entry.values.find(
        (v: { indicatorCode: string; id: string }) => v.indicatorCode === "15.2",
      );
      const files = await clerk.query("report.evidenceFiles", { valueId: saved152.id });
      expect(JSON.stringify(files)).toContain(photo);

      await page.getByRole("button", { name: "Nộp báo cáo" }).click();
      await page.getByText("Đã nộp báo cáo. Báo cáo đang chờ thẩm định.").waitFor();
      await page.getByText("Đã nộp, chờ thẩm định").waitFor();
      await page.getByText(/^🔒 Chỉ xem: Báo cáo đã gửi/).waitFor();
      expect(await page.locator("#v-3-1-a").isDisabled()).toBe(true);

      // The health office returns its indicator with a reason.
      const reviewer = await apiAs(session.server.url, "yte.thoxuan");
      const submitted = await reviewer.query("report.entry", key);
      const health = submitted.values.find(
        (v: { indicatorCode: string }) => v.indicatorCode === "15.2",
      );
      await reviewer.mutate("report.review", {
        valueId: health.id,
        decision: "returned",
        reason: "Trạm y tế chưa đạt chuẩn theo biên bản; đề nghị kiểm tra lại.",
        expectedRowVersion: health.rowVersion,
      });

      await page.reload();
      await page.getByText("Bị trả lại, cần sửa").waitFor();
      await page.getByRole("heading", { name: "Chỉ tiêu bị trả lại (1)" }).waitFor();
      const returnedRow = page.locator("#v-15-2-row");
      await returnedRow
        .getByText("Trạm y tế chưa đạt chuẩn theo biên bản; đề nghị kiểm tra lại.")
        .waitFor();
      // What the reviewer did not return stays as sent.
      expect(await page.locator("#v-3-1-a").isDisabled()).toBe(true);
      await page.locator("#v-15-2-a").selectOption("true");
      await page.locator("#v-15-2-note").fill("Biên bản kiểm tra lại ngày 10/10/2025 (minh họa)");
      await page.locator("#v-15-2-note").press("Tab");
      await returnedRow.locator(".entry-save-saved").waitFor();
      await page.getByRole("button", { name: "Nộp báo cáo" }).click();
      await page.getByText("Đã nộp, chờ thẩm định").waitFor();
      const resubmitted = await reviewer.query("report.entry", key);
      expect(resubmitted.report.status).toBe("submitted");
      expect(
        resubmitted.values.find((v: { indicatorCode: string }) => v.indicatorCode === "15.2"),
      ).toMatchObject({ value: { value: true }, reviewStatus: "submitted" });

      // Accepted in full (every value, by a system admin here): the period is locked.
      const admin = await apiAs(session.server.url, "quantri");
      for (const value of (await admin.query("report.entry", key)).values)
        await admin.mutate("report.review", {
          valueId: value.id,
          decision: "accepted",
          reason: null,
          expectedRowVersion: value.rowVersion,
        });
      await page.reload();
      await page.getByText("Đã được chấp nhận", { exact: true }).waitFor();
      await page.getByText(/^🔒 Chỉ xem: Kỳ báo cáo đã được chấp nhận và khóa/).waitFor();
      expect(await page.locator("#v-15-2-a").isDisabled()).toBe(true);
      expect(await page.locator("#v-1-1-a").isDisabled()).toBe(true);
      expect(await page.getByRole("button", { name: "Nộp báo cáo" }).count()).toBe(0);
      expect(await overflowsSideways(page)).toBe(false);
      await page.close();
    },
  );
});
