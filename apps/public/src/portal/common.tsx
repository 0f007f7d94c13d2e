import type { CommuneLevel } from "@datchuan/api";
import { QueryState } from "@datchuan/ui";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { dataUrl, isNotFound } from "./api";

/** Loading and error states; a 404 from the data route is a "not found" page, not an error. */
export function Loaded<T>({
  query,
  code,
  children,
}: {
  query: UseQueryResult<T>;
  code: string;
  children: (data: T) => ReactNode;
}) {
  if (isNotFound(query.error)) return <NotFound code={code} message={query.error?.message} />;
  if (query.data) return <>{children(query.data)}</>;
  return (
    <QueryState
      isPending={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
    />
  );
}

export function NotFound({ code, message }: { code: string; message?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("portal.notFoundHeading")}</h1>
      <p>{t("portal.notFoundText", { code })}</p>
      {message ? <p className="muted">{message}</p> : null}
      <p>
        <Link to="/">{t("portal.backHome")}</Link>
      </p>
    </>
  );
}

/** Shown on every screen with figures: demo and unchecked thresholds are not official results. */
export function IllustrativeNotice({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <p className="notice portal-illustrative" role="note">
      {t("portal.illustrative")}
    </p>
  );
}

/** CSV and JSON links of an open-data table (README "Open data"). */
export function Downloads({
  code,
  table,
  label,
  date,
}: {
  code: string;
  table: "standing" | "failing-criteria";
  label: string;
  date?: string;
}) {
  const { t } = useTranslation();
  const query = date ? `?date=${date}` : "";
  return (
    <p className="portal-downloads">
      {t("portal.downloads")}{" "}
      {(["csv", "json"] as const).map((format) => (
        <a
          key={format}
          href={`${dataUrl.table(code, table, format)}${query}`}
          aria-label={t("portal.downloadLabel", { table: label, format: format.toUpperCase() })}
          download
        >
          {format === "csv" ? t("portal.downloadCsv") : t("portal.downloadJson")}
        </a>
      ))}
    </p>
  );
}

export function LevelBadge({ level }: { level: CommuneLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`portal-badge portal-level-${level}`}>{t(`portal.levels.${level}`)}</span>
  );
}

export function StatusText({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`portal-status portal-status-${status}`}>
      {t(`portal.statuses.${status}`, { defaultValue: status })}
    </span>
  );
}

/** "2023-04" → "04/2023"; a year stays a year. */
export function formatPeriod(period: string): string {
  const [year, month] = period.split("-");
  return month ? `${month}/${year}` : period;
}

/** A table that may scroll sideways on a phone: focusable, so a keyboard can scroll it too. */
export function TableWrap({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <div className="portal-table-wrap" tabIndex={0}>
      {children}
    </div>
  );
}
