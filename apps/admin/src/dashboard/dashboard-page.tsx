import { can, formatDate } from "@datchuan/domain";
import { QueryState, useSession } from "@datchuan/ui";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { DashboardControls } from "./controls";
import { DashboardBody } from "./dashboard-body";
import { writeParams } from "./params";
import { useResolvedParams } from "./resolve";
import { useScopeName } from "./scope-name";
import "./dashboard.css";

/** The review dashboard: the table the seeds' meetings read out, for a unit on a date. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { tree, sets, units, unit, setOptions, resolved, apply } = useResolvedParams();
  const { viewer } = useSession();
  const scopeName = useScopeName(resolved, unit);

  return (
    <>
      <h1>{t("dashboard.heading")}</h1>
      <p className="muted">{t("dashboard.intro")}</p>
      <QueryState
        isPending={tree.isPending || sets.isPending}
        error={tree.error ?? sets.error}
        onRetry={() => {
          void tree.refetch();
          void sets.refetch();
        }}
      />
      {units && units.length === 0 ? <p className="notice">{t("dashboard.noUnit")}</p> : null}
      {resolved && units && setOptions && unit ? (
        <>
          <DashboardControls
            key={writeParams(resolved).toString()}
            params={resolved}
            units={units}
            sets={setOptions}
            onApply={apply}
            mayReadDrafts={Boolean(
              viewer &&
                can(viewer.roles, "value.read_draft", {
                  unitPath: unit.path,
                  unitLevel: unit.level,
                }),
            )}
          />
          <p className="dashboard-scope">
            <strong>
              {t("dashboard.scopeLine", {
                unit: scopeName,
                set: setOptions.find((s) => s.setId === resolved.setId)?.title ?? resolved.setId,
                date: formatDate(resolved.asOf),
              })}
            </strong>{" "}
            {resolved.working ? <span className="muted">{t("dashboard.workingShown")}</span> : null}{" "}
            <Link to={`/trinh-chieu?${writeParams(resolved).toString()}`}>
              {t("dashboard.present")}
            </Link>
          </p>
          <DashboardBody params={resolved} unitName={scopeName} />
        </>
      ) : null}
    </>
  );
}
