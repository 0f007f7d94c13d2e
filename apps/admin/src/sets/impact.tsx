import { formatDate } from "@datchuan/domain";
import { ErrorSummary, readApiProblem, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "./shared";

/**
 * Which communes a draft would flip (criteriaSet.previewImpact) on a chosen date, and for each
 * whether the dashboard shows it at once (working verdict) or keeps the signed verdict.
 */
export function ImpactPreview({ id, defaultDate }: { id: string; defaultDate: string }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const inputId = useId();
  const [date, setDate] = useState(defaultDate);
  const [asked, setAsked] = useState<string | null>(null);
  const impact = useQuery({
    ...trpc.criteriaSet.previewImpact.queryOptions({ id, date: asked ?? defaultDate }),
    enabled: asked !== null,
    retry: false,
  });
  const status = (s: string) => t(`status.${s}`);
  return (
    <section className="card" style={{ marginTop: "1.5rem" }} aria-labelledby={`${inputId}-h`}>
      <h2 id={`${inputId}-h`}>{t("impactHeading")}</h2>
      <p className="muted">{t("impactIntro")}</p>
      <p className="muted">{t("illustrative")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(date);
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>{t("impactDate")}</label>
          <input id={inputId} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <button type="submit">{t("impactRun")}</button>
      </form>
      {impact.error ? (
        <ErrorSummary problems={[{ text: readApiProblem(impact.error).message ?? "" }]} />
      ) : null}
      {asked && impact.isFetching ? <p aria-live="polite">…</p> : null}
      {impact.data ? (
        <>
          <p role="status">
            {impact.data.flipped === 0
              ? t("impactNone")
              : t("impactSummary", {
                  flipped: impact.data.flipped,
                  total: impact.data.units.length,
                  onPublish: impact.data.flippedOnPublish,
                  keptSigned: impact.data.flippedKeptSigned,
                  date: formatDate(impact.data.date),
                })}
          </p>
          <TableScroll>
            <table aria-label={t("impactHeading")}>
              <thead>
                <tr>
                  <th scope="col">{t("colUnit")}</th>
                  <th scope="col">{t("colPeriod")}</th>
                  <th scope="col">{t("colShown")}</th>
                  <th scope="col">{t("colBefore")}</th>
                  <th scope="col">{t("colAfter")}</th>
                  <th scope="col">{t("colChanges")}</th>
                </tr>
              </thead>
              <tbody>
                {impact.data.units
                  .filter((u) => u.flips)
                  .map((u) => (
                    <tr key={u.code}>
                      <th scope="row">{u.name}</th>
                      <td>{u.period}</td>
                      <td>{u.shown === "signed" ? t("shownSigned") : t("shownWorking")}</td>
                      <td>
                        {status(u.before.status)} —{" "}
                        {t("counts", {
                          criteria: `${u.before.criteriaMet}/${u.before.criteriaTotal}`,
                          indicators: `${u.before.indicatorsMet}/${u.before.indicatorsTotal}`,
                        })}
                      </td>
                      <td>
                        {status(u.after.status)} —{" "}
                        {t("counts", {
                          criteria: `${u.after.criteriaMet}/${u.after.criteriaTotal}`,
                          indicators: `${u.after.indicatorsMet}/${u.after.indicatorsTotal}`,
                        })}
                      </td>
                      <td>
                        <ul className="list-plain">
                          {u.criteria.map((c) => (
                            <li key={`c${c.number}`}>
                              {t("changeCriterion", {
                                number: c.number,
                                before: status(c.before),
                                after: status(c.after),
                              })}
                            </li>
                          ))}
                          {u.indicators.map((i) => (
                            <li key={`i${i.code}`}>
                              {t("changeIndicator", {
                                code: i.code,
                                before: status(i.before),
                                after: status(i.after),
                              })}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}
