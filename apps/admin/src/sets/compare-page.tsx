import { type CriteriaSetInput, diffCriteriaSets } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ChangesTable } from "./changes";

/** `/bo-tieu-chi/so-sanh?a=…&b=…`: two versions side by side, what B adds, removes, changes. */
export default function ComparePage() {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const list = useQuery(trpc.criteriaSet.list.queryOptions());
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  const left = useQuery({ ...trpc.criteriaSet.get.queryOptions({ id: a }), enabled: Boolean(a) });
  const right = useQuery({ ...trpc.criteriaSet.get.queryOptions({ id: b }), enabled: Boolean(b) });
  const choose = (key: "a" | "b", value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  const options = (list.data ?? []).map((r) => (
    <option key={r.id} value={r.id}>
      {r.title} — {r.version}
      {r.status === "draft" ? ` (${t("draft")})` : ""}
    </option>
  ));
  return (
    <>
      <p>
        <Link to="/bo-tieu-chi">{t("back")}</Link>
      </p>
      <h1>{t("compareHeading")}</h1>
      <QueryState
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
      <div className="grid">
        <div className="field">
          <label htmlFor={`${id}-a`}>{t("compareA")}</label>
          <select id={`${id}-a`} value={a} onChange={(e) => choose("a", e.target.value)}>
            <option value="">—</option>
            {options}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>{t("compareB")}</label>
          <select id={`${id}-b`} value={b} onChange={(e) => choose("b", e.target.value)}>
            <option value="">—</option>
            {options}
          </select>
        </div>
      </div>
      {left.data && right.data ? (
        <ChangesTable
          label={t("compareHeading")}
          changes={diffCriteriaSets(
            left.data.definition as CriteriaSetInput,
            right.data.definition as CriteriaSetInput,
          )}
        />
      ) : null}
    </>
  );
}
