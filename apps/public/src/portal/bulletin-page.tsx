import { formatVietnamDateTime } from "@datchuan/domain";
import { ReportView } from "@datchuan/ui";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useBulletin } from "./api";
import { Loaded } from "./common";

/** A published review bulletin (bản tin rà soát): its report as published, and its Word file. */
export default function BulletinPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const bulletin = useBulletin(id);
  return (
    <Loaded query={bulletin} code={id}>
      {(data) => (
        <>
          <p className="muted">
            <Link to="/">{t("portal.backHome")}</Link> · {t("portal.bulletinsHeading")}
          </p>
          <h1>{data.unitName}</h1>
          <p className="muted">
            {t("portal.bulletinPublished", { date: formatVietnamDateTime(data.publishedAt) })}
          </p>
          <p>
            <a className="button" href={data.docxUrl} download>
              {t("portal.bulletinDocx")}
            </a>
          </p>
          <ReportView report={data.report} />
        </>
      )}
    </Loaded>
  );
}
