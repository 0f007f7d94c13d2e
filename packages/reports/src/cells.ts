import { formatNumber, formatPercent, type ReportCell, type ReportColumn } from "@datchuan/domain";

/** A cell as text, vi-VN: "1.234", "7,46", "7,46 %"; an empty cell stays empty. */
export function cellText(cell: ReportCell, kind: ReportColumn["kind"]): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (kind === "integer") return formatNumber(cell, 0);
  if (kind === "percent") return formatPercent(cell);
  return formatNumber(cell);
}

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
