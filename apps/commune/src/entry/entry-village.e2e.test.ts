import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiAs } from "./api-over-http";

const COMMUNE = "THO-XUAN.XUAN-MINH";
const VILLAGE = "THO-XUAN.XUAN-MINH.THON-1";
const provenance = { source: "dữ liệu thử", verified: false };

/** Test data: a village set and a commune set deriving a share of villages from it. */
const villageSet = {
  id: "thon-thu-nhap-lieu",
  version: "2024-01-01",
  title: "Bộ tiêu chí thôn (thử)",
  level: "village",
  effective: { from: "2024-01-01" },
  legalBasis: [{ source: "Quyết định thử" }],
  groups: [{ id: "I", name: "Văn hóa" }],
  criteria: [
    {
      number: 1,
      name: "Nhà văn hóa",
      group: "I",
      provenance,
      indicators: [
        {
          code: "9",
          name: "Thôn có nhà văn hóa",
          unitOfMeasure: "",
          kind: "boolean",
          thresholds: [{ value: true, provenance }],
          provenance,
        },
      ],
    },
  ],
};
const communeSet = {
  ...villageSet,
  id: "xa-thu-nhap-lieu",
  title: "Bộ tiêu chí xã đọc số liệu thôn (thử)",
  level: "commune",
  criteria: [
    {
      number: 1,
      name: "Văn hóa",
      group: "I",
      provenance,
      indicators: [
        {
          code: "1.1",
          name: "Tỷ lệ thôn có nhà văn hóa",
          unitOfMeasure: "%",
          kind: "percentage",
          comparator: "gte",
          thresholds: [{ value: 10, provenance }],
          source: { kind: "children", indicator: "9", aggregate: "share_true" },
          provenance,
        },
      ],
    },
  ],
};

describe.skipIf(!browserTestsEnabled())("a village officer's figures reach the commune", () => {
  let session: E2eSession;
  let villageCount = 0;
  beforeAll(async () => {
    session = await startE2eSession();
    const admin = await apiAs(session.server.url, "quantri");
    for (const definition of [villageSet, communeSet]) {
      const draft = await admin.mutate("criteriaSet.createDraft", {
        definition,
        ownerUnitCode: null,
      });
      await admin.mutate("criteriaSet.publish", {
        id: draft.id,
        expectedRowVersion: draft.rowVersion,
      });
    }
    villageCount = (await admin.query("unit.children", { code: COMMUNE })).length;
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
    "at %i px: Thôn 1 enters its value and the commune's derived share follows",
    async (width, period) => {
      // The commune officer has entered every other village's figure (a share needs them all).
      const clerk = await apiAs(session.server.url, "xa.xuanminh");
      const villages: Array<{ code: string }> = await clerk.query("unit.children", {
        code: COMMUNE,
      });
      for (const village of villages.filter((v) => v.code !== VILLAGE))
        await clerk.mutate("report.saveValue", {
          unitCode: village.code,
          setId: villageSet.id,
          period,
          indicatorCode: "9",
          value: { kind: "boolean", period, value: false },
          expectedRowVersion: null,
        });
      const communeEntry = `${session.server.url}/commune/xa/${COMMUNE}/nhap-lieu/${period}?bo=${communeSet.id}`;

      const page = await session.browser.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(communeEntry);
      await signIn(page, "xa.xuanminh");
      const derivedRow = page.locator("#v-1-1-row");
      // Thôn 1 has no figure this period yet (none, or an earlier month's that has lapsed).
      await derivedRow.locator(".verdict-missing, .verdict-stale").waitFor();

      await session.browser.clearCookies();
      const villagePage = await session.browser.newPage();
      await villagePage.setViewportSize({ width, height: 800 });
      await villagePage.goto(`${session.server.url}/commune/`);
      await signIn(villagePage, "thon1.xuanminh");
      await villagePage.getByRole("heading", { name: "Thôn 1", level: 1 }).waitFor();
      await villagePage.getByLabel("Kỳ khác").fill(period);
      await villagePage.getByRole("button", { name: "Mở", exact: true }).click();
      await villagePage.getByRole("region", { name: "Tiêu chí 1. Nhà văn hóa" }).waitFor();
      await villagePage.locator("#v-9-a").selectOption("true");
      await villagePage.locator("#v-9-a").press("Tab");
      await villagePage.locator("#v-9-row .entry-save-saved").waitFor();
      await villagePage.locator(".entry-status").getByText("Đã lưu trên máy chủ").waitFor();
      // A village officer enters figures; the commune submits.
      expect(await villagePage.getByRole("button", { name: "Nộp báo cáo" }).count()).toBe(0);
      expect(await overflowsSideways(villagePage)).toBe(false);
      await villagePage.close();

      await session.browser.clearCookies();
      await page.goto(communeEntry);
      await signIn(page, "xa.xuanminh");
      const percent = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(
        100 / villageCount,
      );
      await derivedRow.getByText(`Giá trị tính được: 1/${villageCount} (${percent} %)`).waitFor();
      await page
        .getByRole("region", { name: "Tiêu chí 1. Văn hóa" })
        .locator(".entry-criterion-head .verdict-met")
        .waitFor();
      expect(await overflowsSideways(page)).toBe(false);
      await page.close();
    },
  );
});
