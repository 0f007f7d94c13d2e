import type { PortalScorecard } from "@datchuan/api";
import { formatDate, formatNumber, formatUnitName } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { dataUrl, useScorecard } from "./api";
import {
  Downloads,
  formatPeriod,
  IllustrativeNotice,
  LevelBadge,
  Loaded,
  StatusText,
  TableWrap,
} from "./common";
import { Lifecycle } from "./lifecycle";

type SetCard = PortalScorecard["sets"][number];
type Indicator = SetCard["criteria"][number]["indicators"][number];

/** A commune's page at /xa/{code}: a stable, shareable address. */
export default function CommunePage() {
  const code = useParams().code ?? "";
  const query = useScorecard(code);
  return (
    <Loaded query={query} code={code}>
      {(data) => <Scorecard data={data} />}
    </Loaded>
  );
}

function Scorecard({ data }: { data: PortalScorecard }) {
  const { t } = useTranslation();
  const [main, ...others] = data.sets;
  const scope = data.parent?.code ?? "";
  return (
    <>
      <nav aria-label="breadcrumb" className="portal-breadcrumb">
        <Link to="/">{t("portal.backHome")}</Link>
        {data.parent ? (
          <>
            {" · "}
            <Link to={`/don-vi/${data.parent.code}`}>{formatUnitName(data.parent)}</Link>
          </>
        ) : null}
      </nav>
      <h1>{formatUnitName(data.unit)}</h1>
      <p className="muted">
        {t("portal.communeIntro")} {t("portal.asOf", { date: formatDate(data.asOf) })}
      </p>
      <IllustrativeNotice show={data.illustrative} />
      <dl className="portal-facts card">
        <div>
          <dt>{t("portal.recognition")}</dt>
          <dd>
            <LevelBadge level={data.level} />
          </dd>
        </div>
        {data.sets.map((set) => (
          <div key={set.setId}>
            <dt>{set.title}</dt>
            <dd>
              {set.recognisedIn
                ? t("portal.recognisedIn", { period: formatPeriod(set.recognisedIn) })
                : t("portal.notRecognised")}
              {" · "}
              {t("portal.target")}: {set.targetYear ?? t("portal.targetNone")}
            </dd>
          </div>
        ))}
      </dl>
      {data.sets.map((set) => (
        <Lifecycle key={`lifecycle-${set.setId}`} set={set} />
      ))}

      {main ? (
        <SetScorecard set={main} code={data.unit.code} scope={scope} asOf={data.asOf} open />
      ) : (
        <p>{t("portal.noVerdict")}</p>
      )}
      {others.map((set) => (
        <SetScorecard
          key={set.setId}
          set={set}
          code={data.unit.code}
          scope={scope}
          asOf={data.asOf}
        />
      ))}

      <History data={data} />
    </>
  );
}

function SetScorecard({
  set,
  code,
  scope,
  asOf,
  open = false,
}: {
  set: SetCard;
  code: string;
  scope: string;
  asOf: string;
  open?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `set-${set.setId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{set.title}</h2>
      {set.period ? (
        <p>
          <StatusText status={set.status ?? "undetermined"} /> — {set.summary} ·{" "}
          {t("portal.periodColumn")} {formatPeriod(set.period)} · {t("portal.setVersion")}{" "}
          {set.setVersion}
        </p>
      ) : (
        <p>{t("portal.noVerdict")}</p>
      )}
      {set.criteria.length > 0 ? (
        <ul className="portal-tiles list-plain">
          {set.criteria.map((criterion) => (
            <li key={criterion.number} className={`portal-tile portal-tile-${criterion.status}`}>
              <h3>
                {criterion.number}. {criterion.name}
              </h3>
              <p>
                <StatusText status={criterion.status} /> ·{" "}
                {t("portal.indicatorsMet", {
                  met: criterion.indicatorsMet,
                  total: criterion.indicatorsApplicable,
                })}
              </p>
              <details open={open && criterion.status !== "met"}>
                <summary>{t("portal.indicatorsOfCriterion")}</summary>
                <IndicatorList indicators={criterion.indicators} />
              </details>
              <p>
                <Link to={`/tieu-chi/${set.setId}/${criterion.number}?pham-vi=${scope}`}>
                  {t("portal.criterionLink")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {set.setId === "ntm-xa-2021-2025" ? (
        <Downloads
          csv={dataUrl.table(code, "standing", "csv", asOf)}
          json={dataUrl.table(code, "standing", "json", asOf)}
          label={t("portal.tableScorecard")}
        />
      ) : null}
    </section>
  );
}

/** Each indicator as a short block, readable at 360 px: value, threshold, its source, result. */
function IndicatorList({ indicators }: { indicators: Indicator[] }) {
  const { t } = useTranslation();
  const show = (value: Indicator["value"], unit: string | null) => {
    if (value === null) return "—";
    if (typeof value === "boolean") return value ? t("portal.yes") : t("portal.no");
    if (typeof value === "number") return `${formatNumber(value)}${unit ? ` ${unit}` : ""}`;
    return value;
  };
  return (
    <ul className="list-plain portal-indicators">
      {indicators.map((indicator) => (
        <li key={indicator.code}>
          <p className="portal-indicator-name">
            <span className="portal-code">{indicator.code}</span> {indicator.name}
          </p>
          <dl className="portal-indicator-facts">
            <div>
              <dt>{t("portal.valueColumn")}</dt>
              <dd>{show(indicator.value, indicator.unitOfMeasure)}</dd>
            </div>
            <div>
              <dt>{t("portal.thresholdColumn")}</dt>
              <dd>
                {indicator.comparator && indicator.threshold !== null
                  ? t(`portal.comparators.${indicator.comparator}`, {
                      value: show(indicator.threshold, indicator.unitOfMeasure),
                    })
                  : "—"}
              </dd>
            </div>
            <div>
              <dt>{t("portal.statusColumn")}</dt>
              <dd>
                <StatusText status={indicator.status} />
              </dd>
            </div>
          </dl>
          {indicator.source ? (
            <p className="portal-source">
              {t("portal.sourceColumn")}: {indicator.source} —{" "}
              {indicator.verified ? t("portal.verified") : t("portal.unverified")}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function History({ data }: { data: PortalScorecard }) {
  const { t } = useTranslation();
  const mergedOn = data.predecessors[0]?.effectiveDate;
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t("portal.historyHeading")}</h2>
      {data.predecessors.length > 0 && mergedOn ? (
        <>
          <h3>{t("portal.predecessorsHeading")}</h3>
          <p>{t("portal.predecessorsIntro", { date: formatDate(mergedOn) })}</p>
          <ul>
            {data.predecessors.map((p) => (
              <li key={p.code}>
                <Link to={`/xa/${p.code}`}>{p.name}</Link> ({t(`portal.${p.kind}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.history.length === 0 ? (
        <p>{t("portal.historyNone")}</p>
      ) : (
        <TableWrap>
          <table>
            <caption className="muted">{t("portal.historyIntro")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("portal.periodColumn")}</th>
                <th scope="col">{t("portal.unitColumn")}</th>
                <th scope="col">{t("portal.resultColumn")}</th>
                <th scope="col" className="num">
                  {t("portal.criteriaColumn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.history.map((row) => (
                <tr key={`${row.code}-${row.period}-${row.setVersion}`}>
                  <th scope="row">{formatPeriod(row.period)}</th>
                  <td>{row.name}</td>
                  <td>
                    <StatusText status={row.status} />
                  </td>
                  <td className="num">
                    {row.criteriaMet}/{row.criteriaTotal}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Downloads
        csv={dataUrl.table(data.unit.code, "history", "csv", data.asOf)}
        json={dataUrl.table(data.unit.code, "history", "json", data.asOf)}
        label={t("portal.tableHistory")}
      />
    </section>
  );
}
