import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EvidencePanel } from "../evidence/evidence-panel";
import { entryPath, usePeriodLabel } from "../home/period";
import { PeriodChart } from "./chart";
import { IndicatorFacts } from "./indicator-facts";
import { formatQuantity } from "./quantities";
import { useChosenSet } from "./use-chosen-set";
import "../workplace.css";

/** One indicator: its verdict, its figure against the threshold across periods, its evidence. */
export function IndicatorPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const periodLabel = usePeriodLabel();
  const params = useParams();
  const code = params.code ?? "";
  const number = Number(params.criterion);
  const indicatorCode = params.indicator ?? "";
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
  const verdict = card.data?.verdict.criteria
    .find((c) => c.number === number)
    ?.indicators.find((i) => i.code === indicatorCode);
  const info = card.data?.indicators.find((i) => i.code === indicatorCode);
  const words = {
    yes: t("workplace.scorecard.status.met"),
    no: t("workplace.scorecard.status.not_met"),
  };
  const points = (history.data ?? []).flatMap((point) => {
    const found = point.indicators.find((i) => i.code === indicatorCode);
    return found ? [{ period: point.period, ...found }] : [];
  });
  const numeric = points.some((p) => p.value !== null || p.threshold !== null);

  return (
    <>
      <p>
        <Link to={`/xa/${code}/bang-diem/${number}${query}`}>
          {t("workplace.scorecard.criterion", {
            number,
            name: card.data?.verdict.criteria.find((c) => c.number === number)?.name ?? "",
          })}
        </Link>
      </p>
      <QueryState
        isPending={home.isPending || (Boolean(setId) && card.isPending)}
        error={home.error ?? card.error}
        onRetry={() => void card.refetch()}
      />
      {card.data && !verdict ? <p>{t("workplace.scorecard.notFound")}</p> : null}
      {card.data && verdict && setId ? (
        <>
          <h1>
            {verdict.code}. {info?.name ?? ""}
          </h1>
          <p className="illustrative">{t("workplace.illustrative")}</p>
          <p className="muted">{periodLabel(card.data.period)}</p>
          <IndicatorFacts verdict={verdict} info={info} />
          {numeric && points.length > 0 ? (
            <PeriodChart
              title={t("workplace.scorecard.indicatorChart", { code: verdict.code })}
              rows={points.map((p) => ({
                label: periodLabel(p.period),
                value: p.value,
                threshold: p.threshold,
              }))}
              series={[
                { key: "value", label: t("workplace.scorecard.chartValue"), color: "#0b6e4f" },
                {
                  key: "threshold",
                  label: t("workplace.scorecard.chartThreshold"),
                  color: "#b42318",
                  dashed: true,
                },
              ]}
              format={(value) => formatQuantity(info, value, words)}
            />
          ) : null}
          <EvidencePanel
            unitCode={code}
            setId={setId}
            period={card.data.period}
            indicatorCode={verdict.code}
            editable={card.data.mayEnter}
            title={t("workplace.scorecard.evidenceHeading", {
              period: periodLabel(card.data.period),
            })}
            headingLevel={2}
          />
          {card.data.mayEnter ? (
            <p>
              <Link to={entryPath(code, card.data.period, setId ?? undefined)}>
                {t("workplace.home.enter")}
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}
