import { formatPercent, formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePeriodLabel } from "../home/period";
import { PlanSection } from "../plan/plan-section";
import { formatMeasured, formatThreshold } from "../scorecard/quantities";
import { indicatorDisplayStatus, STATUS_ICON } from "../scorecard/statuses";
import { useChosenSet } from "../scorecard/use-chosen-set";
import { missingIndicators } from "./order";
import "../workplace.css";

/** The failing and missing indicators, closest to their threshold first, and the plan. */
export function MissingPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const periodLabel = usePeriodLabel();
  const code = useParams().code ?? "";
  const unit = useQuery(trpc.unit.byCode.queryOptions({ code }));
  const { setId, home, chooser, query } = useChosenSet(code);
  const card = useQuery({
    ...trpc.commune.scorecard.queryOptions({ unitCode: code, setId: setId ?? "" }),
    enabled: Boolean(setId),
  });
  const infos = new Map(card.data?.indicators.map((i) => [i.code, i]));
  const entries = card.data ? missingIndicators(card.data.verdict) : [];
  const words = {
    yes: t("workplace.scorecard.status.met"),
    no: t("workplace.scorecard.status.not_met"),
  };

  return (
    <>
      <p>
        <Link to={`/xa/${code}`}>{unit.data ? formatUnitName(unit.data) : code}</Link>
      </p>
      <h1>{t("workplace.missing.heading")}</h1>
      <p className="illustrative">{t("workplace.illustrative")}</p>
      {chooser}
      <QueryState
        isPending={home.isPending || (Boolean(setId) && card.isPending)}
        error={home.error ?? card.error}
        onRetry={() => void card.refetch()}
      />
      {card.data === null ? <p>{t("workplace.scorecard.none")}</p> : null}
      {card.data ? (
        <>
          <p>
            {t("workplace.scorecard.summary", {
              summary: card.data.verdict.summary,
              period: periodLabel(card.data.period),
            })}
          </p>
          <p className="muted">{t("workplace.missing.intro")}</p>
          {entries.length === 0 ? <p>{t("workplace.missing.none")}</p> : null}
          <ol className="list-plain indicator-list" aria-label={t("workplace.missing.heading")}>
            {entries.map((entry) => {
              const status = indicatorDisplayStatus(entry.verdict);
              const info = infos.get(entry.verdict.code);
              const measured = formatMeasured(entry.verdict, info, words);
              const threshold = formatThreshold(entry.verdict, info, words);
              return (
                <li key={entry.verdict.code} data-testid="missing-indicator">
                  <h2 className="h3-like">
                    <Link
                      to={`/xa/${code}/bang-diem/${entry.criterion}/${entry.verdict.code}${query}`}
                    >
                      {entry.verdict.code}. {info?.name ?? ""}
                    </Link>
                  </h2>
                  <p>
                    <span className={`status status-${status}`}>
                      <span aria-hidden="true">{STATUS_ICON[status]}</span>
                      {t(`workplace.scorecard.indicatorStatus.${entry.verdict.status}`)}
                    </span>
                    {" · "}
                    {t("workplace.missing.criterion", { number: entry.criterion })}
                    {" · "}
                    <span data-testid="distance">
                      {entry.distance === null
                        ? t("workplace.missing.noDistance")
                        : t("workplace.missing.distance", {
                            percent: formatPercent(entry.distance * 100, 1),
                          })}
                    </span>
                  </p>
                  {measured || threshold ? (
                    <p className="muted">
                      {measured ? `${t("workplace.scorecard.value")}: ${measured}` : ""}
                      {measured && threshold ? " · " : ""}
                      {threshold ? `${t("workplace.scorecard.threshold")}: ${threshold}` : ""}
                    </p>
                  ) : null}
                  {entry.verdict.status === "not_met" ? (
                    <p className="text-not-met">{entry.verdict.gap.text}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {setId ? (
            <PlanSection
              unitCode={code}
              setId={setId}
              criteria={card.data.verdict.criteria.map((c) => ({ number: c.number, name: c.name }))}
              editable={card.data.mayPlan}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
