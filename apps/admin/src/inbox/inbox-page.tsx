import "../operations.css";
import { formatDate, formatNumber, formatUnitName, scopeUnitCode } from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DeadlinesSection } from "./deadlines";

/** ISO timestamp or Date of a submission → "19/05/2023". */
export function formatInstantDate(value: string | Date | null): string {
  if (!value) return "—";
  const iso = (typeof value === "string" ? new Date(value) : value).toISOString().slice(0, 10);
  return formatDate(iso);
}

/**
 * /hop-thu: for a department reviewer, the submitted reports waiting for their department; for
 * the coordination office, the communes whose report is missing or late. Someone holding both
 * roles sees both.
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const roles = viewer?.roles ?? [];
  const reviews = roles.some((r) => r.role === "reviewer" || r.role === "system_admin");
  const officeScopes = roles
    .filter((r) => r.role === "admin" && r.scopePath)
    .map((r) => scopeUnitCode(r.scopePath!))
    .filter((code): code is string => code !== null);
  const systemAdmin = roles.some((r) => r.role === "system_admin");
  return (
    <>
      <h1>{t("inbox.heading")}</h1>
      <p className="notice">{t("inbox.illustrative")}</p>
      {reviews ? <ReviewQueue /> : null}
      {officeScopes.length > 0 || systemAdmin ? (
        <DeadlinesSection scopes={officeScopes} systemAdmin={systemAdmin} />
      ) : null}
    </>
  );
}

function ReviewQueue() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const inbox = useQuery(trpc.report.inbox.queryOptions());
  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading">{t("inbox.queueCaption")}</h2>
      <p className="muted">{t("inbox.intro")}</p>
      <QueryState
        isPending={inbox.isPending}
        error={inbox.error}
        onRetry={() => void inbox.refetch()}
      />
      {inbox.data?.length === 0 ? <p className="notice">{t("inbox.empty")}</p> : null}
      {inbox.data?.length ? (
        <div className="table-scroll">
          <table aria-label={t("inbox.queueCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("inbox.unit")}</th>
                <th scope="col">{t("inbox.period")}</th>
                <th scope="col">{t("inbox.submittedAt")}</th>
                <th scope="col">{t("inbox.waiting")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("inbox.open")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {inbox.data.map((entry) => {
                const unit = formatUnitName(entry.unit);
                return (
                  <tr key={entry.reportId}>
                    <th scope="row">
                      {unit}
                      <div className="muted">{entry.setTitle}</div>
                    </th>
                    <td>{entry.period}</td>
                    <td>{formatInstantDate(entry.submittedAt)}</td>
                    <td>
                      {formatNumber(entry.indicatorCodes.length)}: {entry.indicatorCodes.join(", ")}
                    </td>
                    <td>
                      <Link
                        to={`/hop-thu/${entry.reportId}`}
                        aria-label={t("inbox.openReport", { unit, period: entry.period })}
                      >
                        {t("inbox.open")}
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
