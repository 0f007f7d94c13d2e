import type { RouterOutputs } from "@datchuan/api";
import { formatDate, formatUnitName } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { indented, type PlacedUnit } from "./succession-units";

type Link_ = RouterOutputs["unit"]["lineage"][number];

/**
 * A unit's lineage over time: the units it was formed from (merged, split) and the ones it went
 * on to, each a link to its own lineage. The unit is in the address (?xem=…), so a unit that no
 * longer exists can still be opened from its successor.
 */
export function UnitLineage({ units }: { units: PlacedUnit[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [search, setSearch] = useSearchParams();
  const code = search.get("xem") ?? "";
  const enabled = Boolean(code);
  const unit = useQuery({ ...trpc.unit.byCode.queryOptions({ code: code || "X" }), enabled });
  const before = useQuery({ ...trpc.unit.lineage.queryOptions({ code: code || "X" }), enabled });
  const after = useQuery({ ...trpc.unit.successors.queryOptions({ code: code || "X" }), enabled });
  const label = unit.data ? formatUnitName(unit.data) : code;
  const error = unit.error ?? before.error ?? after.error;

  return (
    <section aria-labelledby="lineage-heading" className="card" id="nguon-goc">
      <h2 id="lineage-heading">{t("units.lineage.heading")}</h2>
      <p className="muted">{t("units.lineage.intro")}</p>
      <div className="field">
        <label htmlFor="lineage-unit">{t("units.unit")}</label>
        <select
          id="lineage-unit"
          value={code}
          onChange={(event) => {
            const next = new URLSearchParams(search);
            if (event.target.value) next.set("xem", event.target.value);
            else next.delete("xem");
            setSearch(next);
          }}
        >
          <option value="">{t("units.chooseUnit")}</option>
          {code && !units.some((u) => u.code === code) ? (
            <option value={code}>{t("units.lineage.ended", { unit: label })}</option>
          ) : null}
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {indented(u)}
            </option>
          ))}
        </select>
      </div>
      {enabled ? (
        <>
          <QueryState
            isPending={unit.isPending || before.isPending || after.isPending}
            error={error}
            onRetry={() => {
              void unit.refetch();
              void before.refetch();
              void after.refetch();
            }}
          />
          {before.data && after.data && before.data.length === 0 && after.data.length === 0 ? (
            <p>{t("units.lineage.none", { unit: label })}</p>
          ) : null}
          {before.data?.length ? (
            <LineageTable
              caption={t("units.lineage.formedFrom", { unit: label })}
              rows={before.data}
            />
          ) : null}
          {after.data?.length ? (
            <LineageTable caption={t("units.lineage.wentTo", { unit: label })} rows={after.data} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function LineageTable({ caption, rows }: { caption: string; rows: Link_[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("units.unit")}</th>
            <th scope="col">{t("units.lineage.kind")}</th>
            <th scope="col">{t("units.lineage.date")}</th>
            <th scope="col">{t("units.lineage.decision")}</th>
            <th scope="col">{t("units.lineage.depth")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.code}:${row.depth}`}>
              <th scope="row">
                <Link to={`?xem=${encodeURIComponent(row.code)}`}>{row.name}</Link>{" "}
                <span className="muted">· {row.code}</span>
              </th>
              <td>{t(`units.lineage.kinds.${row.kind}`)}</td>
              <td>{formatDate(row.effectiveDate)}</td>
              <td>{row.decision ?? "—"}</td>
              <td>
                {row.depth === 1
                  ? t("units.lineage.direct")
                  : t("units.lineage.through", { count: row.depth - 1 })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
