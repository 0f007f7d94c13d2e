import {
  formatDate,
  ILLUSTRATIVE_NOTE,
  type ReportTable,
  type ReviewReport,
} from "@datchuan/domain";
import writeXlsxFile, { type Cell, type Sheet } from "write-excel-file/node";
import { EXCEL_FORMATS } from "./cells";

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/gu;

/** Excel refuses sheet names over 31 characters, with []:*?/\ in them, or repeated. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(FORBIDDEN_IN_SHEET_NAME, " ").replace(/\s+/gu, " ").trim() || "Bảng";
  let name = base.slice(0, 31).trim();
  for (let k = 2; taken.has(name.toLocaleLowerCase("vi")); k++) {
    const suffix = ` (${k})`;
    name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLocaleLowerCase("vi"));
  return name;
}

function tableSheet(t: ReportTable, taken: Set<string>): Sheet<Buffer> {
  const header: Cell[] = t.columns.map((c) => ({
    value: c.header,
    type: String,
    fontWeight: "bold",
    wrap: true,
  }));
  const body: Cell[][] = t.rows.map((row) =>
    t.columns.map((column, k): Cell => {
      const value = row[k] ?? null;
      if (value === null) return null;
      if (typeof value === "number" && column.kind !== "text")
        return {
          value: column.kind === "percent" ? value / 100 : value,
          type: Number,
          format: EXCEL_FORMATS[column.kind],
        };
      return { value: String(value), type: String };
    }),
  );
  const widths = t.columns.map((column, k) =>
    Math.min(
      60,
      Math.max(8, column.header.length + 2, ...t.rows.map((r) => String(r[k] ?? "").length + 2)),
    ),
  );
  return {
    sheet: sheetName(t.title, taken),
    data: [header, ...body],
    columns: widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  };
}

/**
 * The report as a workbook: a first sheet with its text (title, sections, paragraphs), then a
 * sheet per table with Vietnamese headers and numbers kept as numbers in vi-VN formats.
 */
export async function renderReviewReportXlsx(report: ReviewReport): Promise<Uint8Array> {
  const taken = new Set<string>();
  const text: Cell[][] = [[{ value: report.title, type: String, fontWeight: "bold" }]];
  text.push([{ value: `Bộ tiêu chí: ${report.set.title}`, type: String }]);
  text.push([{ value: `Ngày rà soát: ${formatDate(report.asOf)}`, type: String }]);
  if (report.illustrative) text.push([{ value: ILLUSTRATIVE_NOTE, type: String }]);
  report.sections.forEach((section, k) => {
    text.push([null]);
    text.push([{ value: `${k + 1}. ${section.heading}`, type: String, fontWeight: "bold" }]);
    for (const p of section.paragraphs) text.push([{ value: p, type: String }]);
  });
  const sheets: Sheet<Buffer>[] = [
    { sheet: sheetName("Báo cáo", taken), data: text, columns: [{ width: 120 }] },
    ...report.sections.flatMap((s) => s.tables.map((t) => tableSheet(t, taken))),
  ];
  const buffer = await writeXlsxFile(sheets, { fontFamily: "Arial", fontSize: 11 }).toBuffer();
  return new Uint8Array(buffer);
}

export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
