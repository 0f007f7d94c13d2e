import { formatNumber, formatPercent } from "../format";
import type { ReportCell, ReportColumn, ReviewReport } from "./model";

/** The words that mark made-up numbers on every output that shows them. */
export const ILLUSTRATIVE_NOTE =
  "Số liệu minh họa: ngưỡng và số liệu dùng để trình diễn, chưa đối chiếu văn bản.";

/**
 * The report as plain text, in the order an office types it: title, then each section's
 * heading and paragraphs, numbered (1., 2., …). Tables belong to .docx, .xlsx and the screen.
 */
export function renderReviewReportText(report: ReviewReport): string {
  const lines = [report.title];
  if (report.illustrative) lines.push(`(${ILLUSTRATIVE_NOTE})`);
  report.sections.forEach((section, k) => {
    lines.push("", `${k + 1}. ${section.heading}`);
    for (const paragraph of section.paragraphs) lines.push(paragraph);
  });
  return `${lines.join("\n")}\n`;
}

/** A table cell as text, vi-VN: "1.234", "7,46", "7,46 %"; an empty cell stays empty. */
export function formatReportCell(cell: ReportCell, kind: ReportColumn["kind"]): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (kind === "integer") return formatNumber(cell, 0);
  if (kind === "percent") return formatPercent(cell);
  return formatNumber(cell);
}
