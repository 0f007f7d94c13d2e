import { formatDate, formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

const DEFAULT_SET = "ntm-xa-2021-2025";

/**
 * The office's view: each commune's report for the period that ended last, with the due date and
 * the days late, missing and late first (as `report.states` orders them).
 */
export function DeadlinesSection({
  scopes,
  systemAdmin,
}: {
  scopes: string[];
  systemAdmin: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const roots = useQuery({ ...trpc.unit.tree.queryOptions(), enabled: systemAdmin });
  const sets = useQuery(trpc.criteriaSet.list.queryOptions());
  const scopeOptions = [...scopes, ...(roots.data ?? []).map((node) => node.code)].filter(
    (code, index, all) => all.indexOf(code) === index,
  );
  const [chosenScope, setScope] = useState<string | null>(null);
  const scope = chosenScope ?? scopeOptions[0] ?? null;
  const programmes = (sets.data ?? [])
    .filter((row) => row.status === "published" && row.adaptsSetId === null)
    .filter((row, index, all) => all.findIndex((other) => other.setId === row.setId) === index);
  const [setId, setSetId] = useState(DEFAULT_SET);
  const states = useQuery({
    ...trpc.report.states.queryOptions({ scopeCode: scope ?? "", setId }),
    enabled: scope !== null,
  });
  const first = states.data?.[0];
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("inbox.deadlinesHeading")}</h2>
      <p className="muted">{t("inbox.deadlinesIntro")}</p>
      <div className="filters">
        {scopeOptions.length > 1 ? (
          <div className="field">
            <label htmlFor={`${id}-scope`}>{t("inbox.scope")}</label>
            <select
              id={`${id}-scope`}
              value={scope ?? ""}
              onChange={(event) => setScope(event.target.value)}
            >
              {scopeOptions.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-set`}>{t("inbox.set")}</label>
          <select id={`${id}-set`} value={setId} onChange={(event) => setSetId(event.target.value)}>
            {programmes.length === 0 ? <option value={DEFAULT_SET}>{DEFAULT_SET}</option> : null}
            {programmes.map((row) => (
              <option key={row.setId} value={row.setId}>
                {row.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState
        isPending={states.isPending && scope !== null}
        error={states.error}
        onRetry={() => void states.refetch()}
      />
      {states.data && first ? (
        <div className="table-scroll">
          <table>
            <caption>
              {t("inbox.deadlinesCaption", {
                period: first.period,
                due: formatDate(first.dueDate),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("inbox.unit")}</th>
                <th scope="col">{t("inbox.status")}</th>
                <th scope="col">{t("inbox.dueDate")}</th>
                <th scope="col">{t("inbox.daysLate")}</th>
              </tr>
            </thead>
            <tbody>
              {states.data.map((row) => (
                <tr key={row.unitCode} className={row.late ? "row-late" : undefined}>
                  <th scope="row">{formatUnitName({ name: row.unitName, type: row.unitType })}</th>
                  <td>
                    {t(`inbox.statuses.${row.missing ? "missing" : (row.status ?? "missing")}`)}
                  </td>
                  <td>{formatDate(row.dueDate)}</td>
                  <td>
                    {row.late
                      ? t("inbox.late", { count: row.daysLate })
                      : row.asOf > row.dueDate
                        ? t("inbox.onTime")
                        : t("inbox.notDue")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
