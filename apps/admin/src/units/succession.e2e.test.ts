import {
  browserTestsEnabled,
  type E2eSession,
  overflowsSideways,
  signIn,
  startE2eSession,
} from "@datchuan/e2e";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeExcelFile from "write-excel-file/node";

/** A real .xlsx workbook as an office would save it: a header row, then one unit a row. */
async function workbook(rows: string[][]) {
  const header = ["Mã", "Tên", "Cấp", "Loại", "Mã cấp trên"];
  const sheet = [header, ...rows].map((row) => row.map((value) => ({ value })));
  return {
    name: "don-vi.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: await writeExcelFile(sheet).toBuffer(),
  };
}

describe.skipIf(!browserTestsEnabled())(
  "merging, splitting and clustering units in a browser",
  () => {
    let session: E2eSession;
    beforeAll(async () => {
      // The May 2023 reviews, so a cluster's dashboard has communes to count.
      session = await startE2eSession({ demo: "full" });
    });
    afterAll(async () => {
      await session?.close();
    });

    it("merges two communes under the province and shows the lineage, splits one, reviews a cluster, imports a real .xlsx", async () => {
      const page = await session.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${session.server.url}/admin/don-vi`);
      await signIn(page, "quantri");

      // Merge: Xuân Minh and Xuân Tín become one commune from 01/07/2025.
      const merge = page.getByRole("region", { name: "Sáp nhập đơn vị" });
      await merge.getByRole("checkbox", { name: /THO-XUAN\.XUAN-MINH$/u }).check();
      await merge.getByRole("checkbox", { name: /THO-XUAN\.XUAN-TIN$/u }).check();
      await merge.getByLabel("Mã đơn vị mới").fill("THANH-HOA.XUAN-MINH-TIN");
      await merge.getByLabel("Tên đơn vị mới").fill("Xuân Minh Tín");
      await merge.getByLabel("Ngày có hiệu lực").fill("2025-07-01");
      await merge.getByLabel("Căn cứ").fill("Nghị quyết (ví dụ)");
      // Left under the district (the first commune's parent): the server refuses it beside the field.
      await merge.getByRole("button", { name: "Xem trước sáp nhập" }).click();
      await merge.getByRole("button", { name: "Xác nhận sáp nhập" }).click();
      const parentField = merge
        .locator(".field-invalid")
        .filter({ has: page.getByLabel("Trực thuộc") });
      await parentField.locator(".field-error").waitFor();
      expect(session.takeProblems(/status of 400/u)).toHaveLength(1);

      await merge.getByLabel("Trực thuộc").selectOption({ label: "Tỉnh Thanh Hóa" });
      await merge.getByRole("button", { name: "Xem trước sáp nhập" }).click();
      const preview = merge.getByRole("region", { name: "Xem trước thay đổi" });
      await preview
        .getByText(
          "Lập Xã Xuân Minh Tín (mã THANH-HOA.XUAN-MINH-TIN) trực thuộc Tỉnh Thanh Hóa, có hiệu lực từ ngày 01/07/2025.",
        )
        .waitFor();
      await preview
        .getByText("Kết thúc Xã Xuân Minh, Xã Xuân Tín; ngày cuối cùng tồn tại: 30/06/2025.")
        .waitFor();
      const moved = preview.getByRole("table", {
        name: /Đơn vị trực thuộc chuyển sang đơn vị mới/u,
      });
      expect(await moved.getByRole("row").count()).toBeGreaterThan(2);
      await preview.getByRole("button", { name: "Xác nhận sáp nhập" }).click();
      await merge
        .getByRole("status")
        .getByText("Đã sáp nhập thành Xã Xuân Minh Tín từ ngày 01/07/2025.")
        .waitFor();

      // Its lineage, and back from a former commune to the new one.
      await merge.getByRole("link", { name: "Xem nguồn gốc" }).click();
      const lineage = page.getByRole("region", { name: "Nguồn gốc và kế thừa của đơn vị" });
      const formed = lineage.getByRole("table", { name: "Xã Xuân Minh Tín được hình thành từ" });
      for (const name of ["Xuân Minh", "Xuân Tín"]) {
        const row = formed
          .getByRole("row")
          .filter({ has: page.getByRole("link", { name, exact: true }) });
        await row.getByText("Sáp nhập").waitFor();
        await row.getByText("01/07/2025").waitFor();
        await row.getByText("Nghị quyết (ví dụ)").waitFor();
      }
      await formed.getByRole("link", { name: "Xuân Tín", exact: true }).click();
      const went = lineage.getByRole("table", { name: "Xã Xuân Tín đã chuyển thành" });
      await went.getByRole("link", { name: "Xuân Minh Tín" }).waitFor();
      expect(page.url()).toContain("xem=THO-XUAN.XUAN-TIN");

      // Split Thọ Hải in two from 01/01/2025, its first village to the first new commune.
      const split = page.getByRole("region", { name: "Chia tách đơn vị" });
      await split.getByLabel("Đơn vị chia tách").selectOption("THO-XUAN.THO-HAI");
      await split.getByLabel("Mã đơn vị mới 1").fill("THO-XUAN.THO-HAI-A");
      await split.getByLabel("Tên đơn vị mới 1").fill("Thọ Hải A");
      await split.getByLabel("Mã đơn vị mới 2").fill("THO-XUAN.THO-HAI-B");
      await split.getByLabel("Tên đơn vị mới 2").fill("Thọ Hải B");
      await split.getByLabel("Ngày có hiệu lực").fill("2025-01-01");
      // Villages not given out yet: refused in the form, nothing sent.
      await split.getByRole("button", { name: "Xem trước chia tách" }).click();
      await split
        .getByRole("alert")
        .getByText("Giao mỗi thôn, bản cho một đơn vị mới.")
        .first()
        .waitFor();
      const villages = split
        .getByRole("group", { name: /Giao thôn, bản cho đơn vị mới/u })
        .getByRole("combobox");
      const count = await villages.count();
      expect(count).toBeGreaterThan(1);
      for (let i = 0; i < count; i++)
        await villages.nth(i).selectOption({ label: i === 0 ? "Xã Thọ Hải A" : "Xã Thọ Hải B" });
      await split.getByRole("button", { name: "Xem trước chia tách" }).click();
      const splitPreview = split.getByRole("region", {
        name: "Những gì sẽ thay đổi khi chia tách",
      });
      await splitPreview
        .getByText("Kết thúc Xã Thọ Hải; ngày cuối cùng tồn tại: 31/12/2024.")
        .waitFor();
      await splitPreview.getByRole("button", { name: "Xác nhận chia tách" }).click();
      await split
        .getByRole("status")
        .getByText("Đã chia tách thành Xã Thọ Hải A, Xã Thọ Hải B.")
        .waitFor();
      await split.getByRole("link", { name: "Xem nguồn gốc của Xã Thọ Hải A" }).click();
      const fromSplit = lineage.getByRole("table", { name: "Xã Thọ Hải A được hình thành từ" });
      await fromSplit
        .getByRole("row")
        .filter({ hasText: "Chia tách" })
        .getByText("01/01/2025")
        .waitFor();

      // A cluster of Thọ Xuân: refused without members, created, a member added, then reviewed.
      const clusters = page.getByRole("region", { name: "Cụm đơn vị" });
      await clusters
        .getByLabel("Đơn vị quản lý cụm")
        .selectOption({ label: "\u00a0\u00a0Huyện Thọ Xuân" });
      await clusters.getByRole("button", { name: "Tạo cụm mới" }).click();
      const create = clusters.getByRole("form", { name: "Tạo cụm mới" });
      await create.getByLabel("Tên cụm").fill("Cụm sông Chu");
      await create.getByRole("button", { name: "Tạo cụm" }).click();
      await create
        .locator("#cluster-members .field-error")
        .getByText("Chọn ít nhất một xã.")
        .waitFor();
      await create.getByRole("checkbox", { name: "Xã Trường Xuân" }).check();
      await create.getByRole("button", { name: "Tạo cụm" }).click();
      await clusters.getByRole("status").getByText("Đã tạo cụm Cụm sông Chu.").waitFor();
      await clusters.getByRole("button", { name: "Sửa cụm Cụm sông Chu" }).click();
      const edit = clusters.getByRole("form", { name: "Sửa cụm Cụm sông Chu" });
      await edit.getByRole("checkbox", { name: "Xã Xuân Lập" }).check();
      await edit.getByRole("button", { name: "Lưu cụm" }).click();
      await clusters.getByRole("status").getByText("Đã lưu cụm Cụm sông Chu.").waitFor();
      await clusters
        .getByRole("row")
        .filter({ hasText: "Cụm sông Chu" })
        .getByText("2 đơn vị")
        .waitFor();

      // A second cluster, made by mistake, deleted after a confirmation; the first one stays.
      await clusters.getByRole("button", { name: "Tạo cụm mới" }).click();
      const mistake = clusters.getByRole("form", { name: "Tạo cụm mới" });
      await mistake.getByLabel("Tên cụm").fill("Cụm tạm");
      await mistake.getByRole("checkbox", { name: "Xã Xuân Lập" }).check();
      await mistake.getByRole("button", { name: "Tạo cụm" }).click();
      await clusters.getByRole("status").getByText("Đã tạo cụm Cụm tạm.").waitFor();
      await clusters.getByRole("button", { name: "Xóa cụm Cụm tạm" }).click();
      await clusters
        .getByRole("alertdialog", { name: "Xóa cụm Cụm tạm" })
        .getByRole("button", { name: "Xác nhận xóa" })
        .click();
      await clusters.getByRole("status").getByText("Đã xóa cụm Cụm tạm.").waitFor();
      expect(await clusters.getByRole("row").filter({ hasText: "Cụm tạm" }).count()).toBe(0);
      await clusters.getByRole("row").filter({ hasText: "Cụm sông Chu" }).waitFor();

      const importer = page.getByRole("region", { name: "Nhập đơn vị từ tệp CSV hoặc Excel" });
      // The xlsx import, while the page is here: a bad row refused by line and reason, then a good file.
      await page.getByLabel("Tệp đơn vị").setInputFiles(
        await workbook([
          ["THO-XUAN.XUAN-EXCEL", "Xuân Excel", "xã", "xã", "THO-XUAN"],
          ["THO-XUAN.TRUONG-XUAN", "Trường Xuân", "xã", "xã", "THO-XUAN"],
        ]),
      );
      await page.getByLabel("Ngày bắt đầu tồn tại").fill("2024-01-01");
      await importer.getByRole("button", { name: "Xem trước", exact: true }).click();
      await page
        .getByRole("table", { name: "Các dòng lỗi (1)" })
        .getByRole("row")
        .filter({ hasText: "Mã đơn vị THO-XUAN.TRUONG-XUAN đã được dùng." })
        .getByRole("rowheader", { name: "3" })
        .waitFor();
      expect(await page.getByRole("button", { name: /^Nhập \d+ đơn vị$/u }).count()).toBe(0);
      await page.getByLabel("Tệp đơn vị").setInputFiles(
        await workbook([
          ["THO-XUAN.XUAN-EXCEL", "Xuân Excel", "xã", "xã", "THO-XUAN"],
          ["THO-XUAN.XUAN-EXCEL.THON-1", "Thôn 1", "thôn", "thôn", "THO-XUAN.XUAN-EXCEL"],
        ]),
      );
      await importer.getByRole("button", { name: "Xem trước", exact: true }).click();
      await page.getByRole("button", { name: "Nhập 2 đơn vị" }).click();
      await page.getByRole("status").getByText("Đã nhập 2 đơn vị.").waitFor();
      await page.getByLabel("Lọc theo tên").fill("xuan excel");
      await page.locator(".tree").getByText("Xã Xuân Excel").first().waitFor();

      await page.setViewportSize({ width: 360, height: 740 });
      expect(await overflowsSideways(page)).toBe(false);
      await page.setViewportSize({ width: 1280, height: 900 });

      // The cluster's own dashboard: its two communes on 19/05/2023.
      await clusters.getByRole("link", { name: "Xem bảng tổng hợp Cụm sông Chu" }).click();
      await page.getByRole("heading", { name: "Bảng tổng hợp rà soát tiêu chí" }).waitFor();
      expect(await page.getByLabel("Cụm đơn vị").inputValue()).not.toBe("");
      await page.getByLabel("Ngày rà soát (dd/mm/yyyy)").fill("19/05/2023");
      await page.getByRole("button", { name: "Xem kết quả" }).click();
      await page
        .getByText(/Cụm sông Chu \(Huyện Thọ Xuân\).*19\/05\/2023/u)
        .first()
        .waitFor();
      const scoped = page.locator(".stat-card").filter({ hasText: "Số xã trong phạm vi" });
      await scoped.locator("dd").getByText("2", { exact: true }).waitFor();
      await page.close();
    });
  },
);
