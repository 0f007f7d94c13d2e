import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../testing/api-client";

/**
 * A commune's recognition lifecycle on the full demo: Thuận Minh (one of the three communes
 * still short of clean water in June 2025, so never recognised) closes its gap in July 2025,
 * is registered on /dang-ky, keeps its roadmap and dossier, is appraised and recognised in the
 * admin app; then its August report slips on clean water (17.1) and the flag shows on the
 * dashboard and on the public page.
 */
const SET = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.THUAN-MINH";
const MET = "THO-XUAN.XUAN-MINH";
const OFFICER = "xa.thuanminh";
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

type Api = Awaited<ReturnType<typeof apiAs>>;

type Values = Array<{ indicatorCode: string; value: Record<string, unknown> }>;

/** Saves `values` (from another accepted report) into the commune's report as the officer. */
async function saveValues(officer: Api, period: string, values: Values) {
  for (const { indicatorCode, value } of values)
    await officer.mutate("report.saveValue", {
      unitCode: COMMUNE,
      setId: SET,
      period,
      indicatorCode,
      value: { ...value, period },
      expectedRowVersion: null,
    });
}

/** Accepts every value of the commune's submitted report as the system admin. */
async function acceptReport(reviewer: Api, period: string) {
  const key = { unitCode: COMMUNE, setId: SET, period };
  for (const value of (await reviewer.query("report.get", key)).values)
    await reviewer.mutate("report.review", {
      valueId: value.id,
      decision: "accepted",
      expectedRowVersion: value.rowVersion,
    });
  expect((await reviewer.query("report.get", key)).report.status).toBe("accepted");
}

/** Files `values` as the officer, submitted and accepted. */
async function fileReport(officer: Api, reviewer: Api, period: string, values: Values) {
  const key = { unitCode: COMMUNE, setId: SET, period };
  await saveValues(officer, period, values);
  const draft = await officer.query("report.get", key);
  await officer.mutate("report.submit", { ...key, expectedRowVersion: draft.report.rowVersion });
  await acceptReport(reviewer, period);
}

/**
 * Files criteria 1–18 of the dossier with a document each, as the officer, through the API: the
 * browser files criterion 19 and the general dossier the same way, so walking all 19 items on
 * screen would only make the test long without proving anything more.
 */
async function fileDossierThroughApi(url: string, officer: Api) {
  const cookie = await officer.cookie();
  for (let criterionNumber = 1; criterionNumber <= 18; criterionNumber++) {
    const item = await officer.mutate("recognition.saveDossierItem", {
      unitCode: COMMUNE,
      setId: SET,
      criterionNumber,
      complete: true,
    });
    const form = new FormData();
    form.append(
      "file",
      new Blob([pdf], { type: "application/pdf" }),
      `tieu-chi-${criterionNumber}.pdf`,
    );
    const response = await fetch(`${url}/files/dossier/${item.id}`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: url },
    });
    expect(response.status).toBe(201);
  }
}

describe.skipIf(!browserTestsEnabled())("a commune's recognition lifecycle in a browser", () => {
  let session: E2eSession;
  let officer: Api;
  let reviewer: Api;
  let slipping: Values;

  beforeAll(async () => {
    session = await startE2eSession({ demo: "full" });
    const url = session.server.url;
    const district = await apiAs(url, "huyen.thoxuan");
    await district.mutate("user.create", {
      username: OFFICER,
      displayName: "Cán bộ xã Thuận Minh (thử)",
      password: "datchuan-demo",
      role: "commune_officer",
      scopeCode: COMMUNE,
      department: null,
    });
    officer = await apiAs(url, OFFICER);
    reviewer = await apiAs(url, "quantri");
    const copy = async (unitCode: string, period: string) =>
      (await reviewer.query("report.get", { unitCode, setId: SET, period })).values.map(
        (v: { indicatorCode: string; value: Record<string, unknown> }) => ({
          indicatorCode: v.indicatorCode,
          value: v.value,
        }),
      );
    // July 2025: the commune reports what a commune meeting the set reported in June.
    await fileReport(officer, reviewer, "2025-07", await copy(MET, "2025-06"));
    // What it will report in August: its own June figures, short of clean water again.
    slipping = await copy(COMMUNE, "2025-06");
  });
  afterAll(async () => {
    await session?.close();
  });

  it("takes the commune through registration, roadmap, dossier, appraisal and decision, then flags it at risk", async () => {
    let page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    // Registration: the district registers the commune for the set, target year 2025.
    await page.goto(`${session.server.url}/admin/dang-ky`);
    await signIn(page, "huyen.thoxuan");
    const registration = page.getByRole("form", { name: "Đăng ký hoặc dời năm về đích" });
    await registration.getByLabel("Đơn vị").selectOption({ label: "\u00a0\u00a0Xã Thuận Minh" });
    await registration.getByLabel("Bộ tiêu chí").selectOption(SET);
    await registration.getByLabel("Năm đăng ký về đích").fill("2025");
    await registration.getByRole("button", { name: "Lưu đăng ký" }).click();
    await page
      .getByRole("status")
      .getByText(/Đã lưu đăng ký của Thuận Minh: về đích năm 2025/u)
      .waitFor();
    await fileDossierThroughApi(session.server.url, officer);

    await page.goto(`${session.server.url}/admin/don-vi`);
    await page.getByRole("link", { name: "Công nhận: Thuận Minh" }).click();
    await page.getByRole("heading", { name: /Quá trình công nhận đạt chuẩn/u }).waitFor();
    await page.getByTestId("recognition-stage").getByText("Đang lập hồ sơ").waitFor();

    // Roadmap: the last criterion in quarter III/2025.
    await page.getByLabel("Quý", { exact: true }).selectOption("3");
    await page.getByLabel("Năm", { exact: true }).fill("2025");
    await page.getByLabel("Tiêu chí (số, cách nhau bằng dấu phẩy)").fill("17");
    await page.getByRole("button", { name: "Thêm bước lộ trình" }).click();
    // The quarter has ended: the step says how many of its criteria met by its end.
    await page
      .getByRole("region", { name: "Lộ trình" })
      .getByText("Hoàn thành 1 tiêu chí trong quý III/2025 (tiêu chí số 17): đã đạt 1/1.")
      .waitFor();

    // Dossier: criterion 19 gets its document and is marked complete here; then 19/19 criteria,
    // the general dossier missing until its document is in.
    const completeness = page.getByTestId("dossier-completeness");
    await completeness
      .getByText("Đã hoàn thiện hồ sơ 18/19 tiêu chí, còn thiếu hồ sơ chung của xã.")
      .waitFor();
    await page.getByLabel(/^Tải tài liệu lên cho Tiêu chí số 19:/u).setInputFiles({
      name: "tieu-chi-19.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(pdf),
    });
    await page.getByRole("status").getByText("Đã tải lên tieu-chi-19.pdf.").waitFor();
    // A document alone does not complete the item: it still waits for the mark.
    await completeness
      .getByText("Đã hoàn thiện hồ sơ 18/19 tiêu chí, còn thiếu hồ sơ chung của xã.")
      .waitFor();
    await page.getByRole("button", { name: /^Đánh dấu hoàn thiện: Tiêu chí số 19:/u }).click();
    await completeness
      .getByText("Đã hoàn thiện hồ sơ 19/19 tiêu chí, còn thiếu hồ sơ chung của xã.")
      .waitFor();
    await page.getByLabel("Tải tài liệu lên cho Hồ sơ chung").setInputFiles({
      name: "ho-so-chung.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(pdf),
    });
    await page.getByRole("status").getByText("Đã tải lên ho-so-chung.pdf.").waitFor();
    await page.getByRole("button", { name: "Đánh dấu hoàn thiện: Hồ sơ chung" }).click();
    await completeness
      .getByText("Đã hoàn thiện hồ sơ 19/19 tiêu chí và hồ sơ chung của xã.")
      .waitFor();

    // Appraisal: sent to two departments, one visits.
    await page.getByRole("checkbox", { name: "Y tế" }).check();
    await page.getByRole("checkbox", { name: "Công an" }).check();
    await page.getByLabel("Ngày gửi hồ sơ").fill("2025-08-05");
    await page.getByRole("button", { name: "Gửi hồ sơ thẩm định" }).click();
    const progress = page.getByTestId("appraisal-progress");
    await progress
      .getByText(/^Đã gửi hồ sơ đến 2\/\d+ ngành để thẩm định, đã có 0 ngành/u)
      .waitFor();
    await page.getByLabel("Ghi kết quả kiểm tra của ngành").selectOption("Y tế");
    await page.getByLabel("Ngày về kiểm tra").fill("2025-08-10");
    await page.getByLabel("Ý kiến", { exact: true }).fill("Đạt tiêu chí 15");
    await page.getByRole("button", { name: "Ghi kết quả kiểm tra" }).click();
    await progress.getByText(/đã có 1 ngành về kiểm tra/u).waitFor();
    await page.getByTestId("recognition-stage").getByText("Đang thẩm định").waitFor();

    // Decision: refused without number and date, then recorded.
    const decision = page.getByRole("form", { name: "Quyết định công nhận" });
    await decision.getByRole("button", { name: "Ghi quyết định công nhận" }).click();
    await decision
      .getByRole("alert")
      .getByText(
        "Quyết định phải có số quyết định. Quyết định phải có ngày ký. Quyết định phải ghi người ký.",
      )
      .waitFor();
    // The refusal reached the page as a 400, which the browser logs.
    expect(session.takeProblems(/status of 400/)).toHaveLength(1);
    await decision.getByLabel("Số quyết định").fill("2150/QĐ-UBND (thử)");
    await decision.getByLabel("Ngày ký", { exact: true }).fill("2025-08-20");
    await decision.getByLabel("Người ký").fill("Chủ tịch UBND tỉnh Thanh Hóa");
    await decision.getByRole("button", { name: "Ghi quyết định công nhận" }).click();
    await page.getByRole("status").getByText("Đã ghi quyết định số 2150/QĐ-UBND (thử).").waitFor();
    await page.getByTestId("recognition-stage").getByText("Đã được công nhận").waitFor();
    const timeline = page.getByRole("list", { name: "Lịch sử" });
    await timeline
      .getByText(/20\/08\/2025 — Quyết định số 2150\/QĐ-UBND \(thử\) công nhận/u)
      .waitFor();
    await timeline.getByText(/Ngành Y tế về kiểm tra/u).waitFor();

    await page.close();

    // August: the commune's clean water slips again. The officer types the slipping clean-water
    // figure (17.1) in the commune app and submits; the other indicators are the commune's June
    // figures saved through the API (typing some fifty values would only lengthen the test), and
    // the reviewer's acceptance stays API-driven.
    const cleanWater = slipping.find((v) => v.indicatorCode === "17.1")?.value.value;
    expect(typeof cleanWater).toBe("number");
    await saveValues(
      officer,
      "2025-08",
      slipping.filter((v) => v.indicatorCode !== "17.1"),
    );
    await session.browser.clearCookies();
    const entry = await session.browser.newPage();
    await entry.setViewportSize({ width: 1280, height: 900 });
    await entry.goto(`${session.server.url}/commune/`);
    await signIn(entry, OFFICER);
    await entry.getByRole("heading", { name: "Xã Thuận Minh", level: 1 }).waitFor();
    await entry.getByLabel("Kỳ khác").fill("2025-08");
    await entry.getByRole("button", { name: "Mở", exact: true }).click();
    await entry.getByRole("heading", { name: "Nhập số liệu kỳ 08/2025", level: 1 }).waitFor();
    const cleanWaterField = entry.locator("#v-17-1-a");
    await cleanWaterField.fill(String(cleanWater).replace(".", ","));
    await cleanWaterField.press("Tab");
    await entry.locator(".entry-status").getByText("Đã lưu trên máy chủ").waitFor();
    await entry.getByRole("button", { name: "Nộp báo cáo" }).click();
    await entry.getByText("Đã nộp báo cáo. Báo cáo đang chờ thẩm định.").waitFor();
    await entry.close();
    const august = await officer.query("report.get", {
      unitCode: COMMUNE,
      setId: SET,
      period: "2025-08",
    });
    expect(
      august.values.find((v: { indicatorCode: string }) => v.indicatorCode === "17.1")?.value.value,
    ).toBe(cleanWater);
    await acceptReport(reviewer, "2025-08");

    await session.browser.clearCookies();
    page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${session.server.url}/admin/don-vi/${COMMUNE}/cong-nhan`);
    await signIn(page, "huyen.thoxuan");
    await page
      .getByTestId("recognition-stage")
      .getByText("Đã công nhận, có nguy cơ không duy trì")
      .waitFor();
    await page.getByTestId("recognition-at-risk").getByText(/17\.1/u).waitFor();

    await page.goto(`${session.server.url}/admin/?don-vi=THO-XUAN&ngay=2025-08-31&bo=${SET}`);
    const atRisk = page.getByRole("region", {
      name: "Xã đã công nhận có nguy cơ không duy trì chuẩn",
    });
    await atRisk.getByText("1 xã đã được công nhận nay không còn đạt đủ bộ tiêu chí.").waitFor();
    const row = atRisk.getByRole("row").filter({ hasText: "Thuận Minh" });
    await row.getByText("17.1").waitFor();
    await row.getByText(/2150\/QĐ-UBND \(thử\)/u).waitFor();

    const publicPage = await session.browser.newPage();
    await publicPage.setViewportSize({ width: 360, height: 800 });
    await publicPage.goto(`${session.server.url}/xa/${COMMUNE}`);
    const flag = publicPage.getByTestId("public-at-risk");
    await flag.getByText(/17\.1/u).waitFor();
    await publicPage
      .getByText("Giai đoạn: Đã công nhận, có nguy cơ không duy trì")
      .first()
      .waitFor();
    await publicPage
      .getByText(/Quyết định số 2150\/QĐ-UBND \(thử\) công nhận/u)
      .first()
      .waitFor();
    // Internal papers stay inside: no document name, no opinion.
    expect(await publicPage.getByText(/ho-so-chung\.pdf|Đạt tiêu chí 15/u).count()).toBe(0);
    expect(await overflowsSideways(publicPage)).toBe(false);
    await publicPage.close();
    await page.close();
  });

  it("shows the lifecycle page on a phone without sideways scrolling", async () => {
    await session.browser.clearCookies();
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${session.server.url}/admin/don-vi/${COMMUNE}/cong-nhan`);
    await signIn(page, "huyen.thoxuan");
    await page.getByTestId("recognition-stage").waitFor();
    await page
      .getByRole("list", { name: "Lịch sử" })
      .getByText(/2150\/QĐ-UBND/u)
      .first()
      .waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await page.close();
  });
});
