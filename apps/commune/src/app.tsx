import { formatUnitName, matchesSearch } from "@datchuan/domain";
import { AppShell, NotFoundPage, QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes, useParams } from "react-router";

const CHOSEN_COMMUNE_KEY = "datchuan.commune";

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")}>
      <Routes>
        <Route index element={<StartPage />} />
        <Route path="chon-xa" element={<CommunePicker />} />
        <Route path="xa/:code" element={<CommuneHome />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}

/** Returns to the commune chosen last time on this device, or asks for one. */
function StartPage() {
  const chosen = localStorage.getItem(CHOSEN_COMMUNE_KEY);
  return <Navigate to={chosen ? `/xa/${chosen}` : "/chon-xa"} replace />;
}

function CommunePicker() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const communes = useQuery(trpc.unit.list.queryOptions({ levels: ["commune"] }));
  const [query, setQuery] = useState("");
  const shown = communes.data?.filter((c) => !query || matchesSearch(c.name, query)) ?? [];

  return (
    <>
      <h1>{t("pickHeading")}</h1>
      <p className="muted">{t("pickIntro")}</p>
      <div className="field">
        <label htmlFor="commune-search">{t("searchLabel")}</label>
        <input
          id="commune-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
      </div>
      <QueryState
        isPending={communes.isPending}
        error={communes.error}
        onRetry={() => void communes.refetch()}
      />
      {communes.data && shown.length === 0 ? <p>{t("common:noResults")}</p> : null}
      <ul className="list-plain">
        {shown.map((commune) => (
          <li key={commune.code}>
            <Link to={`/xa/${commune.code}`}>{formatUnitName(commune)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function CommuneHome() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const code = useParams().code ?? "";
  const commune = useQuery(trpc.unit.byCode.queryOptions({ code }));
  const parentCode = commune.data?.parentCode;
  const parent = useQuery({
    ...trpc.unit.byCode.queryOptions({ code: parentCode ?? "" }),
    enabled: Boolean(parentCode),
  });
  const villages = useQuery(trpc.unit.children.queryOptions({ code }));

  useEffect(() => {
    if (commune.data?.level === "commune") localStorage.setItem(CHOSEN_COMMUNE_KEY, code);
  }, [commune.data, code]);

  return (
    <>
      <QueryState
        isPending={commune.isPending}
        error={commune.error}
        onRetry={() => void commune.refetch()}
      />
      {commune.data ? (
        <>
          <h1>{formatUnitName(commune.data)}</h1>
          {parent.data ? (
            <p className="muted">{t("districtOf", { district: formatUnitName(parent.data) })}</p>
          ) : null}
          <p>
            <Link to="/chon-xa">{t("changeCommune")}</Link>
          </p>
          <section className="card">
            <h2>{t("villagesHeading")}</h2>
            {villages.data ? (
              <>
                <p className="muted">{t("villageCount", { count: villages.data.length })}</p>
                <ul className="list-plain">
                  {villages.data.map((village) => (
                    <li key={village.code}>{formatUnitName(village)}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        </>
      ) : null}
    </>
  );
}
