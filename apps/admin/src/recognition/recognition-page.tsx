import "../operations.css";
import { formatDate, formatNumber } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { AppraisalSection } from "./appraisal-section";
import { DecisionSection } from "./decision-section";
import { DossierSection } from "./dossier-section";
import { RoadmapSection } from "./roadmap-section";

/** What most communes are recognised under; other units start on the first published set. */
const DEFAULT_SET = "ntm-xa-2021-2025";

/** /don-vi/:code/cong-nhan — a commune's (or village's) recognition lifecycle under a set. */
export default function RecognitionPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { code = "" } = useParams();
  const unit = useQuery(trpc.unit.byCode.queryOptions({ code }));
  const sets = useQuery(trpc.criteriaSet.list.queryOptions());
  const programmes = (sets.data ?? [])
    .filter((row) => row.status === "published")
    .filter((row, index, all) => all.findIndex((o) => o.setId === row.setId) === index);
  const [chosen, setChosen] = useState<string | null>(null);
  const setId =
    chosen ??
    programmes.find((p) => p.setId === DEFAULT_SET)?.setId ??
    programmes[0]?.setId ??
    null;
  const lifecycle = useQuery({
    ...trpc.recognition.lifecycle.queryOptions({ unitCode: code, setId: setId ?? "" }),
    enabled: setId !== null,
  });
  const data = lifecycle.data;
  const name = unit.data?.name ?? code;

  return (
    <>
      <h1>{t("recognition.heading", { unit: name })}</h1>
      <p className="muted">{t("recognition.intro")}</p>
      <div className="field">
        <label htmlFor="recognition-set">{t("recognition.set")}</label>
        <select
          id="recognition-set"
          value={setId ?? ""}
          onChange={(event) => setChosen(event.target.value)}
        >
          {programmes.map((p) => (
            <option key={p.setId} value={p.setId}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <QueryState
        isPending={unit.isPending || sets.isPending || (setId !== null && lifecycle.isPending)}
        error={unit.error ?? sets.error ?? lifecycle.error}
        onRetry={() => {
          void unit.refetch();
          void sets.refetch();
          void lifecycle.refetch();
        }}
      />
      {data && setId ? (
        <>
          <section aria-labelledby="recognition-stage" className="card">
            <h2 id="recognition-stage">{t("recognition.stage")}</h2>
            <p data-testid="recognition-stage">
              <strong>{t(`recognition.stages.${data.stage}`)}</strong>
            </p>
            <p>
              {t("recognition.standing")}:{" "}
              {data.standing
                ? t("recognition.standingText", {
                    period: data.standing.period,
                    criteria: `${formatNumber(data.standing.criteriaMet)}/${formatNumber(data.standing.criteriaTotal)}`,
                    indicators: `${formatNumber(data.standing.indicatorsMet)}/${formatNumber(data.standing.indicatorsTotal)}`,
                  })
                : t("recognition.noStanding")}
            </p>
            {data.atRisk ? (
              <div className="notice notice-error" role="status" data-testid="recognition-at-risk">
                <strong>{t("recognition.atRisk")}</strong>{" "}
                {t("recognition.slipped", {
                  codes: data.atRisk.slipped.map((s) => s.code).join(", "),
                })}
                {data.atRisk.revocation ? <p>{data.atRisk.revocation.text}</p> : null}
              </div>
            ) : null}
            {!data.may.keepDossier ? <p className="muted">{t("recognition.readOnly")}</p> : null}
          </section>
          <RoadmapSection unitCode={code} setId={setId} data={data} />
          <DossierSection unitCode={code} setId={setId} data={data} />
          <AppraisalSection unitCode={code} setId={setId} data={data} />
          <DecisionSection unitCode={code} setId={setId} data={data} />
          <section aria-labelledby="recognition-timeline">
            <h2 id="recognition-timeline">{t("recognition.timeline.heading")}</h2>
            {data.timeline.length === 0 ? <p>{t("recognition.timeline.none")}</p> : null}
            <ol className="timeline" aria-label={t("recognition.timeline.heading")}>
              {data.timeline.map((event, index) => (
                <li key={`${event.date}-${event.kind}-${index}`} data-kind={event.kind}>
                  <time dateTime={event.date}>{formatDate(event.date)}</time> — {event.text}
                  {event.illustrative ? (
                    <span className="muted"> ({t("recognition.illustrative")})</span>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </>
  );
}
