import { useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type SectionProps, ServerError, useRefreshLifecycle } from "./shared";

/** The registration's roadmap: criteria to finish per quarter, with what met by its end. */
export function RoadmapSection({ unitCode, setId, data }: SectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const refresh = useRefreshLifecycle(unitCode, setId);
  const internal = data.internal!;
  const [year, setYear] = useState(String(data.targetYear ?? new Date().getFullYear()));
  const [quarter, setQuarter] = useState("1");
  const [criteria, setCriteria] = useState("");
  const save = useMutation(
    trpc.recognition.saveRoadmapStep.mutationOptions({ onSuccess: refresh }),
  );
  const remove = useMutation(
    trpc.recognition.deleteRoadmapStep.mutationOptions({ onSuccess: refresh }),
  );
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("recognition.roadmap.heading")}</h2>
      {internal.registration ? null : <p>{t("recognition.roadmap.notRegistered")}</p>}
      {internal.roadmap.length === 0 ? <p>{t("recognition.roadmap.none")}</p> : null}
      <ul>
        {internal.roadmap.map((step) => (
          <li key={step.id}>
            {step.text}{" "}
            {data.may.keepDossier ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  remove.mutate({
                    unitCode,
                    setId,
                    id: step.id,
                    expectedRowVersion: step.rowVersion,
                  })
                }
              >
                {t("recognition.roadmap.remove")}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ServerError error={remove.error} />
      {data.may.keepDossier && internal.registration ? (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(
              {
                unitCode,
                setId,
                year: Number(year),
                quarter: Number(quarter),
                criterionNumbers: criteria
                  .split(/[,;\s]+/u)
                  .filter(Boolean)
                  .map(Number),
                note: null,
              },
              { onSuccess: () => setCriteria("") },
            );
          }}
        >
          <ServerError error={save.error} />
          <div className="filters">
            <div className="field">
              <label htmlFor={`${id}-year`}>{t("recognition.roadmap.year")}</label>
              <input
                id={`${id}-year`}
                inputMode="numeric"
                value={year}
                onChange={(e) => setYear(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-quarter`}>{t("recognition.roadmap.quarter")}</label>
              <select
                id={`${id}-quarter`}
                value={quarter}
                onChange={(e) => setQuarter(e.target.value)}
              >
                {["1", "2", "3", "4"].map((q) => (
                  <option key={q} value={q}>
                    {["I", "II", "III", "IV"][Number(q) - 1]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-criteria`}>{t("recognition.roadmap.criteria")}</label>
              <input
                id={`${id}-criteria`}
                value={criteria}
                onChange={(e) => setCriteria(e.target.value)}
              />
            </div>
          </div>
          <button type="submit" disabled={save.isPending}>
            {t("recognition.roadmap.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
