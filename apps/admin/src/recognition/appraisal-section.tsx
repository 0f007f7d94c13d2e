import { formatDate } from "@datchuan/domain";
import { useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Internal, type SectionProps, ServerError, useRefreshLifecycle } from "./shared";

type Appraisal = Internal["appraisals"][number];

/** The appraising departments: who got the dossier, who visited and what they said. */
export function AppraisalSection({ unitCode, setId, data }: SectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshLifecycle(unitCode, setId);
  const internal = data.internal!;
  const sentTo = new Map(internal.appraisals.map((a) => [a.department, a]));
  const unsent = internal.appraisers.filter((d) => !sentTo.has(d));
  const [chosen, setChosen] = useState<string[]>([]);
  const [sentOn, setSentOn] = useState("");
  const send = useMutation(
    trpc.recognition.sendToAppraisal.mutationOptions({
      onSuccess: async () => {
        setChosen([]);
        await refresh();
      },
    }),
  );
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("recognition.appraisal.heading")}</h2>
      <p data-testid="appraisal-progress">{internal.appraisalProgress.text}</p>
      <div className="table-scroll">
        <table aria-label={t("recognition.appraisal.heading")}>
          <thead>
            <tr>
              <th scope="col">{t("recognition.appraisal.department")}</th>
              <th scope="col">{t("recognition.appraisal.sentOn")}</th>
              <th scope="col">{t("recognition.appraisal.visitedOn")}</th>
              <th scope="col">{t("recognition.appraisal.opinion")}</th>
            </tr>
          </thead>
          <tbody>
            {internal.appraisers.map((department) => {
              const a = sentTo.get(department);
              return (
                <tr key={department}>
                  <th scope="row">{department}</th>
                  <td>{a ? formatDate(a.sentOn) : t("recognition.appraisal.notSent")}</td>
                  <td>{a?.visitedOn ? formatDate(a.visitedOn) : ""}</td>
                  <td>
                    {a?.opinion
                      ? `${a.opinion} (${a.agrees ? t("recognition.appraisal.agreesYes") : t("recognition.appraisal.agreesNo")})`
                      : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {data.may.decide && unsent.length > 0 ? (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate({ unitCode, setId, departments: chosen, sentOn });
          }}
        >
          <h3>{t("recognition.appraisal.send")}</h3>
          <ServerError error={send.error} />
          <fieldset>
            <legend>{t("recognition.appraisal.chooseDepartments")}</legend>
            {unsent.map((department) => (
              <label key={department} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.includes(department)}
                  onChange={(e) =>
                    setChosen(
                      e.target.checked
                        ? [...chosen, department]
                        : chosen.filter((d) => d !== department),
                    )
                  }
                />{" "}
                {department}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-sent`}>{t("recognition.appraisal.sendDate")}</label>
            <input
              id={`${id}-sent`}
              type="date"
              value={sentOn}
              onChange={(e) => setSentOn(e.target.value)}
            />
          </div>
          <button type="submit" disabled={send.isPending}>
            {t("recognition.appraisal.send")}
          </button>
        </form>
      ) : null}
      {internal.appraisals.length > 0 ? (
        <RecordVisitForm unitCode={unitCode} setId={setId} appraisals={internal.appraisals} />
      ) : null}
    </section>
  );
}

/** A department's visit and opinion; the server decides who may record it. */
function RecordVisitForm({
  unitCode,
  setId,
  appraisals,
}: {
  unitCode: string;
  setId: string;
  appraisals: Appraisal[];
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshLifecycle(unitCode, setId);
  const [department, setDepartment] = useState(appraisals[0]!.department);
  const [visitedOn, setVisitedOn] = useState("");
  const [opinion, setOpinion] = useState("");
  const [agrees, setAgrees] = useState(true);
  const record = useMutation(
    trpc.recognition.recordAppraisal.mutationOptions({
      onSuccess: async () => {
        setOpinion("");
        await refresh();
      },
    }),
  );
  const current = appraisals.find((a) => a.department === department);
  return (
    <form
      className="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate({
          unitCode,
          setId,
          department,
          visitedOn,
          opinion,
          agrees,
          expectedRowVersion: current?.rowVersion ?? 1,
        });
      }}
    >
      <h3>{t("recognition.appraisal.record")}</h3>
      <ServerError error={record.error} />
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-dep`}>{t("recognition.appraisal.recordFor")}</label>
          <select
            id={`${id}-dep`}
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
          >
            {appraisals.map((a) => (
              <option key={a.department} value={a.department}>
                {a.department}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-visited`}>{t("recognition.appraisal.visitedOn")}</label>
          <input
            id={`${id}-visited`}
            type="date"
            value={visitedOn}
            onChange={(e) => setVisitedOn(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-opinion`}>{t("recognition.appraisal.opinion")}</label>
          <input
            id={`${id}-opinion`}
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={agrees} onChange={(e) => setAgrees(e.target.checked)} />{" "}
          {t("recognition.appraisal.agrees")}
        </label>
      </div>
      <button type="submit" disabled={record.isPending}>
        {t("recognition.appraisal.record")}
      </button>
    </form>
  );
}
