import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useOverview } from "./api";
import { Loaded } from "./common";
import { Overview } from "./overview";

/** /don-vi/{code}: a province's or district's overview at a stable address. */
export default function UnitPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? "";
  const query = useOverview(code);
  return (
    <>
      <nav aria-label="breadcrumb" className="portal-breadcrumb">
        <Link to="/">{t("portal.backHome")}</Link>
      </nav>
      <Loaded query={query} code={code}>
        {(data) => <Overview data={data} headingLevel={1} />}
      </Loaded>
    </>
  );
}
