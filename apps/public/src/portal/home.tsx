import { formatUnitName, formatVietnamDate } from "@datchuan/domain";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useHome, useOverview } from "./api";
import { Loaded } from "./common";
import { Overview } from "./overview";
import { SearchBox } from "./search";

/** The portal's home: search, the province's overview, its districts, review bulletins. */
export function HomePage() {
  const { t } = useTranslation();
  const home = useHome();
  const province = home.data?.provinces[0];
  const overview = useOverview(province?.code ?? null);
  return (
    <>
      <h1>{t("portal.homeHeading")}</h1>
      <p className="muted">{t("portal.homeIntro")}</p>
      <SearchBox />
      {province ? (
        <Loaded query={overview} code={province.code}>
          {(data) => <Overview data={data} headingLevel={2} />}
        </Loaded>
      ) : null}
      <Loaded query={home} code="">
        {(data) => (
          <>
            {data.provinces.map((p) =>
              p.districts.length > 0 ? (
                <section key={p.code} className="card" aria-labelledby={`districts-${p.code}`}>
                  <h2 id={`districts-${p.code}`}>
                    {t("portal.districtsHeading")} — {formatUnitName(p)}
                  </h2>
                  <ul className="list-plain grid">
                    {p.districts.map((d) => (
                      <li key={d.code}>
                        <Link to={`/don-vi/${d.code}`}>{formatUnitName(d)}</Link>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null,
            )}
            <section className="card" aria-labelledby="bulletins-heading">
              <h2 id="bulletins-heading">{t("portal.bulletinsHeading")}</h2>
              {data.bulletins.length === 0 ? (
                <p>{t("portal.bulletinsNone")}</p>
              ) : (
                <ul>
                  {data.bulletins.map((b) => (
                    <li key={b.url}>
                      <Link to={b.url}>{b.title}</Link>{" "}
                      <span className="muted">({formatVietnamDate(b.date)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </Loaded>
    </>
  );
}
