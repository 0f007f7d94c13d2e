import {
  formatDate,
  ILLUSTRATIVE_NOTE,
  type ReportTable,
  type ReviewReport,
} from "@datchuan/domain";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { cellText } from "./cells";

/** Vietnamese administrative documents are set in Times New Roman, 13 pt (size in half-points). */
const FONT = "Times New Roman";
const SIZE = 26;

function line(text: string, options: { bold?: boolean; center?: boolean; italic?: boolean } = {}) {
  return new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    children: [new TextRun({ text, bold: options.bold, italics: options.italic })],
  });
}

function table(t: ReportTable): Table {
  const numeric = t.columns.map((c) => c.kind !== "text");
  const cell = (text: string, k: number, header: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: header
            ? AlignmentType.CENTER
            : numeric[k]
              ? AlignmentType.RIGHT
              : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: header, size: 22 })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: t.columns.map((c, k) => cell(c.header, k, true)),
      }),
      ...t.rows.map(
        (row) =>
          new TableRow({
            children: t.columns.map((c, k) => cell(cellText(row[k] ?? null, c.kind), k, false)),
          }),
      ),
    ],
  });
}

/**
 * The report as a Word document an office would file: quốc hiệu (optional), title, set and
 * date, each section's heading, paragraphs and tables with Vietnamese headers and vi-VN numbers.
 */
export async function renderReviewReportDocx(
  report: ReviewReport,
  options: { nationalHeading?: boolean } = {},
): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [];
  if (options.nationalHeading ?? true)
    children.push(
      line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { bold: true, center: true }),
      line("Độc lập - Tự do - Hạnh phúc", { bold: true, center: true }),
    );
  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      spacing: { before: 240, after: 240 },
      children: [new TextRun({ text: report.title.toLocaleUpperCase("vi"), bold: true })],
    }),
    line(`Bộ tiêu chí: ${report.set.title}`),
    line(
      `Ngày rà soát: ${formatDate(report.asOf)}${report.since ? `; so sánh với ngày ${formatDate(report.since)}` : ""}`,
    ),
  );
  if (report.illustrative) children.push(line(ILLUSTRATIVE_NOTE, { italic: true }));
  report.sections.forEach((section, k) => {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        spacing: { before: 240, after: 120 },
        children: [new TextRun({ text: `${k + 1}. ${section.heading}`, bold: true })],
      }),
    );
    for (const paragraph of section.paragraphs) children.push(line(paragraph));
    for (const t of section.tables) {
      if (t.rows.length === 0) continue;
      children.push(line(t.title, { bold: true }), table(t), line(""));
    }
  });
  const document = new Document({
    creator: "Đạt Chuẩn",
    title: report.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: "000000" } },
        heading2: { run: { font: FONT, size: SIZE, bold: true, color: "000000" } },
      },
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}

export const DOCX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
