import "../operations.css";
import { scopeUnitCode } from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { scopeOptions } from "../users/scope-options";
import { RegistrationsSection } from "./registrations";
import { TargetsSection } from "./targets";

/** /dang-ky — registrations to reach the standard and the yearly targets of a managed unit. */
export default function PlanningPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { viewer } = useSession();
  const tree = useQuery(trpc.unit.tree.queryOptions());
  const sets = useQuery(trpc.criteriaSet.list.queryOptions());
  const roles = viewer?.roles ?? [];
  const managed = roles
    .filter((r) => r.role === "admin" && r.scopePath)
    .map((r) => scopeUnitCode(r.scopePath!)!);
  const systemAdmin = roles.some((r) => r.role === "system_admin");
  const scopeChoices = [...managed, ...(systemAdmin ? (tree.data ?? []).map((n) => n.code) : [])];
  const [chosen, setChosen] = useState<string | null>(null);
  const scope = chosen ?? scopeChoices[0] ?? null;
  const units = tree.data
    ? scopeOptions(tree.data, roles).filter(
        (option) => option.code === scope || option.code.startsWith(`${scope}.`),
      )
    : [];
  const programmes = (sets.data ?? [])
    .filter((row) => row.status === "published")
    .filter((row, index, all) => all.findIndex((o) => o.setId === row.setId) === index)
    .map((row) => ({ setId: row.setId, title: row.title }));

  return (
    <>
      <h1>{t("planning.heading")}</h1>
      <p className="muted">{t("planning.intro")}</p>
      <p className="notice">{t("planning.illustrative")}</p>
      {scopeChoices.length > 1 ? (
        <div className="field">
          <label htmlFor="planning-scope">{t("planning.scope")}</label>
          <select
            id="planning-scope"
            value={scope ?? ""}
            onChange={(event) => setChosen(event.target.value)}
          >
            {scopeChoices.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <QueryState
        isPending={tree.isPending || sets.isPending}
        error={tree.error ?? sets.error}
        onRetry={() => {
          void tree.refetch();
          void sets.refetch();
        }}
      />
      {scope && tree.data && sets.data ? (
        <>
          <RegistrationsSection
            key={`r-${scope}`}
            scopeCode={scope}
            units={units}
            sets={programmes}
          />
          <TargetsSection
            key={`t-${scope}`}
            unitCode={scope}
            defaultYear={new Date().getFullYear()}
          />
        </>
      ) : null}
    </>
  );
}
