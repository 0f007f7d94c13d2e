import { formatUnitName } from "@datchuan/domain";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSearch } from "./api";

/** Where a search result opens: a commune's scorecard, a district's or province's overview. */
export function unitPath(unit: { code: string; level: string }): string {
  return unit.level === "commune" ? `/xa/${unit.code}` : `/don-vi/${unit.code}`;
}

/** Finds units by name ignoring tone marks; the server sorts in Vietnamese order. */
export function SearchBox() {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim());
  const search = useSearch(deferred);
  return (
    <section className="card" aria-labelledby="search-heading">
      <h2 id="search-heading">{t("portal.searchHeading")}</h2>
      <search>
        <form className="field" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor="unit-search">{t("portal.searchLabel")}</label>
          <input
            id="unit-search"
            type="search"
            value={query}
            maxLength={100}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
          />
        </form>
      </search>
      <div aria-live="polite">
        {deferred && search.data && search.data.query === deferred ? (
          search.data.results.length === 0 ? (
            <p>{t("portal.searchNone", { query: deferred })}</p>
          ) : (
            <>
              <p className="muted">
                {t("portal.searchResults", { count: search.data.results.length })}
              </p>
              <ul className="list-plain">
                {search.data.results.map((unit) => (
                  <li key={unit.code}>
                    <Link to={unitPath(unit)}>{formatUnitName(unit)}</Link>
                  </li>
                ))}
              </ul>
            </>
          )
        ) : null}
      </div>
    </section>
  );
}
