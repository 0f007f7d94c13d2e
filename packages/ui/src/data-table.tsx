import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { type ReactNode, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type CellValue,
  compareCells,
  formatCell,
  isNumeric,
  type TableColumn,
} from "./table-columns";

/**
 * A semantic, sortable table: a caption, column headers with `scope`, the first column as row
 * headers; text sorts by Vietnamese collation, numbers by value and sit right-aligned in vi-VN.
 * On a narrow screen it scrolls inside its own box (focusable, so a keyboard can scroll it),
 * never the page.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
  empty,
  footer,
}: {
  caption: ReactNode;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  initialSort?: { id: string; desc?: boolean };
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
  /** A row below the body (totals). */
  footer?: ReactNode;
}) {
  const { t } = useTranslation("common");
  const captionId = useId();
  const [sorting, setSorting] = useState<SortingState>(
    initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : [],
  );
  const columnDefs = useMemo<ColumnDef<Row, CellValue>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        accessorFn: (row: Row) => column.value(row),
        header: column.header,
        enableSorting: !column.unsortable,
        // Every column sorts ascending first, numbers too: one predictable order of clicks.
        sortDescFirst: false,
        sortingFn: (a, b, id) => compareCells(a.getValue<CellValue>(id), b.getValue<CellValue>(id)),
        sortUndefined: "last",
        cell: (context) =>
          column.render
            ? column.render(context.row.original)
            : formatCell(context.getValue(), column.rowKind?.(context.row.original) ?? column.kind),
      })),
    [columns],
  );
  const table = useReactTable({
    data: rows as Row[],
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => rowKey(row),
  });
  const kindOf = new Map(columns.map((c) => [c.id, c.kind]));
  const byId = new Map(columns.map((c) => [c.id, c]));

  return (
    // A box that scrolls must take the focus, or a keyboard cannot scroll it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is operable
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const numeric = isNumeric(kindOf.get(header.column.id));
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={numeric ? "num" : undefined}
                    aria-sort={
                      sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined
                    }
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={t("table.sortBy")}
                      >
                        {label}
                        <span aria-hidden="true" className="sort-mark">
                          {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty ?? t("noResults")}
              </td>
            </tr>
          ) : (
            table.getRowModel().rows.map((row) => (
              <tr key={row.id}>
                {row.getVisibleCells().map((cell, k) => {
                  const column = byId.get(cell.column.id);
                  const numeric = isNumeric(column?.rowKind?.(row.original) ?? column?.kind);
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  return k === 0 ? (
                    <th key={cell.id} scope="row" className={numeric ? "num" : undefined}>
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={numeric ? "num" : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
        {footer ? <tfoot>{footer}</tfoot> : null}
      </table>
    </section>
  );
}
