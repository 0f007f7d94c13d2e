import { lastEndedPeriod, periodSchema, vietnamDate } from "@datchuan/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatPeriod } from "./format";

/** On a commune's or village's page: the way to its data entry, this period's or another. */
export function EntryLinks({ base }: { base: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The month that ended last is the one due now (reported by the 25th).
  const due = lastEndedPeriod("month", vietnamDate(new Date()));
  const [other, setOther] = useState("");
  const [problem, setProblem] = useState(false);
  return (
    <section className="card entry-links">
      <p>
        <Link to={`${base}/nhap-lieu/${due}`}>{t("entryLink", { period: formatPeriod(due) })}</Link>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const period = other.trim();
          if (!periodSchema.safeParse(period).success) return setProblem(true);
          setProblem(false);
          navigate(`${base}/nhap-lieu/${period}`);
        }}
      >
        <div className="field">
          <label htmlFor="entry-other-period">{t("entryOtherPeriod")}</label>
          <p className="field-hint" id="entry-other-period-hint">
            {t("entryOtherPeriodHint")}
          </p>
          {problem ? (
            <p className="field-error" id="entry-other-period-error">
              {t("entryPeriodInvalid")}
            </p>
          ) : null}
          <input
            id="entry-other-period"
            type="text"
            autoComplete="off"
            value={other}
            aria-invalid={problem || undefined}
            aria-describedby={`entry-other-period-hint${problem ? " entry-other-period-error" : ""}`}
            onChange={(e) => setOther(e.target.value)}
          />
        </div>
        <button type="submit">{t("entryOpenPeriod")}</button>
      </form>
    </section>
  );
}
