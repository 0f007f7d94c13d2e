import { formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePeriodLabel } from "../home/period";
import { PeriodChart } from "./chart";
import { STATUS_ICON, TILE_STATUSES, tileStatus } from "./statuses";
import { useChosenSet } from "./use-chosen-set";
import "../workplace.css";

/** Every criterion of the latest verdict as a tile, the counts by status, and the history. */
export function ScorecardPage() {
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
  const history = useQuery({
    ...trpc.report.history.queryOptions({ unitCode: code, setId: setId ?? "" }),
    enabled: Boolean(setId),
  });
  const verdict = card.data?.verdict;
  const tiles = verdict?.criteria.map((c) => ({ criterion: c, status: tileStatus(c) })) ?? [];
  const rows =
    history.data
      ?.filter((r) => r.shown)
      .map((r) => ({
        label: periodLabel(r.period),
        criteria: r.criteriaMet,
        indicators: r.indicatorsMet,
      })) ?? [];

  return (
    <>
      <p>
        <Link to={`/xa/${code}`}>{unit.data ? formatUnitName(unit.data) : code}</Link>
      </p>
      <h1>{t("workplace.scorecard.heading")}</h1>
      <p className="illustrative">{t("workplace.illustrative")}</p>
      {chooser}
      <QueryState
        isPending={home.isPending || (Boolean(setId) && card.isPending)}
        error={home.error ?? card.error}
        onRetry={() => void (home.error ? home.refetch() : card.refetch())}
      />
      {card.data === null || (home.data && !setId) ? <p>{t("workplace.scorecard.none")}</p> : null}
      {card.data && verdict ? (
        <>
          <p data-testid="scorecard-summary">
            {t("workplace.scorecard.summary", {
              summary: verdict.summary,
              period: periodLabel(card.data.period),
            })}
          </p>
          <h2>{t("workplace.scorecard.counts")}</h2>
          <ul className="status-counts">
            {TILE_STATUSES.map((status) => (
              <li key={status} className={`status status-${status}`}>
                <span aria-hidden="true">{STATUS_ICON[status]}</span>
                {t(`workplace.scorecard.status.${status}`)}:{" "}
                {tiles.filter((tile) => tile.status === status).length}
              </li>
            ))}
          </ul>
          <h2>{t("workplace.scorecard.tiles")}</h2>
          <ul className="tiles">
            {tiles.map(({ criterion, status }) => (
              <li key={criterion.number}>
                <Link
                  className={`tile tile-${status}`}
                  to={`/xa/${code}/bang-diem/${criterion.number}${query}`}
                >
                  <span className="tile-title">
                    {t("workplace.scorecard.criterion", {
                      number: criterion.number,
                      name: criterion.name,
                    })}
                  </span>
                  <span className={`status status-${status}`}>
                    <span aria-hidden="true">{STATUS_ICON[status]}</span>
                    {t(`workplace.scorecard.status.${status}`)}
                  </span>
                  <span className="muted">
                    {" · "}
                    {t("workplace.scorecard.indicatorCount", {
                      met: criterion.indicatorsMet,
                      total: criterion.indicatorsApplicable,
                    })}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <h2>{t("workplace.scorecard.historyHeading")}</h2>
          {rows.length > 0 ? (
            <PeriodChart
              title={t("workplace.scorecard.historyHeading")}
              rows={rows}
              series={[
                {
                  key: "criteria",
                  label: t("workplace.scorecard.historyCriteria"),
                  color: "#0b6e4f",
                },
                {
                  key: "indicators",
                  label: t("workplace.scorecard.historyIndicators"),
                  color: "#9a6700",
                  dashed: true,
                },
              ]}
              format={(value) => String(value)}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
