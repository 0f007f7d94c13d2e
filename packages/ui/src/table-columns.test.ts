import { describe, expect, it } from "vitest";
import {
  compareCells,
  formatCell,
  sheetName,
  type TableColumn,
  tablesToSheets,
  tableToSheet,
} from "./table-columns";
import { toWriteExcelRows } from "./xlsx";

interface Commune {
  name: string;
  criteria: number;
  average: number;
  share: number | null;
}

const columns: TableColumn<Commune>[] = [
  { id: "name", header: "Xã", value: (r) => r.name },
  { id: "criteria", header: "Số tiêu chí đạt", value: (r) => r.criteria, kind: "integer" },
  { id: "average", header: "Bình quân", value: (r) => r.average, kind: "decimal" },
  { id: "share", header: "Tỷ lệ", value: (r) => r.share, kind: "percent" },
];
const rows: Commune[] = [
  { name: "Xuân Minh", criteria: 18, average: 7.4615, share: 7.46 },
  { name: "Thuận Minh", criteria: 12, average: 1234.5, share: null },
];

describe("a table as a sheet", () => {
  it("writes the headers as shown, then numbers as numbers with Excel formats", () => {
    const sheet = tableToSheet("Kết quả rà soát", columns, rows);
    expect(sheet.name).toBe("Kết quả rà soát");
    expect(sheet.rows[0]).toEqual([
      { value: "Xã", kind: "header" },
      { value: "Số tiêu chí đạt", kind: "header" },
      { value: "Bình quân", kind: "header" },
      { value: "Tỷ lệ", kind: "header" },
    ]);
    expect(sheet.rows[1]).toEqual([
      { value: "Xuân Minh", kind: "text" },
      { value: 18, kind: "number", format: "#,##0" },
      { value: 7.4615, kind: "number", format: "#,##0.00" },
      // Excel keeps a percentage as a fraction and shows it with the reader's separators.
      { value: 0.0746, kind: "number", format: "0.00%" },
    ]);
    expect(sheet.rows[2]?.[3]).toEqual({ value: null, kind: "text" });
    expect(sheet.widths).toHaveLength(4);
    expect(Math.min(...sheet.widths)).toBeGreaterThanOrEqual(8);
  });

  it("gives write-excel-file typed cells, bold headers and empty cells for missing values", () => {
    const data = toWriteExcelRows(tableToSheet("Bảng", columns, rows));
    expect(data[0]?.[0]).toEqual({ type: String, value: "Xã", fontWeight: "bold", wrap: true });
    expect(data[1]?.[1]).toEqual({ type: Number, value: 18, format: "#,##0" });
    expect(data[1]?.[0]).toEqual({ type: String, value: "Xuân Minh" });
    expect(data[2]?.[3]).toBeNull();
  });

  it("takes a kind per row for a column of mixed figures", () => {
    const mixed: TableColumn<{ label: string; value: number; kind: "integer" | "percent" }>[] = [
      { id: "label", header: "Mục", value: (r) => r.label },
      { id: "value", header: "Giá trị", value: (r) => r.value, rowKind: (r) => r.kind },
    ];
    const sheet = tableToSheet("Tổng quan", mixed, [
      { label: "Số xã", value: 12, kind: "integer" },
      { label: "Tỷ lệ đạt chuẩn", value: 25, kind: "percent" },
    ]);
    expect(sheet.rows[1]?.[1]).toEqual({ value: 12, kind: "number", format: "#,##0" });
    expect(sheet.rows[2]?.[1]).toEqual({ value: 0.25, kind: "number", format: "0.00%" });
  });

  it("names sheets as Excel allows: 31 characters, no []:*?/\\, none twice", () => {
    expect(sheetName("Tiêu chí / chỉ tiêu: số xã?")).toBe("Tiêu chí chỉ tiêu số xã");
    const long = sheetName("Các tiêu chí chưa đạt [NTM nâng cao] theo xã và thôn");
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).not.toMatch(/[[\]:*?/\\]/u);
    const sheets = tablesToSheets([
      { title: "Xếp hạng", columns, rows },
      { title: "Xếp hạng", columns, rows },
    ]);
    expect(sheets.map((s) => s.name)).toEqual(["Xếp hạng", "Xếp hạng (2)"]);
    expect(sheetName("")).toBe("Sheet");
  });
});

describe("cells on screen", () => {
  it("formats numbers the vi-VN way", () => {
    expect(formatCell(1234, "integer")).toBe("1.234");
    expect(formatCell(7.4615, "decimal")).toBe("7,46");
    expect(formatCell(7.46, "percent")).toBe("7,46 %");
    expect(formatCell(null, "integer")).toBe("");
  });

  it("sorts Vietnamese names by Vietnamese collation and numbers by value", () => {
    const names = ["Xuân Tín", "Đông Sơn", "Dân Lực", "Ái Thượng", "Bắc Lương", "Xuân Bái"];
    expect([...names].sort(compareCells)).toEqual([
      "Ái Thượng",
      "Bắc Lương",
      "Dân Lực",
      "Đông Sơn",
      "Xuân Bái",
      "Xuân Tín",
    ]);
    expect([10, 9, 100].sort(compareCells)).toEqual([9, 10, 100]);
    expect([null, 3, 1].sort(compareCells)).toEqual([1, 3, null]);
  });
});
