import { formatReportCell, type ReportColumn } from "@datchuan/domain";

/** A cell as text, vi-VN: the domain's one formatter, shared with the admin page. */
export const cellText = formatReportCell;

/** Excel's number formats; the reader's Excel shows them with vi-VN separators. */
export const EXCEL_FORMATS: Record<Exclude<ReportColumn["kind"], "text">, string> = {
  integer: "#,##0",
  decimal: "#,##0.00",
  percent: "0.00%",
};

/** "Báo cáo … Thọ Xuân" → "bao-cao-tho-xuan": a filename any system accepts. */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/gu, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-|-$/gu, "");
}

/**
 * A report's file names, without extension: an ASCII one (filename=) and the Vietnamese one
 * (filename*=UTF-8'') that browsers prefer, e.g. "bao-cao-ra-soat-huyen-tho-xuan-2023-05-19".
 */
export function reportFileNames(report: { scopeName: string; asOf: string }): {
  ascii: string;
  unicode: string;
} {
  const unicode = `Báo cáo rà soát ${report.scopeName} ${report.asOf}`.normalize("NFC");
  return { ascii: asciiSlug(unicode), unicode: unicode.replace(/[\\/:*?"<>|]/gu, " ") };
}
