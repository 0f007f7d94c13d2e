import { formatUnitName, type HomeUnit, homeUnitsFor } from "@datchuan/domain";
import { useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";

export function unitPagePath(unit: HomeUnit): string {
  return unit.level === "commune" ? `/xa/${unit.code}` : `/thon/${unit.code}`;
}

/** Opens on the officer's own unit: a commune officer's commune, a village officer's village. */
export function StartPage() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const homes = viewer ? homeUnitsFor(viewer.roles) : [];
  if (homes.length === 1 && homes[0]) return <Navigate to={unitPagePath(homes[0])} replace />;
  // Someone responsible for several units picks one.
  return (
    <>
      <h1>{t("startHeading")}</h1>
      <ul className="list-plain">
        {homes.map((home) => (
          <li key={home.code}>
            <HomeLink home={home} />
          </li>
        ))}
      </ul>
    </>
  );
}

function HomeLink({ home }: { home: HomeUnit }) {
  const trpc = useTRPC();
  const unit = useQuery(trpc.unit.byCode.queryOptions({ code: home.code }));
  return <Link to={unitPagePath(home)}>{unit.data ? formatUnitName(unit.data) : home.code}</Link>;
}
