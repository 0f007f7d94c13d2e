import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { usePeriodLabel } from "../home/period";
import { PeriodChart } from "./chart";
import { IndicatorFacts } from "./indicator-facts";
import { STATUS_ICON, tileStatus } from "./statuses";
import { useChosenSet } from "./use-chosen-set";
import "../workplace.css";

/** One criterion of the latest verdict: its indicators, and its count across periods. */
export function CriterionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const periodLabel = usePeriodLabel();
  const params = useParams();
  const code = params.code ?? "";
  const number = Number(params.criterion);
  const { setId, home, query } = useChosenSet(code);
  const card = useQuery({
    ...trpc.commune.scorecard.queryOptions({ unitCode: code, setId: setId ?? "" }),
    enabled: Boolean(setId),
  });
  const history = useQuery({
    ...trpc.commune.criterionHistory.queryOptions({
      unitCode: code,
      setId: setId ?? "",
      criterion: Number.isInteger(number) && number > 0 ? number : 1,
    }),
    enabled: Boolean(setId) && Number.isInteger(number) && number > 0,
  });
  const criterion = card.data?.verdict.criteria.find((c) => c.number === number);
  const infos = new Map(card.data?.indicators.map((i) => [i.code, i]));
  const status = criterion ? tileStatus(criterion) : null;

  return (
    <>
      <p>
        <Link to={`/xa/${code}/bang-diem${query}`}>{t("workplace.scorecard.back")}</Link>
      </p>
      <QueryState
        isPending={home.isPending || (Boolean(setId) && card.isPending)}
        error={home.error ?? card.error}
        onRetry={() => void card.refetch()}
      />
      {card.data && !criterion ? <p>{t("workplace.scorecard.notFound")}</p> : null}
      {card.data && criterion && status ? (
        <>
          <h1>
            {t("workplace.scorecard.criterion", { number: criterion.number, name: criterion.name })}
          </h1>
          <p className="illustrative">{t("workplace.illustrative")}</p>
          <p>
            <span className={`status status-${status}`}>
              <span aria-hidden="true">{STATUS_ICON[status]}</span>
              {t(`workplace.scorecard.status.${status}`)}
            </span>{" "}
            ·{" "}
            {t("workplace.scorecard.indicatorCount", {
              met: criterion.indicatorsMet,
              total: criterion.indicatorsApplicable,
            })}{" "}
            · {periodLabel(card.data.period)}
          </p>
          {history.data && history.data.length > 0 ? (
            <PeriodChart
              title={t("workplace.scorecard.criterionChart", { number: criterion.number })}
              rows={history.data.map((point) => ({
                label: periodLabel(point.period),
                met: point.indicatorsMet,
                total: point.indicatorsApplicable,
              }))}
              series={[
                { key: "met", label: t("workplace.scorecard.historyIndicators"), color: "#0b6e4f" },
                {
                  key: "total",
                  label: t("workplace.scorecard.indicatorsHeading"),
                  color: "#57606a",
                  dashed: true,
                },
              ]}
              format={(value) => String(value)}
            />
          ) : null}
          <h2>{t("workplace.scorecard.indicatorsHeading")}</h2>
          <ul className="list-plain indicator-list">
            {criterion.indicators.map((verdict) => (
              <li key={verdict.code}>
                <h3>
                  <Link to={`/xa/${code}/bang-diem/${criterion.number}/${verdict.code}${query}`}>
                    {verdict.code}. {infos.get(verdict.code)?.name ?? ""}
                  </Link>
                </h3>
                <IndicatorFacts verdict={verdict} info={infos.get(verdict.code)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
