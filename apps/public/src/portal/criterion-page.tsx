import type { PortalCriterion } from "@datchuan/api";
import { formatDate, formatUnitName } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useCriterion } from "./api";
import { formatPeriod, Loaded, StatusText, TableWrap } from "./common";

/** /tieu-chi/{setId}/{number}?pham-vi={province or district}: who meets a criterion, who doesn't. */
export default function CriterionPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const setId = params.setId ?? "";
  const number = Number(params.number);
  const scope = search.get("pham-vi") ?? "THANH-HOA";
  const query = useCriterion(setId, Number.isInteger(number) ? number : 0, scope);
  return (
    <Loaded query={query} code={`${setId}/${params.number ?? ""}`}>
      {(data) => <Criterion data={data} />}
    </Loaded>
  );
}

function Criterion({ data }: { data: PortalCriterion }) {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label="breadcrumb" className="portal-breadcrumb">
        <Link to="/">{t("portal.backHome")}</Link>
        {" · "}
        <Link to={`/don-vi/${data.scope.code}`}>{formatUnitName(data.scope)}</Link>
      </nav>
      <h1>{t("portal.criterionHeading", { number: data.number, name: data.name })}</h1>
      <p className="muted">
        {t("portal.criterionIntro", { set: data.setTitle, scope: formatUnitName(data.scope) })}{" "}
        {t("portal.asOf", { date: formatDate(data.asOf) })}
      </p>
      <details className="card">
        <summary>{t("portal.indicatorsOfCriterion")}</summary>
        <ul>
          {data.indicators.map((i) => (
            <li key={i.code}>
              <span className="portal-code">{i.code}</span> {i.name}
            </li>
          ))}
        </ul>
      </details>
      <UnitList
        id="not-meeting"
        heading={t("portal.notMeetingHeading", { count: data.notMeeting.length })}
        rows={data.notMeeting}
      />
      <UnitList
        id="meeting"
        heading={t("portal.meetingHeading", { count: data.meeting.length })}
        rows={data.meeting}
      />
    </>
  );
}

function UnitList({
  id,
  heading,
  rows,
}: {
  id: string;
  heading: string;
  rows: PortalCriterion["meeting"];
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{t("portal.noneInList")}</p>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("portal.communeColumn")}</th>
                <th scope="col">{t("portal.statusColumn")}</th>
                <th scope="col">{t("portal.periodColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code}>
                  <th scope="row">
                    <Link to={`/xa/${row.code}`}>{row.name}</Link>
                  </th>
                  <td>
                    <StatusText status={row.status} />
                  </td>
                  <td>{formatPeriod(row.period)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
