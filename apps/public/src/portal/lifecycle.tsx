import type { PortalScorecard } from "@datchuan/api";
import { formatDate } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { formatPeriod } from "./common";

type SetCard = PortalScorecard["sets"][number];

/**
 * A set's recognition lifecycle as published: the stage, the decisions (recognition,
 * revocation) on a timeline, and the at-risk flag with the indicators that slipped.
 */
export function Lifecycle({ set }: { set: SetCard }) {
  const { t } = useTranslation();
  const { lifecycle } = set;
  if (lifecycle.stage === "not_registered" && lifecycle.timeline.length === 0) return null;
  const headingId = `lifecycle-${set.setId}`;
  return (
    <section className="card" aria-labelledby={headingId} data-testid={headingId}>
      <h2 id={headingId}>{t("portal.lifecycleHeading", { set: set.title })}</h2>
      <p>
        <strong>
          {t("portal.lifecycleStage", { stage: t(`portal.stages.${lifecycle.stage}`) })}
        </strong>
      </p>
      {lifecycle.atRisk ? (
        <p className="notice" role="status" data-testid="public-at-risk">
          {t("portal.atRisk", {
            codes: lifecycle.atRisk.slipped.map((s) => s.code).join(", "),
            period: formatPeriod(lifecycle.atRisk.period),
          })}
        </p>
      ) : null}
      <ol aria-label={t("portal.lifecycleHeading", { set: set.title })}>
        {lifecycle.timeline.map((event, index) => (
          <li key={`${event.date}-${event.kind}-${index}`}>
            <time dateTime={event.date}>{formatDate(event.date)}</time> — {event.text}
            {event.illustrative ? (
              <span className="muted"> ({t("portal.illustrativeDecision")})</span>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
