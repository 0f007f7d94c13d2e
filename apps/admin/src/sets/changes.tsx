import { formatNumber, type SetChange } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { TableScroll } from "./shared";

function show(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "(chưa có)";
  if (typeof value === "number") return formatNumber(value, 6);
  if (typeof value === "string") return value;
  if (typeof value === "object" && value && "source" in value) {
    const p = value as { source: string; article?: string; verified?: boolean };
    return `${p.source}${p.article ? `, ${p.article}` : ""}${p.verified ? " ✓" : ""}`;
  }
  return JSON.stringify(value);
}

/** A list of set changes as a table: where, what kind, before → after. */
export function ChangesTable({ changes, label }: { changes: SetChange[]; label: string }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  if (changes.length === 0) return <p>{t("diffNone")}</p>;
  return (
    <TableScroll>
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t("colWhat")}</th>
            <th scope="col">{t("colChange")}</th>
            <th scope="col">A</th>
            <th scope="col">B</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c, k) => (
            <tr key={k}>
              <td>
                {t(`level.${c.level}`)} {c.indicator ?? c.criterion ?? ""}
                {c.scope ? ` (${c.scope})` : ""}
                {c.field ? ` · ${c.field}` : ""}
              </td>
              <td>{t(`kind.${c.kind}`)}</td>
              <td>{show(c.before)}</td>
              <td>{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
