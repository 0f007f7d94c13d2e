import type { PortalOverview } from "@datchuan/api";
import { formatDate, formatPercent, formatUnitName } from "@datchuan/domain";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Downloads, formatPeriod, IllustrativeNotice, LevelBadge, TableWrap } from "./common";

// recharts is large: it loads after the page's text, never in the first chunk.
const ProgressChart = lazy(() => import("./progress-chart"));

/** A province's or district's overview: levels, progress over years, failing criteria, communes. */
export function Overview({ data, headingLevel }: { data: PortalOverview; headingLevel: 1 | 2 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const Sub = headingLevel === 1 ? "h2" : "h3";
  const name = formatUnitName(data.unit);
  return (
    <section aria-labelledby={`overview-${data.unit.code}`}>
      <Heading id={`overview-${data.unit.code}`}>{name}</Heading>
      <p className="muted">
        {t("portal.asOf", { date: formatDate(data.asOf) })} ·{" "}
        {t("portal.communesTotal", { count: data.communes })}
      </p>
      <IllustrativeNotice show={data.illustrative} />

      <div className="card">
        <Sub>{t("portal.levelsHeading")}</Sub>
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("portal.levelColumn")}</th>
                <th scope="col" className="num">
                  {t("portal.countColumn")}
                </th>
                <th scope="col" className="num">
                  {t("portal.shareColumn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.levels.map((row) => (
                <tr key={row.level}>
                  <th scope="row">
                    <LevelBadge level={row.level} />
                  </th>
                  <td className="num">{row.count}</td>
                  <td className="num">{formatPercent(row.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>

      <div className="card">
        <Sub>{t("portal.progressHeading")}</Sub>
        <p className="muted">{t("portal.progressCaption")}</p>
        <div className="portal-chart">
          <Suspense fallback={<p className="muted">{t("portal.chartLoading")}</p>}>
            <ProgressChart progress={data.progress} />
          </Suspense>
        </div>
        <details>
          <summary>{t("portal.progressTable")}</summary>
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("portal.yearColumn")}</th>
                  {data.levels.map((l) => (
                    <th scope="col" key={l.level} className="num">
                      {t(`portal.levels.${l.level}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.progress.map((year) => (
                  <tr key={year.year}>
                    <th scope="row">{year.year}</th>
                    {year.levels.map((l) => (
                      <td key={l.level} className="num">
                        {l.count}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </details>
      </div>

      <div className="card">
        <Sub>{t("portal.failingHeading")}</Sub>
        {data.failingCriteria.length === 0 ? (
          <p>{t("portal.failingNone")}</p>
        ) : (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("portal.criterionColumn")}</th>
                  <th scope="col" className="num">
                    {t("portal.failingCountColumn")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...data.failingCriteria]
                  .sort((a, b) => b.count - a.count || a.number - b.number)
                  .map((row) => (
                    <tr key={row.number}>
                      <th scope="row">
                        <Link
                          to={`/tieu-chi/${data.setId}/${row.number}?pham-vi=${data.unit.code}`}
                        >
                          {row.number}. {row.name}
                        </Link>
                      </th>
                      <td className="num">{row.count}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        <Downloads
          code={data.unit.code}
          table="failing-criteria"
          label={t("portal.tableFailing")}
          date={data.asOf}
        />
      </div>

      <div className="card">
        <Sub>{t("portal.communesHeading")}</Sub>
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("portal.communeColumn")}</th>
                <th scope="col">{t("portal.levelColumn")}</th>
                <th scope="col">{t("portal.periodColumn")}</th>
                <th scope="col" className="num">
                  {t("portal.criteriaColumn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.units.map((unit) => (
                <tr key={unit.code}>
                  <th scope="row">
                    <Link to={`/xa/${unit.code}`}>{unit.name}</Link>
                  </th>
                  <td>
                    <LevelBadge level={unit.level} />
                  </td>
                  <td>{unit.period ? formatPeriod(unit.period) : "—"}</td>
                  <td className="num">
                    {unit.criteriaMet === null ? "—" : `${unit.criteriaMet}/${unit.criteriaTotal}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <Downloads
          code={data.unit.code}
          table="standing"
          label={t("portal.tableStanding")}
          date={data.asOf}
        />
      </div>
    </section>
  );
}
