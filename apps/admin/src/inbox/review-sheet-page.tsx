import "../operations.css";
import type { RouterOutputs } from "@datchuan/api";
import { formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ValueCard } from "./value-card";

export type ReviewSheet = RouterOutputs["report"]["reviewSheet"];
export type ReviewItem = ReviewSheet["items"][number];

/**
 * /hop-thu/:reportId — one submitted report: the reviewer's indicators first, each with the value,
 * its verdict against the threshold and the evidence beside the decision; then the others'.
 */
export default function ReviewSheetPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { reportId = "" } = useParams();
  const sheet = useQuery(trpc.report.reviewSheet.queryOptions({ reportId }));
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.report.reviewSheet.queryKey({ reportId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.report.inbox.queryKey() }),
    ]);
  const acceptAll = useMutation(
    trpc.report.acceptRemaining.mutationOptions({
      onSuccess: async (result) => {
        setNotice(
          result.values.map((v) => t("inbox.sheet.accepted", { code: v.indicatorCode })).join(" "),
        );
        await refresh();
      },
    }),
  );

  const data = sheet.data;
  const mine = data?.items.filter((i) => i.mine) ?? [];
  const others = data?.items.filter((i) => !i.mine) ?? [];
  const waiting = mine.filter((i) => i.reviewStatus === "submitted");

  return (
    <>
      <p>
        <Link to="/hop-thu">{t("inbox.sheet.back")}</Link>
      </p>
      <QueryState
        isPending={sheet.isPending}
        error={sheet.error}
        onRetry={() => void sheet.refetch()}
      />
      {data ? (
        <>
          <h1>
            {t("inbox.sheet.heading", {
              unit: formatUnitName(data.unit),
              period: data.report.period,
            })}
          </h1>
          <p className="muted">{data.setTitle}</p>
          <p className="notice">{t("inbox.illustrative")}</p>
          <p>
            {t("inbox.sheet.reportStatus", {
              status: t(`inbox.statuses.${data.report.status}`),
            })}
            {data.verdictSummary ? (
              <>
                <br />
                {t("inbox.sheet.summary", { summary: data.verdictSummary })}
              </>
            ) : null}
          </p>
          <div aria-live="polite">
            {notice ? (
              <p className="notice notice-success" role="status">
                {notice}
              </p>
            ) : null}
          </div>
          <h2>{t("inbox.sheet.mineHeading")}</h2>
          {mine.length === 0 ? <p>{t("inbox.sheet.noneMine")}</p> : null}
          {mine.length > 0 ? (
            <p>
              {waiting.length > 0
                ? t("inbox.sheet.remaining", { count: waiting.length })
                : t("inbox.sheet.allDone")}
            </p>
          ) : null}
          {mine.map((item) => (
            <ValueCard
              key={item.valueId}
              item={item}
              onReviewed={async (message) => {
                setNotice(message);
                await refresh();
              }}
            />
          ))}
          {waiting.length > 0 ? (
            <div className="card">
              {acceptAll.error ? <AcceptAllError error={acceptAll.error} /> : null}
              <button
                type="button"
                disabled={acceptAll.isPending}
                onClick={() =>
                  acceptAll.mutate({
                    reportId,
                    values: waiting.map((i) => ({
                      valueId: i.valueId,
                      expectedRowVersion: i.rowVersion,
                    })),
                  })
                }
              >
                {acceptAll.isPending
                  ? t("inbox.sheet.accepting")
                  : t("inbox.sheet.acceptAll", { count: waiting.length })}
              </button>
            </div>
          ) : null}
          {others.length > 0 ? (
            <details>
              <summary>
                <h2 className="summary-heading">
                  {t("inbox.sheet.othersHeading", { count: others.length })}
                </h2>
              </summary>
              {others.map((item) => (
                <ValueCard key={item.valueId} item={item} />
              ))}
            </details>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function AcceptAllError({ error }: { error: unknown }) {
  const { t } = useTranslation("common");
  const message = error instanceof Error ? error.message : null;
  return (
    <p className="notice notice-error" role="alert">
      {message ?? t("form.noServer")}
    </p>
  );
}
