import { useTranslation } from "react-i18next";

/**
 * Always on screen: whether everything typed is on the server, only on this device, or on its
 * way; and the provisional result. Its height is fixed so updates never move the page.
 */
export function SaveStatusBar(props: {
  offline: boolean;
  sending: number;
  unsent: number;
  summary: string;
}) {
  const { t } = useTranslation();
  const state = props.sending > 0 ? "sending" : props.unsent > 0 ? "local" : "saved";
  return (
    <div className={`entry-status entry-status-${state}`}>
      <p role="status" className="entry-status-save">
        {state === "sending"
          ? t("entrySending")
          : state === "local"
            ? t("entryLocalCount", { count: props.unsent })
            : t("entrySaved")}
      </p>
      <p className="entry-status-summary">{t("entrySummary", { summary: props.summary })}</p>
      {props.offline ? <p className="entry-status-offline">{t("entryOffline")}</p> : null}
    </div>
  );
}
