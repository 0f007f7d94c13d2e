import { can } from "@datchuan/domain";
import { QueryState, ReportView, useSession, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DashboardControls } from "../dashboard/controls";
import { writeParams } from "../dashboard/params";
import { useResolvedParams } from "../dashboard/resolve";
import { reviewScope } from "../dashboard/scope-name";
import { BulletinList } from "./bulletin-list";
import "../dashboard/dashboard.css";
import "./report.css";

/**
 * The review report (báo cáo rà soát) of a unit, or of one of its clusters, on a date, on screen, as .docx and .xlsx, in
 * print, and published as a bulletin: the same model and numbers as the dashboard's roll-up.
 */
export default function ReportPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { viewer } = useSession();
  const { tree, sets, units, unit, setOptions, resolved, apply } = useResolvedParams();
  const [notice, setNotice] = useState<string | null>(null);
  // A cluster (?cum=) narrows the report to its members, as on the dashboard.
  const scope = resolved ? reviewScope(resolved) : { unitCode: "" };
  const input = {
    ...scope,
    setId: resolved?.setId ?? "",
    asOf: resolved?.asOf ?? "",
    ...(resolved?.since ? { since: resolved.since } : {}),
    working: resolved?.working ?? false,
  };
  const report = useQuery({
    ...trpc.review.report.queryOptions(input),
    enabled: Boolean(resolved),
  });
  const target = unit ? { unitPath: unit.path, unitLevel: unit.level } : null;
  const mayPublish = Boolean(viewer && target && can(viewer.roles, "bulletin.publish", target));
  const publish = useMutation(
    trpc.bulletin.publish.mutationOptions({
      onSuccess: async (published) => {
        setNotice(t("report.published", { title: published.title }));
        await queryClient.invalidateQueries({ queryKey: trpc.bulletin.list.queryKey() });
      },
    }),
  );
  // Bulletins are a unit's (its portal page lists them): a cluster's report is read, not published.
  const clusterScope = Boolean(resolved?.clusterId);
  const query = new URLSearchParams({
    ...(scope.clusterId ? { clusterId: scope.clusterId } : { unitCode: scope.unitCode ?? "" }),
    setId: input.setId,
    asOf: input.asOf,
    ...(input.since ? { since: input.since } : {}),
    working: String(input.working),
  }).toString();

  return (
    <>
      <h1>{t("report.heading")}</h1>
      <p className="muted no-print">{t("report.intro")}</p>
      <QueryState
        isPending={tree.isPending || sets.isPending}
        error={tree.error ?? sets.error}
        onRetry={() => void tree.refetch()}
      />
      {resolved && units && setOptions && unit ? (
        <DashboardControls
          key={writeParams(resolved).toString()}
          params={resolved}
          units={units}
          sets={setOptions}
          onApply={(next) => {
            setNotice(null);
            apply(next);
          }}
          mayReadDrafts={Boolean(viewer && can(viewer.roles, "value.read_draft", target!))}
        />
      ) : null}
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
        {publish.error ? (
          <p className="notice notice-error" role="alert">
            {publish.error.message}
          </p>
        ) : null}
      </div>
      {resolved ? (
        <QueryState
          isPending={report.isPending}
          error={report.error}
          onRetry={() => void report.refetch()}
        />
      ) : null}
      {report.data ? (
        <>
          <div className="report-actions">
            <a className="button" href={`/files/reports/review.docx?${query}`} download>
              {t("report.downloadDocx")}
            </a>
            <a
              className="button button-secondary"
              href={`/files/reports/review.xlsx?${query}`}
              download
            >
              {t("report.downloadXlsx")}
            </a>
            <button type="button" className="button-secondary" onClick={() => window.print()}>
              {t("report.print")}
            </button>
            {mayPublish && !input.working && !clusterScope ? (
              <button
                type="button"
                disabled={publish.isPending}
                onClick={() => {
                  setNotice(null);
                  publish.mutate({
                    unitCode: resolved!.unitCode,
                    setId: input.setId,
                    asOf: input.asOf,
                    ...(input.since ? { since: input.since } : {}),
                  });
                }}
              >
                {t("report.publish")}
              </button>
            ) : null}
          </div>
          {mayPublish ? (
            <p className="muted no-print">
              {t(clusterScope ? "report.publishClusterNote" : "report.publishNote")}
            </p>
          ) : null}
          <ReportView report={report.data.report} />
        </>
      ) : null}
      {mayPublish && resolved ? (
        <BulletinList
          unitCode={resolved.unitCode}
          onRetracted={() => setNotice(t("report.retracted"))}
        />
      ) : null}
    </>
  );
}
