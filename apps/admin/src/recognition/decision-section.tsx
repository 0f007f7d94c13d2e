import { formatDate, formatNumber, RECOGNITION_LEVELS } from "@datchuan/domain";
import { useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type SectionProps, ServerError, useRefreshLifecycle } from "./shared";

type Level = (typeof RECOGNITION_LEVELS)[number];

/** Decisions recorded (each beside the standing on its date), the decision and revocation forms. */
export function DecisionSection({ unitCode, setId, data }: SectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshLifecycle(unitCode, setId);
  const internal = data.internal!;
  const [fields, setFields] = useState({
    number: "",
    decidedOn: "",
    signer: "",
    level: "ntm" as Level,
    overrideReason: "",
    reason: "",
  });
  const [notice, setNotice] = useState<string | null>(null);
  const decide = useMutation(
    trpc.recognition.recordDecision.mutationOptions({
      onSuccess: async (row) => {
        setNotice(t("recognition.decision.recorded", { number: row.number }));
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.recognition.recordRevocation.mutationOptions({
      onSuccess: async (row) => {
        setNotice(t("recognition.decision.recorded", { number: row.number }));
        await refresh();
      },
    }),
  );
  const field = (name: keyof typeof fields, label: string, type = "text") => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type={type}
        value={fields[name]}
        onChange={(e) => setFields({ ...fields, [name]: e.target.value })}
      />
    </div>
  );
  const recognised = data.recognised !== null;

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("recognition.decision.heading")}</h2>
      {internal.decisions.length > 0 ? (
        <div className="table-scroll">
          <table aria-label={t("recognition.decision.list")}>
            <thead>
              <tr>
                <th scope="col">{t("recognition.decision.number")}</th>
                <th scope="col">{t("recognition.decision.decidedOn")}</th>
                <th scope="col">{t("recognition.decision.signer")}</th>
                <th scope="col">{t("recognition.decision.standingAtDate")}</th>
              </tr>
            </thead>
            <tbody>
              {internal.decisions.map((d) => (
                <tr key={d.id}>
                  <th scope="row">
                    {d.kind === "revocation" ? `${t("recognition.revocation.heading")}: ` : ""}
                    {d.number}
                    {d.illustrative ? (
                      <span className="muted"> ({t("recognition.illustrative")})</span>
                    ) : null}
                  </th>
                  <td>{formatDate(d.decidedOn)}</td>
                  <td>{d.signer}</td>
                  <td>
                    {d.standing
                      ? `${d.standing.period}: ${formatNumber(d.standing.criteriaMet)}/${formatNumber(d.standing.criteriaTotal)}`
                      : t("recognition.decision.noStandingAtDate")}
                    {d.overrideReason ? (
                      <p>{t("recognition.decision.overridden", { reason: d.overrideReason })}</p>
                    ) : null}
                    {d.reason ? <p>{d.reason}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {data.may.decide ? (
        <form
          className="card"
          noValidate
          aria-label={
            recognised ? t("recognition.revocation.heading") : t("recognition.decision.heading")
          }
          onSubmit={(event) => {
            event.preventDefault();
            setNotice(null);
            const common = {
              unitCode,
              setId,
              number: fields.number,
              decidedOn: fields.decidedOn,
              signer: fields.signer,
            };
            if (recognised) revoke.mutate({ ...common, reason: fields.reason });
            else
              decide.mutate({
                ...common,
                level: fields.level,
                overrideReason: fields.overrideReason || null,
              });
          }}
        >
          <h3>
            {recognised ? t("recognition.revocation.heading") : t("recognition.decision.heading")}
          </h3>
          <ServerError error={recognised ? revoke.error : decide.error} />
          <div className="filters">
            {field("number", t("recognition.decision.number"))}
            {field("decidedOn", t("recognition.decision.decidedOn"), "date")}
            {field("signer", t("recognition.decision.signer"))}
            {recognised ? null : (
              <div className="field">
                <label htmlFor={`${id}-level`}>{t("recognition.decision.level")}</label>
                <select
                  id={`${id}-level`}
                  value={fields.level}
                  onChange={(e) => setFields({ ...fields, level: e.target.value as Level })}
                >
                  {RECOGNITION_LEVELS.map((level) => (
                    <option key={level} value={level}>
                      {t(`recognition.decision.levels.${level}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          {recognised ? (
            field("reason", t("recognition.revocation.reason"))
          ) : (
            <>
              {field("overrideReason", t("recognition.decision.overrideReason"))}
              <p className="field-hint">{t("recognition.decision.overrideHint")}</p>
            </>
          )}
          <button type="submit" disabled={decide.isPending || revoke.isPending}>
            {recognised ? t("recognition.revocation.record") : t("recognition.decision.record")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
