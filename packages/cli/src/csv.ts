import { parse } from "csv-parse/sync";

/**
 * Reading a CSV file into rows with their line numbers, collecting every structural problem
 * instead of stopping at the first, so that a clerk can fix the whole file in one pass.
 */

/** One bad row: where it is and why, in Vietnamese. */
export type Problem = { file: string; line: number; reason: string };

/** `values.csv:7: giá trị "abc" không phải số` */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.reason}`;
}

export type CsvRow = { line: number; cells: Record<string, string> };
export type CsvTable = { columns: string[]; rows: CsvRow[]; problems: Problem[] };

// csv-parse's own messages are English; these are the ones a spreadsheet export can trigger.
function describeCsvError(code: string | undefined, message: string): string {
  switch (code) {
    case "CSV_RECORD_INCONSISTENT_COLUMNS":
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return "số cột của dòng khác với dòng tiêu đề";
    case "CSV_QUOTE_NOT_CLOSED":
      return "dấu ngoặc kép chưa được đóng";
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "ký tự lạ sau dấu ngoặc kép đóng";
    default:
      return `dòng CSV không đọc được (${message})`;
  }
}

/**
 * Parses CSV text with a header row. Header names are NFC, trimmed and lower-cased; cells are
 * NFC and trimmed. `required` columns missing from the header are one problem on line 1.
 */
export function readCsv(text: string, file: string, required: readonly string[]): CsvTable {
  const problems: Problem[] = [];
  let columns: string[] = [];
  const records = parse(text, {
    bom: true,
    columns: (header: string[]) => {
      columns = header.map((name) => name.normalize("NFC").trim().toLowerCase());
      return columns;
    },
    info: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (!error) return;
      const detail = error as Error & { code?: string; lines?: number };
      problems.push({
        file,
        line: detail.lines ?? 0,
        reason: describeCsvError(detail.code, detail.message),
      });
    },
  }) as unknown as { record: Record<string, string>; info: { lines: number } }[];

  if (columns.length === 0) {
    return {
      columns,
      rows: [],
      problems: [{ file, line: 1, reason: "tệp rỗng, thiếu dòng tiêu đề" }],
    };
  }
  const missing = required.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    problems.unshift({ file, line: 1, reason: `thiếu cột: ${missing.join(", ")}` });
  }
  const rows = records.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(
      Object.entries(record).map(([name, value]) => [name, (value ?? "").normalize("NFC")]),
    ),
  }));
  return { columns, rows, problems: problems.sort((a, b) => a.line - b.line) };
}
