import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EvidencePanel } from "../evidence/evidence-panel";

/**
 * An indicator's evidence inside the entry form, opened on demand: a period of 57 indicators
 * would otherwise ask the server for 57 file lists on a slow connection. Files attach to a
 * value the server holds, so until the first save there is only the hint.
 */
export function EntryEvidence(props: {
  unitCode: string;
  setId: string;
  period: string;
  indicatorCode: string;
  saved: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!props.saved) return <p className="muted">{t("entryEvidenceAfterSave")}</p>;
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t("entryEvidence")}</summary>
      {open ? (
        <EvidencePanel
          unitCode={props.unitCode}
          setId={props.setId}
          period={props.period}
          indicatorCode={props.indicatorCode}
          editable={props.editable}
          headingLevel={4}
        />
      ) : null}
    </details>
  );
}
