import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describedBy } from "../testing/described-by";

/**
 * The district office adapts the province's set: derives an adaptation with BHYT (15.1)
 * tightened, sees which communes' verdicts would change, publishes, and sees the dashboard
 * page change (and review.standing with it), then verifies the new threshold from the worklist
 * and finds the audit event.
 */

type Page = Awaited<ReturnType<E2eSession["browser"]["newPage"]>>;

const NTM = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.XUAN-MINH";

/** A tRPC call from the page, with its cookies (plain JSON, no transformer). */
async function call(page: Page, path: string, input: unknown, method: "GET" | "POST" = "GET") {
  return page.evaluate(
    async ({ path, input, method }) => {
      const url =
        method === "GET"
          ? `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
          : `/trpc/${path}`;
      const response = await fetch(url, {
        method,
        headers: method === "POST" ? { "content-type": "application/json" } : {},
        body: method === "POST" ? JSON.stringify(input) : undefined,
      });
      const body = await response.json();
      if (!response.ok) throw new Error(JSON.stringify(body));
      return body.result.data;
    },
    { path, input, method },
  );
}

async function failingHealth(page: Page, asOf: string, working: boolean): Promise<string[]> {
  const review = (await call(page, "review.standing", {
    unitCode: "THO-XUAN",
    setId: NTM,
    asOf,
    working,
  })) as { rollups: Array<{ failingByCriterion: Array<{ number: number; units: string[] }> }> };
  return review.rollups.flatMap((r) =>
    r.failingByCriterion.filter((c) => c.number === 15).flatMap((c) => c.units),
  );
}

/**
 * The dashboard page's row of criterion 15 (BHYT's) for Thọ Xuân on 30/06/2024, counting the
 * results not yet signed: Xuân Minh's working report of June 2024 is judged by the set in force.
 * (Accepted reports keep the verdict signed on them, so 19/05/2023 reads the same before and
 * after a publication; the preview of that date says what a new judgement would change.)
 * With `version`, the page's tables are switched to the set version whose name contains it;
 * null when the page does not offer that version (yet).
 */
async function dashboardHealthRow(board: Page, url: string, version?: string) {
  await board.goto(`${url}/admin/?don-vi=THO-XUAN&ngay=2024-06-30&bo=${NTM}&nhap=1`);
  await board.getByText("(gồm cả kết quả chưa thẩm định)").waitFor();
  const groups = board.getByRole("list", { name: "Các xã theo số tiêu chí, chỉ tiêu đạt" });
  await groups.getByRole("listitem").first().waitFor();
  if (version) {
    const choice = board.getByLabel("Phiên bản bộ tiêu chí");
    const option = choice.locator("option", { hasText: version });
    if ((await option.count()) === 0) return null;
    await choice.selectOption((await option.getAttribute("value")) ?? "");
  }
  const row = board
    .getByRole("table", { name: "Tiêu chí chưa đạt" })
    .getByRole("row")
    .filter({ has: board.getByRole("rowheader", { name: "15", exact: true }) });
  const cells = (await row.count()) ? await row.getByRole("cell").allInnerTexts() : [];
  return {
    count: Number(cells[1] ?? 0),
    communes: cells[2] ?? "",
    groups: await groups.getByRole("listitem").allInnerTexts(),
  };
}

describe.skipIf(!browserTestsEnabled())("criteria sets in the admin app", () => {
  let session: E2eSession;
  let page: Page;
  beforeAll(async () => {
    session = await startE2eSession({ demo: "full" });
    page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it("a commune's working report for June 2024 (judged by the province's set)", async () => {
    await page.goto(`${session.server.url}/admin/`);
    await call(page, "auth.signIn", { username: "xa.xuanminh", password: "datchuan-demo" }, "POST");
    await call(
      page,
      "report.saveValue",
      {
        unitCode: COMMUNE,
        setId: NTM,
        period: "2024-06",
        indicatorCode: "15.1",
        value: { kind: "number", period: "2024-06", value: 95 },
        expectedRowVersion: null,
      },
      "POST",
    );
    await call(page, "auth.signOut", {}, "POST");
    await session.browser.clearCookies();
  });

  it("derives an adaptation, tightens 15.1, previews the flips, publishes, and the standing changes", async () => {
    await page.goto(`${session.server.url}/admin/bo-tieu-chi`);
    await signIn(page, "huyen.thoxuan");
    await page.getByRole("heading", { name: "Bộ tiêu chí", exact: true }).waitFor();

    const sets = (await call(page, "criteriaSet.list", undefined)) as Array<{
      id: string;
      setId: string;
    }>;
    const province = sets.find((s) => s.setId === "thanh-hoa-ntm-xa-2021-2025-minh-hoa");
    if (!province) throw new Error(sets.map((s) => s.setId).join(" "));
    await page.getByLabel("Bắt đầu từ phiên bản").selectOption(province.id);
    await page.getByLabel("Mã bộ mới").fill("ntm-xa-tho-xuan-e2e");
    expect(await page.getByLabel("Mã đơn vị chủ quản").first().inputValue()).toBe("THO-XUAN");
    await page.getByLabel("Tên phiên bản mới").fill("2022-e2e");
    await page
      .getByLabel("Tên bộ", { exact: true })
      .first()
      .fill("Bộ tiêu chí xã NTM huyện Thọ Xuân (thử)");
    await page.getByRole("button", { name: "Tạo bản nháp" }).click();
    await page.getByRole("heading", { name: "Bộ tiêu chí xã NTM huyện Thọ Xuân (thử)" }).waitFor();

    // Tighten BHYT: restate 15.1 from the parent, raise its threshold, name its decision.
    await page.getByLabel("Chỉ tiêu của bộ gốc").selectOption("15.1");
    await page.getByRole("button", { name: "Nêu lại để điều chỉnh ngưỡng" }).click();

    // Derived sources and criterion rules are edited as choices, their errors beside them.
    const source = page.getByRole("group", { name: "Nguồn giá trị" });
    await source
      .getByLabel("Giá trị lấy từ")
      .selectOption({ label: "Tính từ các chỉ tiêu khác của bộ" });
    await source.getByLabel("Phép tính").selectOption({ label: "Tỷ lệ % (tử số / mẫu số)" });
    const criterionRule = page.getByRole("group", { name: "Quy tắc đạt tiêu chí" });
    await criterionRule.getByLabel("Tiêu chí đạt khi").selectOption("at_least");
    await criterionRule.getByLabel("Số chỉ tiêu phải đạt (k)").fill("3");
    await criterionRule.getByRole("checkbox", { name: "15.1" }).check();
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
    await expect.poll(() => describedBy(source.getByLabel("Tử số"))).not.toBe("");
    expect(await source.getByLabel("Tử số").getAttribute("aria-invalid")).toBe("true");
    await expect
      .poll(() => describedBy(criterionRule.getByLabel("Tiêu chí đạt khi")))
      .toBe("Cần đạt 3 chỉ tiêu nhưng chỉ xét 1.");
    await source.getByLabel("Giá trị lấy từ").selectOption("entered");
    await criterionRule.getByLabel("Tiêu chí đạt khi").selectOption("");
    await expect.poll(() => criterionRule.locator(".field-error").count()).toBe(0);

    const rule = page.getByRole("group", { name: "Ngưỡng 1" });
    await rule.getByLabel("Ngưỡng", { exact: true }).fill("100");
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
    // The copied rule's source was cleared: the error shows beside the field, nothing is saved.
    await rule.locator(".field-error").first().waitFor();
    await rule.getByLabel("Số quyết định").fill("QĐ 99/QĐ-UBND huyện Thọ Xuân (thử)");
    await page.getByRole("button", { name: "Lưu bản nháp" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu bản nháp." }).waitFor();

    // The change against the parent set, and which communes it would flip on 19/05/2023.
    const diff = page.getByRole("table", { name: /Thay đổi so với/u });
    await diff
      .getByRole("row")
      .filter({ hasText: "region: BTB" })
      .filter({ hasText: "100" })
      .first()
      .waitFor();
    await page.getByLabel("Ngày xem").fill("2023-05-19");
    await page.getByRole("button", { name: "Xem đơn vị thay đổi" }).click();
    const summary = page.getByRole("status").filter({ hasText: /xã đổi kết quả/u });
    await summary.waitFor();
    const flipped = Number((await summary.textContent())?.match(/(\d+)\/12/u)?.[1]);
    expect(flipped).toBeGreaterThan(0);
    const impact = page.getByRole("table", { name: "Đơn vị nào sẽ đổi kết quả nếu ban hành" });
    await impact
      .getByRole("row")
      .filter({ hasText: "Xuân Minh" })
      .filter({ hasText: "TC 15: đạt → chưa đạt" })
      .waitFor();
    expect(await impact.getByRole("row").count()).toBe(flipped + 1);
    // Every report of 19/05/2023 is accepted and signed: the preview says none of these flips
    // shows on publishing, each waits for the report to be reviewed again.
    expect(await summary.textContent()).toContain(
      `0 xã sẽ đổi kết quả ngay khi ban hành; ${flipped} xã có kết quả đã ký giữ nguyên.`,
    );
    await impact
      .getByRole("row")
      .filter({ hasText: "Xuân Minh" })
      .filter({ hasText: "Đã ký, giữ nguyên cho đến khi thẩm định lại" })
      .waitFor();
    // On 30/06/2024 Xuân Minh's June report is a working one: its flip shows on publishing.
    await page.getByLabel("Ngày xem").fill("2024-06-30");
    await page.getByRole("button", { name: "Xem đơn vị thay đổi" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: /ngày 30\/06\/2024\): 1 xã sẽ đổi kết quả ngay khi ban hành/u })
      .waitFor();
    await impact
      .getByRole("row")
      .filter({ hasText: "Xuân Minh" })
      .filter({ hasText: "Chưa ký, đổi ngay khi ban hành" })
      .waitFor();

    const before = await failingHealth(page, "2024-06-30", true);
    expect(before).not.toContain(COMMUNE);
    // The dashboard page the office reads out, before publishing: Xuân Minh meets criterion 15.
    const board = await session.browser.newPage();
    await board.setViewportSize({ width: 1280, height: 900 });
    const boardBefore = await dashboardHealthRow(board, session.server.url);
    expect(boardBefore?.communes).not.toContain("Xuân Minh");

    await page.getByRole("button", { name: "Ban hành", exact: true }).click();
    await page.getByText("Phiên bản đã ban hành không sửa được", { exact: false }).waitFor();
    await page
      .getByRole("status")
      .filter({ hasText: /đã xong/u })
      .waitFor({ timeout: 60_000 });
    // After: Xuân Minh, which the preview named, now fails criterion 15 on the same page, and
    // the groups read out ("… xã đạt 18/19 tiêu chí") change with it.
    // After: the page offers the new version, which judged Xuân Minh's working report; in
    // it Xuân Minh, which the preview named, fails criterion 15.
    let boardAfter: Awaited<ReturnType<typeof dashboardHealthRow>> = null;
    await expect
      .poll(
        async () => {
          boardAfter = await dashboardHealthRow(board, session.server.url, "2022-e2e");
          return boardAfter?.communes ?? null;
        },
        { timeout: 60_000 },
      )
      .toBe("Xuân Minh");
    expect(boardAfter!.count).toBe(1);
    // The groups read out change with it: Xuân Minh, 1 criterion short of where it stood.
    expect(boardAfter!.groups).not.toEqual(boardBefore!.groups);
    await board.close();
    await expect
      .poll(() => failingHealth(page, "2024-06-30", true), { timeout: 30_000 })
      .toContain(COMMUNE);
    // The public reads signed verdicts, which stay as signed.
    expect(await failingHealth(page, "2024-06-30", false)).not.toContain(COMMUNE);
    // As the preview of 19/05/2023 said: the signed verdicts are kept, even counting working ones.
    expect(await failingHealth(page, "2023-05-19", true)).not.toContain(COMMUNE);
  });

  it("verifies the new threshold from the worklist: gone from the list, audited", async () => {
    await page.goto(`${session.server.url}/admin/nguong-can-xac-minh`);
    await page.getByRole("heading", { name: "Ngưỡng cần xác minh" }).waitFor();
    const table = page.getByRole("table", { name: "Ngưỡng cần xác minh" });
    const row = table
      .getByRole("row")
      .filter({ hasText: "15.1" })
      .filter({ hasText: "huyện Thọ Xuân" });
    await row.first().waitFor();
    await page.getByRole("button", { name: "Xác minh 15.1 (region: BTB)" }).click();
    const form = page.getByRole("form", { name: /Xác minh ngưỡng 15.1/u });
    await form.getByLabel("Điều, khoản").fill("Điều 1");
    await form.getByLabel("Đường dẫn văn bản").fill("khong-phai-duong-dan");
    await form.getByRole("button", { name: "Ghi nguồn và đánh dấu đã kiểm chứng" }).click();
    await form.getByText("Đường dẫn phải bắt đầu bằng").waitFor();
    await form.getByLabel("Đường dẫn văn bản").fill("https://example.org/qd-99");
    await form.getByRole("button", { name: "Ghi nguồn và đánh dấu đã kiểm chứng" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Đã xác minh ngưỡng 15.1: phiên bản 2022-e2e+kc1." })
      .waitFor();
    await page.getByText("Không còn ngưỡng nào cần xác minh.").waitFor();
    expect(await overflowsSideways(page)).toBe(false);

    const events = (await call(page, "audit.list", { unitCode: "THO-XUAN" })) as Array<{
      action: string;
      after: unknown;
    }>;
    const event = events.find((e) => e.action === "criteria_set.verify_threshold");
    expect(event?.after).toMatchObject({
      indicator: "15.1",
      version: "2022-e2e+kc1",
      provenance: { verified: true, article: "Điều 1", url: "https://example.org/qd-99" },
    });
  });
});
