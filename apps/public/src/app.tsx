import { formatUnitName, matchesSearch, type UnitNode } from "@datchuan/domain";
import { AppShell, NotFoundPage, QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useParams } from "react-router";

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")}>
      <Routes>
        <Route index element={<DistrictsPage />} />
        <Route path="xa/:code" element={<CommunePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </AppShell>
  );
}

function districtsOf(roots: UnitNode[]): UnitNode[] {
  return roots.flatMap((root) => (root.level === "district" ? [root] : districtsOf(root.children)));
}

function DistrictsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const tree = useQuery(
    trpc.unit.tree.queryOptions({ levels: ["province", "district", "commune"] }),
  );
  const [query, setQuery] = useState("");

  return (
    <>
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
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
        isPending={tree.isPending}
        error={tree.error}
        onRetry={() => void tree.refetch()}
      />
      {tree.data
        ? districtsOf(tree.data).map((district) => {
            const communes = district.children.filter(
              (c) => !query || matchesSearch(c.name, query),
            );
            if (query && communes.length === 0) return null;
            return (
              <section key={district.code} className="card" aria-labelledby={`d-${district.code}`}>
                <h2 id={`d-${district.code}`}>{formatUnitName(district)}</h2>
                <p className="muted">{t("communeCount", { count: district.children.length })}</p>
                <ul className="list-plain grid">
                  {communes.map((commune) => (
                    <li key={commune.code}>
                      <Link to={`/xa/${commune.code}`}>{formatUnitName(commune)}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })
        : null}
    </>
  );
}

function CommunePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const code = useParams().code ?? "";
  const commune = useQuery(trpc.unit.byCode.queryOptions({ code }));
  const villages = useQuery(trpc.unit.children.queryOptions({ code }));

  return (
    <>
      <p>
        <Link to="/">{t("back")}</Link>
      </p>
      <QueryState
        isPending={commune.isPending}
        error={commune.error}
        onRetry={() => void commune.refetch()}
      />
      {commune.data ? (
        <>
          <h1>{formatUnitName(commune.data)}</h1>
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
        </>
      ) : null}
    </>
  );
}
