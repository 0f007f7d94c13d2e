import {
  criteriaGroupSentence,
  criteriaMetSentence,
  failingCriterionSentence,
  failingIndicatorSentence,
  formatDate,
  formatNumber,
  formatPercent,
  groupByCriteriaMet,
} from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { writeParams } from "../dashboard/params";
import { useResolvedParams } from "../dashboard/resolve";
import { reviewScope, useScopeName } from "../dashboard/scope-name";
import { isIllustrative, type Standing, unitNamer } from "../dashboard/tables";
import "../dashboard/dashboard.css";
import "./presentation.css";

// recharts loads in its own chunk, as on the dashboard.
const FailingChart = lazy(() =>
  import("../dashboard/charts").then((m) => ({ default: m.FailingChart })),
);

interface Slide {
  key: string;
  title: string;
  body: ReactNode;
}

/** At most this many lines a slide: a projector's room reads no further. */
const LINES = 10;

function Lines({ items }: { items: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="slide-lines">
      {items.slice(0, LINES).map((item) => (
        <li key={item}>{item}</li>
      ))}
      {items.length > LINES ? (
        <li className="muted">{t("presentation.more", { count: items.length - LINES })}</li>
      ) : null}
    </ul>
  );
}

function slidesOf(t: (key: string, o?: Record<string, unknown>) => string, s: Standing): Slide[] {
  const nameOf = unitNamer(s);
  const rollup = s.rollups[0];
  if (!rollup)
    return [
      { key: "none", title: t("dashboard.summaryTitle"), body: <p>{t("dashboard.noData")}</p> },
    ];
  const slides: Slide[] = [
    {
      key: "summary",
      title: t("dashboard.summaryTitle"),
      body: (
        <dl className="slide-stats">
          <div>
            <dt>{t("dashboard.reported")}</dt>
            <dd>{formatNumber(rollup.units)}</dd>
          </div>
          <div>
            <dt>{t("dashboard.meeting")}</dt>
            <dd>
              {formatNumber(rollup.unitsMeetingStandard)} (
              {formatPercent(rollup.shareMeetingStandard)})
            </dd>
          </div>
          <div>
            <dt>{t("dashboard.col.criteriaMetTotal")}</dt>
            <dd>{criteriaMetSentence(rollup.criteriaMetTotal, rollup.criteriaMetAverage)}</dd>
          </div>
        </dl>
      ),
    },
    {
      key: "groups",
      title: t("dashboard.groupsTitle"),
      body: (
        <Lines
          items={groupByCriteriaMet(rollup.byScore).map((g) => criteriaGroupSentence(g, nameOf))}
        />
      ),
    },
    {
      key: "criteria",
      title: t("dashboard.failingCriteriaTitle"),
      body: (
        <Lines items={rollup.failingByCriterion.map((c) => failingCriterionSentence(c, nameOf))} />
      ),
    },
    {
      // The same count as a picture: a room sees the long bars before it reads the numbers.
      key: "criteria-chart",
      title: t("dashboard.chartFailing"),
      body: (
        <Suspense fallback={<p className="muted">{t("dashboard.chartsLoading")}</p>}>
          <FailingChart rollup={rollup} label={t("dashboard.chartFailing")} />
        </Suspense>
      ),
    },
    {
      key: "indicators",
      title: t("dashboard.failingIndicatorsTitle"),
      body: (
        <Lines
          items={[...rollup.failingByIndicator]
            .sort((a, b) => b.count - a.count)
            .map((i) => failingIndicatorSentence(i, nameOf))}
        />
      ),
    },
    {
      key: "ranking",
      title: t("dashboard.rankingTitle"),
      body: (
        <ol className="slide-lines">
          {rollup.ranking.slice(0, LINES).map((r) => (
            <li key={r.unit}>
              {nameOf(r.unit)}: {r.criteriaMet}/{r.criteriaTotal} ·{" "}
              {t("dashboard.col.criteriaToGo")} {r.criteriaToGo}
            </li>
          ))}
        </ol>
      ),
    },
    {
      key: "revocation",
      title: t("dashboard.revocationTitle"),
      body: (
        <>
          <p>
            {t("dashboard.revocationSummary", {
              recognised: formatNumber(s.revocation.recognised),
              inZone: formatNumber(s.revocation.inZone.length),
              district: t(`dashboard.districtStatus.${s.revocation.district.status}`),
            })}
          </p>
          <Lines items={s.revocation.inZone.map((z) => `${z.name}: ${z.assessment.text}`)} />
        </>
      ),
    },
  ];
  return slides;
}

/**
 * The dashboard for a projector: the same review in large type, one section per screen;
 * the arrow keys (and the buttons) move between sections.
 */
export default function PresentationPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { resolved, unit, setOptions, tree, sets } = useResolvedParams();
  const scopeName = useScopeName(resolved, unit);
  const standing = useQuery({
    ...trpc.review.standing.queryOptions({
      ...reviewScope({
        unitCode: resolved?.unitCode ?? "",
        clusterId: resolved?.clusterId ?? null,
      }),
      setId: resolved?.setId ?? "",
      asOf: resolved?.asOf ?? "",
      working: resolved?.working ?? false,
    }),
    enabled: Boolean(resolved),
  });
  const [index, setIndex] = useState(0);
  const slides = standing.data ? slidesOf(t, standing.data) : [];
  const count = slides.length;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
        return;
      if (event.key === "ArrowRight" || event.key === "PageDown")
        setIndex((i) => Math.min(count - 1, i + 1));
      else if (event.key === "ArrowLeft" || event.key === "PageUp")
        setIndex((i) => Math.max(0, i - 1));
      else if (event.key === "Home") setIndex(0);
      else if (event.key === "End") setIndex(Math.max(0, count - 1));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [count]);

  const slide = slides[Math.min(index, Math.max(0, count - 1))];
  const setTitle = setOptions?.find((s) => s.setId === resolved?.setId)?.title;

  return (
    <div className="presentation">
      <div className="presentation-bar">
        <h1 className="presentation-title">
          {scopeName || t("presentation.heading")}
          {resolved ? ` · ${formatDate(resolved.asOf)}` : ""}
        </h1>
        {resolved ? (
          <Link to={`/?${writeParams(resolved).toString()}`}>{t("presentation.back")}</Link>
        ) : null}
      </div>
      {setTitle ? <p className="muted">{setTitle}</p> : null}
      <QueryState
        isPending={tree.isPending || sets.isPending || standing.isPending}
        error={tree.error ?? sets.error ?? standing.error}
        onRetry={() => void standing.refetch()}
      />
      {standing.data && isIllustrative(standing.data) ? (
        <p className="notice notice-illustrative" role="note">
          {t("dashboard.illustrative")}
        </p>
      ) : null}
      {slide ? (
        <section className="slide" aria-labelledby="slide-title" aria-live="polite">
          <h2 id="slide-title" ref={heading}>
            {slide.title}
          </h2>
          {slide.body}
        </section>
      ) : null}
      {count > 0 ? (
        <nav className="slide-nav" aria-label={t("presentation.heading")}>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setIndex((i) => Math.max(0, i - 1))}
            disabled={index === 0}
          >
            ← {t("presentation.previous")}
          </button>
          <span>{t("presentation.position", { current: index + 1, total: count })}</span>
          <button
            type="button"
            onClick={() => setIndex((i) => Math.min(count - 1, i + 1))}
            disabled={index >= count - 1}
          >
            {t("presentation.next")} →
          </button>
        </nav>
      ) : null}
      <p className="muted">{t("presentation.keys")}</p>
    </div>
  );
}
