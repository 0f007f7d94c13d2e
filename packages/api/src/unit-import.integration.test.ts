import { describe, expect, it } from "vitest";
import writeExcelFile from "write-excel-file/node";
import { testDatabases, useTestDatabase } from "./testing";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/** A real .xlsx workbook, as Excel would save one: the header row, then one unit a row. */
async function workbook(rows: string[][]): Promise<string> {
  const sheet = rows.map((row) => row.map((value) => ({ value })));
  return (await writeExcelFile(sheet).toBuffer()).toString("base64");
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;
  const file = (text: string, fileName = "don-vi.csv") => ({
    fileName,
    contentBase64: base64(text),
    validFrom: "2024-01-01",
  });

  const bad = [
    "Mã,Tên,Cấp,Loại,Mã cấp trên",
    "THO-XUAN.XUAN-MOI,Xuân Mới,xã,xã,THO-XUAN",
    "THO-XUAN.XUAN-MOI,Xuân Mới 2,xã,xã,THO-XUAN",
    "THO-XUAN.XUAN-MINH,Xuân Minh,xã,xã,THO-XUAN",
    "THO-XUAN.THON-LE,Thôn Lẻ,thôn,thôn,THO-XUAN",
    "THO-XUAN.XA-LA,Xã Lạ,xã,xã,KHONG-CO",
    "THO-XUAN.XA-SAI,Xã Sai,ấp trưởng,xã,THO-XUAN",
    "THANH-HOA.HUYEN-KHAC,Huyện Khác,huyện,huyện,THANH-HOA",
    "",
    "THO-XUAN.XUAN-MOI.THON-1,Thôn 1,thôn,thôn,THO-XUAN.XUAN-MOI",
  ].join("\n");

  it("previews a file row by row: the line and the reason for each bad row", async () => {
    const admin = await as("huyen.thoxuan");
    const preview = await admin.unit.previewImport(file(bad));
    expect(preview.rows.map((r) => [r.line, r.code])).toEqual([
      [2, "THO-XUAN.XUAN-MOI"],
      [10, "THO-XUAN.XUAN-MOI.THON-1"],
    ]);
    const byLine = Object.fromEntries(preview.problems.map((p) => [p.line, p.message]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(byLine[3]).toMatch(/trùng với dòng 2/u);
    expect(byLine[4]).toMatch(/đã được dùng/u);
    expect(byLine[5]).toMatch(/phải thuộc một đơn vị cấp xã/u);
    expect(byLine[6]).toMatch(/Không tìm thấy đơn vị cấp trên KHONG-CO/u);
    expect(byLine[7]).toMatch(/Cấp "ấp trưởng" không hợp lệ/u);
    expect(byLine[8]).toMatch(/không quản lý/u);
  });

  it("imports nothing while any row is bad", async () => {
    const admin = await as("huyen.thoxuan");
    await expect(admin.unit.import(file(bad))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/6 dòng lỗi.*chưa nhập đơn vị nào/u),
    });
    expect(
      await (await as(null)).unit.byCode({ code: "THO-XUAN.XUAN-MOI" }).catch(() => null),
    ).toBeNull();
  });

  it("imports a clean file in one go, children after parents whatever the order, audited", async () => {
    const admin = await as("huyen.thoxuan");
    const good = [
      "ma,ten,cap,loai,ma_cap_tren",
      "THO-XUAN.XUAN-MOI.THON-1,Thôn 1,thôn,thôn,THO-XUAN.XUAN-MOI",
      "THO-XUAN.XUAN-MOI,Xuân Mới,xã,xã,THO-XUAN",
      "THO-XUAN.XUAN-MINH.THON-MOI,Thôn Mới,thôn,thôn,THO-XUAN.XUAN-MINH",
    ].join("\r\n");
    expect((await admin.unit.previewImport(file(good))).problems).toEqual([]);
    expect(await admin.unit.import(file(good))).toEqual({ imported: 3 });
    const children = await (await as(null)).unit.children({ code: "THO-XUAN.XUAN-MOI" });
    expect(children.map((c) => c.code)).toEqual(["THO-XUAN.XUAN-MOI.THON-1"]);
    const log = await admin.audit.list({ unitCode: "THO-XUAN", action: "unit.create" });
    expect(log).toHaveLength(3);
    expect(log[0]?.after).toMatchObject({ importedFrom: "don-vi.csv" });
    // The same file again: every code is now taken.
    const again = await admin.unit.previewImport(file(good));
    expect(again.problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it("refuses files it cannot read and people who manage no units", async () => {
    const admin = await as("huyen.thoxuan");
    await expect(
      admin.unit.previewImport({ ...file("not a workbook"), fileName: "don-vi.xlsx" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Không đọc được/u),
    });
    await expect(
      admin.unit.previewImport({ ...file("a,b\n1,2"), fileName: "don-vi.txt" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.unit.previewImport(file("ma,ten\nX,Y"))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/thiếu cột: cap, loai/u),
    });
    await expect((await as("yte.thoxuan")).unit.previewImport(file(bad))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("reads a real .xlsx workbook: bad rows refused by line and reason, nothing half imported, then a good one", async () => {
    const admin = await as("huyen.thoxuan");
    const header = ["Mã", "Tên", "Cấp", "Loại", "Mã cấp trên"];
    const xlsx = async (rows: string[][]) => ({
      fileName: "Don vi.xlsx",
      contentBase64: await workbook([header, ...rows]),
      validFrom: "2024-01-01",
    });
    const bad = await xlsx([
      ["THO-XUAN.XUAN-XLSX", "Xuân Excel", "xã", "xã", "THO-XUAN"],
      ["THO-XUAN.XUAN-XLSX.THON-1", "Thôn 1", "thôn", "thôn", "THO-XUAN.XUAN-XLSX"],
      ["THO-XUAN.XUAN-MINH", "Xuân Minh", "xã", "xã", "THO-XUAN"],
      ["THO-XUAN.XLSX-SAI", "Xã Sai", "xã", "xóm", "THO-XUAN"],
    ]);
    const preview = await admin.unit.previewImport(bad);
    expect(preview.rows.map((r) => [r.line, r.code])).toEqual([
      [2, "THO-XUAN.XUAN-XLSX"],
      [3, "THO-XUAN.XUAN-XLSX.THON-1"],
    ]);
    expect(preview.problems.map((p) => p.line)).toEqual([4, 5]);
    expect(preview.problems[0]?.message).toMatch(/THO-XUAN\.XUAN-MINH đã được dùng/u);
    expect(preview.problems[1]?.message).toMatch(/xóm/u);
    await expect(admin.unit.import(bad)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/2 dòng lỗi.*chưa nhập đơn vị nào/u),
    });
    await expect(
      (await as(null)).unit.byCode({ code: "THO-XUAN.XUAN-XLSX" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const good = await xlsx([
      ["THO-XUAN.XUAN-XLSX", "Xuân Excel", "xã", "xã", "THO-XUAN"],
      ["THO-XUAN.XUAN-XLSX.THON-1", "Thôn 1", "thôn", "thôn", "THO-XUAN.XUAN-XLSX"],
    ]);
    expect((await admin.unit.previewImport(good)).problems).toEqual([]);
    expect(await admin.unit.import(good)).toEqual({ imported: 2 });
    const villages = await (await as(null)).unit.children({ code: "THO-XUAN.XUAN-XLSX" });
    expect(villages.map((v) => [v.code, v.name, v.level])).toEqual([
      ["THO-XUAN.XUAN-XLSX.THON-1", "Thôn 1", "village"],
    ]);
  });
});
