import type { RouterOutputs } from "@datchuan/api";
import { formatDate } from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { entryPath, usePeriodLabel } from "./period";
import "../workplace.css";

type HomeSet = RouterOutputs["commune"]["home"]["sets"][number];

/**
 * The commune officer's week at a glance, per criteria set: where the commune stands, whether
 * it is recognised and what slipped, what is due and when, and what was returned for a fix.
 */
export function CommuneHome({ code }: { code: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { viewer } = useSession();
  // A village officer reads their own village only: the commune's working figures are not theirs.
  const mayRead = viewer?.roles.some((r) => r.role !== "village_officer") ?? false;
  const home = useQuery({
    ...trpc.commune.home.queryOptions({ unitCode: code }),
    enabled: mayRead,
  });
  if (!mayRead) return null;
  return (
    <section aria-labelledby="home-heading">
      <h2 id="home-heading">{t("workplace.home.heading")}</h2>
      <QueryState
        isPending={home.isPending}
        error={home.error}
        onRetry={() => void home.refetch()}
      />
      {home.data ? (
        <>
          <p className="muted">
            {t("workplace.home.today", { date: formatDate(home.data.today) })}
          </p>
          <p className="illustrative">{t("workplace.illustrative")}</p>
          {home.data.sets.length === 0 ? <p>{t("workplace.home.noSets")}</p> : null}
          {home.data.sets.map((set) => (
            <SetCard key={set.setId} code={code} set={set} />
          ))}
        </>
      ) : null}
    </section>
  );
}

function SetCard({ code, set }: { code: string; set: HomeSet }) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const headingId = `set-${set.setId}`;
  const query = `?bo=${encodeURIComponent(set.setId)}`;
  return (
    <article className="card set-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{set.title}</h3>
      {set.ended ? <EndedNotice ended={set.ended} /> : null}
      {set.standing ? (
        <>
          <dl className="figures">
            <div>
              <dt>{t("workplace.home.criteriaMet")}</dt>
              <dd className="stat" data-testid="criteria-met">
                {set.standing.criteriaMet}/{set.standing.criteriaTotal}
              </dd>
            </div>
            <div>
              <dt>{t("workplace.home.indicatorsMet")}</dt>
              <dd className="stat" data-testid="indicators-met">
                {set.standing.indicatorsMet}/{set.standing.indicatorsTotal}
              </dd>
            </div>
          </dl>
          <p className="muted">
            {t("workplace.home.basedOn", { period: periodLabel(set.standing.period) })} (
            {set.standing.signed ? t("workplace.home.signed") : t("workplace.home.working")})
          </p>
        </>
      ) : (
        <p>{t("workplace.home.noStanding")}</p>
      )}
      <dl className="facts">
        <div>
          <dt>{t("workplace.home.targetYear")}</dt>
          <dd>{set.targetYear ?? t("workplace.home.notRegistered")}</dd>
        </div>
        <div>
          <dt>{t("workplace.home.recognition")}</dt>
          <dd>
            {set.recognisedIn ? (
              <>
                {t("workplace.home.recognised", { period: periodLabel(set.recognisedIn) })}
                {". "}
                {set.slipped.length > 0 ? (
                  <strong className="text-not-met">
                    {t("workplace.home.slipped", { list: set.slipped.join(", ") })}
                  </strong>
                ) : (
                  t("workplace.home.kept")
                )}
              </>
            ) : (
              t("workplace.home.notRecognised")
            )}
          </dd>
        </div>
      </dl>
      <h4>{t(set.ended ? "workplace.home.lastDueHeading" : "workplace.home.dueHeading")}</h4>
      <p className={set.due.late ? "due due-late" : "due"} data-testid="due">
        {t("workplace.home.due", {
          period: periodLabel(set.due.period),
          date: formatDate(set.due.dueDate),
        })}
        {" — "}
        <strong>
          {set.due.sent
            ? t("workplace.home.sent")
            : set.due.late
              ? // An ended set's last report does not grow later by the day: it is missing.
                set.ended
                ? t("workplace.home.notSent")
                : t("workplace.home.overdue", { count: set.due.daysLate })
              : set.due.daysLeft === 0
                ? t("workplace.home.dueToday")
                : t("workplace.home.daysLeft", { count: set.due.daysLeft })}
        </strong>
      </p>
      <p>
        <Link className="button-like" to={entryPath(code, set.due.period, set.setId)}>
          {t(set.ended ? "workplace.home.enterLast" : "workplace.home.enter")}
        </Link>
      </p>
      <h4>{t("workplace.home.returnedHeading")}</h4>
      {set.returned.length === 0 ? (
        <p className="muted">{t("workplace.home.noReturned")}</p>
      ) : (
        <ul className="list-plain">
          {set.returned.map((value) => (
            <li key={value.valueId}>
              {t("workplace.home.returned", {
                code: value.indicatorCode,
                period: periodLabel(value.period),
                reason: value.reason ?? "",
              })}{" "}
              <Link to={entryPath(code, value.period, set.setId)}>
                {t("workplace.home.fix", { code: value.indicatorCode })}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="set-links">
        <Link to={`/xa/${code}/bang-diem${query}`}>{t("workplace.home.scorecard")}</Link>
        <Link to={`/xa/${code}/con-thieu${query}`}>{t("workplace.home.missing")}</Link>
      </p>
    </article>
  );
}

/** An ended set says so, and points to the sets in force now (their cards on this page). */
function EndedNotice({ ended }: { ended: NonNullable<HomeSet["ended"]> }) {
  const { t } = useTranslation();
  return (
    <div className="notice" data-testid="ended">
      <p>{t("workplace.home.ended", { date: formatDate(ended.on) })}</p>
      {ended.inForce.length === 0 ? (
        <p>{t("workplace.home.noneInForce")}</p>
      ) : (
        <p>
          {t("workplace.home.inForce")}{" "}
          {ended.inForce.map((set, i) => (
            <span key={set.setId}>
              {i > 0 ? ", " : null}
              <a href={`#set-${set.setId}`}>{set.title}</a>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
