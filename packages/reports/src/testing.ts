import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";

/**
 * Reading reports back, for tests: a .docx's paragraphs (word/document.xml, table cells
 * included, in order) and an .xlsx's sheets. Opening the real files is how the tests know what
 * an office would see.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/gu, (_, name: string) => ENTITIES[name] ?? "");
}

export function readDocxParagraphs(bytes: Uint8Array): string[] {
  const files = unzipSync(bytes);
  const document = files["word/document.xml"];
  if (!document) throw new Error("Not a Word document: no word/document.xml");
  const xml = strFromU8(document);
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/gu) ?? [];
  return paragraphs.map((p) =>
    decodeXml(
      (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu) ?? [])
        .map((t) => t.replace(/<[^>]+>/gu, ""))
        .join(""),
    ),
  );
}

export type SheetRows = Array<Array<string | number | boolean | Date | null>>;

/** Every sheet of a workbook by name, rows of cells as the file stores them. */
export async function readXlsxSheets(bytes: Uint8Array): Promise<Map<string, SheetRows>> {
  const sheets = await readXlsxFile(Buffer.from(bytes));
  return new Map(sheets.map((s) => [s.sheet, s.data as SheetRows]));
}
