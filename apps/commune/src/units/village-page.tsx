import { formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EntryLinks } from "../entry/entry-links";

/** A village (thôn, bản): its name and the commune it belongs to. */
export function VillagePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const code = useParams().code ?? "";
  const village = useQuery(trpc.unit.byCode.queryOptions({ code }));
  const communeCode = village.data?.parentCode;
  const commune = useQuery({
    ...trpc.unit.byCode.queryOptions({ code: communeCode ?? "" }),
    enabled: Boolean(communeCode),
  });

  return (
    <>
      <QueryState
        isPending={village.isPending}
        error={village.error}
        onRetry={() => void village.refetch()}
      />
      {village.data ? (
        <>
          <h1>{formatUnitName(village.data)}</h1>
          {commune.data ? (
            <p className="muted">
              {t("belongsTo")}{" "}
              <Link to={`/xa/${commune.data.code}`}>{formatUnitName(commune.data)}</Link>
            </p>
          ) : null}
          <EntryLinks base={`/thon/${village.data.code}`} />
        </>
      ) : null}
    </>
  );
}
