import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SheetSpec } from "./table-columns";
import { exportToXlsx } from "./xlsx";

/**
 * "Xuất Excel": builds the sheets when clicked (so they are the table as it stands) and loads
 * the workbook library only then.
 */
export function ExportButton({
  fileName,
  sheets,
  label,
}: {
  /** Without the extension; ".xlsx" is added. */
  fileName: string;
  sheets: () => SheetSpec[];
  label?: string;
}) {
  const { t } = useTranslation("common");
  const [state, setState] = useState<"idle" | "busy" | "failed">("idle");
  return (
    <span className="export-button">
      <button
        type="button"
        className="button-secondary"
        disabled={state === "busy"}
        aria-busy={state === "busy"}
        onClick={async () => {
          setState("busy");
          try {
            await exportToXlsx(fileName, sheets());
            setState("idle");
          } catch {
            setState("failed");
          }
        }}
      >
        {state === "busy" ? t("table.exporting") : (label ?? t("table.export"))}
      </button>
      {state === "failed" ? (
        <span role="alert" className="field-error">
          {t("table.exportFailed")}
        </span>
      ) : null}
    </span>
  );
}
