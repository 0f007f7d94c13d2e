import type { SheetCell, SheetSpec } from "./table-columns";

/** The sheet data write-excel-file takes, from our library-free description of it. */
export function toWriteExcelRows(sheet: SheetSpec) {
  return sheet.rows.map((row) =>
    row.map((cell: SheetCell) => {
      if (cell.value === null) return null;
      if (cell.kind === "number")
        return { type: Number, value: cell.value as number, format: cell.format };
      return {
        type: String,
        value: String(cell.value),
        ...(cell.kind === "header" ? { fontWeight: "bold" as const, wrap: true } : {}),
      };
    }),
  );
}

/**
 * Writes the sheets to `fileName` (.xlsx) and hands it to the browser as a download. The
 * workbook library is loaded here, on the first export, so no page carries it before.
 */
export async function exportToXlsx(fileName: string, sheets: readonly SheetSpec[]): Promise<void> {
  const { default: writeXlsxFile } = await import("write-excel-file/browser");
  const name = fileName.endsWith(".xlsx") ? fileName : `${fileName}.xlsx`;
  await writeXlsxFile(
    sheets.map((sheet) => ({
      sheet: sheet.name,
      data: toWriteExcelRows(sheet),
      columns: sheet.widths.map((width) => ({ width })),
      stickyRowsCount: 1,
    })),
    { fontFamily: "Arial", fontSize: 11 },
  ).toFile(name);
}
