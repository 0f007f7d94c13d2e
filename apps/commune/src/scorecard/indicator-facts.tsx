import type { IndicatorVerdict } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { formatMeasured, formatThreshold, type IndicatorInfo } from "./quantities";
import { indicatorDisplayStatus, STATUS_ICON } from "./statuses";

/** An indicator's verdict: status, value, threshold with its source and mark, and the gap. */
export function IndicatorFacts({
  verdict,
  info,
}: {
  verdict: IndicatorVerdict;
  info: IndicatorInfo | undefined;
}) {
  const { t } = useTranslation();
  const words = {
    yes: t("workplace.scorecard.status.met"),
    no: t("workplace.scorecard.status.not_met"),
  };
  const status = indicatorDisplayStatus(verdict);
  const measured = formatMeasured(verdict, info, words);
  const threshold = formatThreshold(verdict, info, words);
  const provenance = "threshold" in verdict ? verdict.threshold.reason.provenance : null;
  const statusText =
    status === "fragile"
      ? t("workplace.scorecard.status.fragile")
      : t(`workplace.scorecard.indicatorStatus.${verdict.status}`);
  return (
    <dl className="indicator-facts">
      <dt>{t("workplace.plan.status")}</dt>
      <dd className={`status status-${status}`}>
        <span aria-hidden="true">{STATUS_ICON[status]}</span>
        {statusText}
      </dd>
      <dt>{t("workplace.scorecard.value")}</dt>
      <dd>{measured ?? t("workplace.scorecard.noValue")}</dd>
      <dt>{t("workplace.scorecard.threshold")}</dt>
      <dd>
        {threshold ?? t("workplace.scorecard.status.no_threshold")}
        {provenance ? (
          <>
            {" "}
            <span className={provenance.verified ? "status-met" : "status-fragile"}>
              (
              {provenance.verified
                ? t("workplace.scorecard.verified")
                : t("workplace.scorecard.unverified")}
              )
            </span>
          </>
        ) : null}
      </dd>
      {provenance ? (
        <>
          <dt>{t("workplace.scorecard.source")}</dt>
          <dd>{provenance.source}</dd>
        </>
      ) : null}
      {verdict.status === "not_met" ? (
        <>
          <dt>{t("workplace.scorecard.gap")}</dt>
          <dd className="text-not-met">{verdict.gap.text}</dd>
        </>
      ) : null}
    </dl>
  );
}
