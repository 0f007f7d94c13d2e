import { formatUnitName } from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EntryLinks } from "../entry/entry-links";
import { CommuneHome } from "../home/commune-home";

/** A commune: its name, the district it belongs to and its villages. */
export function CommunePage() {
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
  // A village officer enters their village's figures, not the commune's: no way in to offer.
  const { viewer } = useSession();
  const mayEnter = viewer?.roles.some((r) => r.role !== "village_officer") ?? false;

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
            <p className="muted">
              {t("belongsTo")} {formatUnitName(parent.data)}
            </p>
          ) : null}
          {mayEnter ? <EntryLinks base={`/xa/${commune.data.code}`} /> : null}
          <CommuneHome code={code} />
          <section className="card">
            <h2>{t("villagesHeading")}</h2>
            {villages.data ? (
              <>
                <p className="muted">{t("villageCount", { count: villages.data.length })}</p>
                <ul className="list-plain">
                  {villages.data.map((village) => (
                    <li key={village.code}>
                      <Link to={`/thon/${village.code}`}>{formatUnitName(village)}</Link>
                    </li>
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
