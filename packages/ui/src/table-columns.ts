import { formatNumber, formatPercent } from "@datchuan/domain";

/**
 * How a column's values are shown, sorted and written to Excel. Percent values are already in
 * percent (7.46 means 7,46 %), as the API gives them.
 */
export type ColumnKind = "text" | "integer" | "decimal" | "percent";

export type CellValue = string | number | null;

/** One column of a table, described once for the screen and for the .xlsx export. */
export interface TableColumn<Row> {
  id: string;
  /** Vietnamese (or English) header, shown and written as the sheet's header. */
  header: string;
  /** The plain value: what is sorted and exported. */
  value: (row: Row) => CellValue;
  kind?: ColumnKind;
  /** A kind per row, for a column of mixed figures (an overview's counts and shares). */
  rowKind?: (row: Row) => ColumnKind | undefined;
  /** Display override (links, badges); the export still writes `value`. */
  render?: (row: Row) => import("react").ReactNode;
  /** Width in characters in the sheet. */
  width?: number;
  /** Not sortable (a list of names, say). */
  unsortable?: boolean;
}

export function isNumeric(kind: ColumnKind | undefined): boolean {
  return kind === "integer" || kind === "decimal" || kind === "percent";
}

/** vi-VN display: 1.234 · 7,46 · 7,46 %; empty for a missing value. */
export function formatCell(value: CellValue, kind: ColumnKind | undefined): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (kind === "integer") return formatNumber(value, 0);
  if (kind === "percent") return formatPercent(value);
  return formatNumber(value);
}

const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

/**
 * Ascending order of two cells: Vietnamese collation for text ("Đ" after "D", tone marks after
 * the base letter), numbers by value; a missing value sorts last either way it is read.
 */
export function compareCells(a: CellValue, b: CellValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Excel's number formats: the reader's Excel shows them with its own separators. */
export const EXCEL_FORMATS: Record<Exclude<ColumnKind, "text">, string> = {
  integer: "#,##0",
  decimal: "#,##0.00",
  percent: "0.00%",
};

/** A sheet cell as write-excel-file takes it; `type` is filled in where the library is loaded. */
export interface SheetCell {
  value: string | number | null;
  kind: "header" | "text" | "number";
  format?: string;
}

/** One sheet, ready to write: a name Excel accepts, a header row, rows, column widths. */
export interface SheetSpec {
  name: string;
  rows: SheetCell[][];
  widths: number[];
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/gu;

/** Excel refuses sheet names over 31 characters, with []:*?/\ in them, or repeated. */
export function sheetName(title: string, taken: ReadonlySet<string> = new Set()): string {
  const base = title.replace(FORBIDDEN_IN_SHEET_NAME, " ").replace(/\s+/gu, " ").trim() || "Sheet";
  let name = base.slice(0, 31).trim();
  for (let k = 2; taken.has(name.toLocaleLowerCase("vi")); k++) {
    const suffix = ` (${k})`;
    name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  return name;
}

/**
 * A table as a sheet: the headers as written on screen, then one row per row; numbers stay
 * numbers with a number format (percent divided by 100, as Excel keeps percentages).
 */
export function tableToSheet<Row>(
  title: string,
  columns: readonly TableColumn<Row>[],
  rows: readonly Row[],
  taken?: ReadonlySet<string>,
): SheetSpec {
  const header: SheetCell[] = columns.map((c) => ({ value: c.header, kind: "header" }));
  const body = rows.map((row) =>
    columns.map((column): SheetCell => {
      const value = column.value(row);
      const kind = column.rowKind?.(row) ?? column.kind;
      if (value === null) return { value: null, kind: "text" };
      if (isNumeric(kind) && typeof value === "number") {
        return {
          value: kind === "percent" ? value / 100 : value,
          kind: "number",
          format: EXCEL_FORMATS[kind as Exclude<ColumnKind, "text">],
        };
      }
      return { value: String(value), kind: "text" };
    }),
  );
  const widths = columns.map((column, k) => {
    if (column.width) return column.width;
    const longest = Math.max(
      column.header.length,
      ...body.slice(0, 200).map((r) => String(r[k]?.value ?? "").length),
    );
    return Math.min(60, Math.max(8, longest + 2));
  });
  return { name: sheetName(title, taken), rows: [header, ...body], widths };
}

/** Any table to export: its rows' type does not matter once its columns read them. */
export interface ExportTable {
  title: string;
  columns: readonly TableColumn<never>[];
  rows: readonly unknown[];
}

/** Sheets named apart from one another, in the order given. */
export function tablesToSheets(tables: readonly ExportTable[]): SheetSpec[] {
  const taken = new Set<string>();
  return tables.map((table) => {
    const sheet = tableToSheet(
      table.title,
      table.columns as readonly TableColumn<unknown>[],
      table.rows,
      taken,
    );
    taken.add(sheet.name.toLocaleLowerCase("vi"));
    return sheet;
  });
}
