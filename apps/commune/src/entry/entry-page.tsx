import "./entry.css";
import type { RouterOutputs } from "@datchuan/api";
import {
  type CriterionVerdict,
  can,
  compileDefinitionTree,
  evaluateEntry,
  formatDate,
  type IndicatorVerdict,
  periodSchema,
  valuesBefore,
} from "@datchuan/domain";
import { isRefusal, QueryState, readApiProblem, useSession, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { EMPTY_FIELDS, fieldsOf } from "../drafts/draft-logic";
import { EntryEvidence } from "./entry-evidence";
import { formatPeriod, shiftPeriod } from "./format";
import { IndicatorRow } from "./indicator-row";
import { enterMovesOn } from "./keyboard";
import { SaveStatusBar } from "./save-status";
import { ThresholdGapNotice } from "./threshold-gap-notice";
import { useDrafts } from "./use-drafts";
import { VerdictBadge } from "./verdict-badge";

/** The officer's data entry for one unit and period (route xa/:code/nhap-lieu/:period). */
export function EntryPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { code = "", period = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const validPeriod = periodSchema.safeParse(period).success;
  const sets = useQuery({
    ...trpc.report.entrySets.queryOptions({ unitCode: code, period }),
    enabled: validPeriod,
  });
  // A link may name a set (?bo=) that does not judge the unit in this period (a set that has
  // ended): the page then opens the set in force rather than an error.
  const requested = search.get("bo");
  const requestedInForce = sets.data?.some((s) => s.setId === requested) ?? false;
  const setId = sets.data ? (requestedInForce ? requested : (sets.data[0]?.setId ?? null)) : null;
  const key = { unitCode: code, setId: setId ?? "", period };
  const entry = useQuery({
    ...trpc.report.entry.queryOptions(key),
    enabled: validPeriod && setId !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const refusal = [sets.error, entry.error].find((e) => e && isRefusal(e));

  if (!validPeriod) return <p className="notice notice-error">{t("entryPeriodInvalid")}</p>;
  return (
    <>
      <h1>{t("entryHeading", { period: formatPeriod(period) })}</h1>
      <nav className="entry-periods" aria-label={t("entryPeriods")}>
        <Link
          to={`../${shiftPeriod(period, -1)}${search.size > 0 ? `?${search}` : ""}`}
          relative="path"
        >
          ← {formatPeriod(shiftPeriod(period, -1))}
        </Link>
        <Link
          to={`../${shiftPeriod(period, 1)}${search.size > 0 ? `?${search}` : ""}`}
          relative="path"
        >
          {formatPeriod(shiftPeriod(period, 1))} →
        </Link>
      </nav>
      {refusal ? (
        // The server said no (no right to this unit, no such unit): its sentence, not "retry".
        <p className="notice notice-error" role="alert">
          {readApiProblem(refusal).message}
        </p>
      ) : (
        <QueryState
          isPending={sets.isPending || (setId !== null && entry.isPending)}
          error={sets.error ?? entry.error}
          onRetry={() => void (sets.error ? sets.refetch() : entry.refetch())}
        />
      )}
      {requested && sets.data && sets.data.length > 0 && !requestedInForce ? (
        <p className="notice">{t("entrySetNotInForce", { period: formatPeriod(period) })}</p>
      ) : null}
      {sets.data && sets.data.length === 0 ? (
        <p className="notice">{t("entryNoSet", { period: formatPeriod(period) })}</p>
      ) : null}
      {sets.data && sets.data.length > 1 ? (
        <div className="field">
          <label htmlFor="entry-set">{t("entrySet")}</label>
          <select
            id="entry-set"
            value={setId ?? ""}
            onChange={(e) => setSearch({ bo: e.target.value })}
          >
            {sets.data.map((s) => (
              <option key={s.setId} value={s.setId}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {entry.data ? (
        <EntryForm key={`${key.setId}|${period}`} context={entry.data} entryKey={key} />
      ) : null}
    </>
  );
}

type EntryContext = RouterOutputs["report"]["entry"];

function EntryForm({
  context,
  entryKey,
}: {
  context: EntryContext;
  entryKey: { unitCode: string; setId: string; period: string };
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { viewer } = useSession();
  const { unit, period, tree } = context;
  const target = { unitPath: unit.path, unitLevel: unit.level as "commune" | "village" };
  const mayEnter = Boolean(viewer && can(viewer.roles, "value.enter", target));
  const maySubmit = Boolean(viewer && can(viewer.roles, "report.submit", target));
  const scope = useMemo(
    () => (viewer ? { user: viewer.id, unit: unit.code, set: context.setId, period } : null),
    [viewer, unit.code, context.setId, period],
  );
  // The set as judged (an adaptation merged with what it adapts) is the compiled tree's.
  const resolvedSet = useMemo(() => mergedSet(tree), [tree]);
  const drafts = useDrafts({ scope, set: resolvedSet, serverValues: context.values });
  const verdict = useMemo(
    () =>
      evaluateEntry({
        tree,
        unit: { code: unit.code, name: unit.name },
        period,
        attributes: context.attributes,
        history: context.history,
        current: drafts.current,
        ...(context.children ? { children: context.children } : {}),
        related: context.related,
      }),
    // `drafts.current` is rebuilt on each render; its content is what matters.
    [tree, unit, period, context, JSON.stringify(drafts.current)],
  );
  const before = useMemo(
    () => valuesBefore(tree, context.history, period),
    [tree, context.history, period],
  );
  const submit = useMutation(trpc.report.submit.mutationOptions());
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const block = context.entryBlock;
  const status = context.report?.status ?? "none";
  const returned = context.values.filter((v) => v.reviewStatus === "returned");
  const unsent = [...drafts.drafts.values()].length;
  // Demo thresholds carry this source; every screen showing them says they are illustrative.
  const illustrative = useMemo(() => JSON.stringify(tree).includes("số liệu minh họa"), [tree]);

  const onSubmit = async () => {
    setSubmitProblem(null);
    try {
      const fresh = await queryClient.fetchQuery({
        ...trpc.report.entry.queryOptions(entryKey),
        staleTime: 0,
      });
      await submit.mutateAsync({
        ...entryKey,
        setId: context.setId,
        expectedRowVersion: fresh.report?.rowVersion ?? 1,
      });
      setSubmitted(true);
      await queryClient.invalidateQueries({ queryKey: trpc.report.entry.queryKey(entryKey) });
    } catch (error) {
      setSubmitProblem(readApiProblem(error).message ?? t("common:form.noServer"));
    }
  };

  const criterionVerdicts = new Map(verdict.criteria.map((c) => [c.number, c]));
  return (
    <>
      <p className="muted">
        {unit.name} · {resolvedSet.title} · {t("entryDue", { date: formatDate(context.dueDate) })}
      </p>
      <p>
        <strong>{t(`entryStatus_${status}`)}</strong>
      </p>
      <SaveStatusBar
        offline={drafts.offline}
        sending={drafts.sendingCount}
        unsent={unsent}
        summary={verdict.summary}
      />
      {block ? (
        <p className="notice entry-locked" role="note">
          🔒 {t("entryLocked", { reason: block.message })}
        </p>
      ) : null}
      {returned.length > 0 && !block ? (
        <section className="notice notice-error">
          <h2>{t("entryReturnedHeading", { count: returned.length })}</h2>
          <ul>
            {returned.map((v) => (
              <li key={v.id}>
                <a href={`#v-${v.indicatorCode.replaceAll(".", "-")}-row`}>{v.indicatorCode}</a>:{" "}
                {v.returnReason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {illustrative ? <p className="muted entry-illustrative">{t("entryIllustrative")}</p> : null}
      <ThresholdGapNotice verdict={verdict} />
      {submitted && !submitProblem ? (
        <p className="notice notice-success" role="status">
          {t("entrySubmitted")}
        </p>
      ) : null}
      {drafts.ready ? null : <p className="muted">{t("common:loading")}</p>}
      <form
        className="entry-form"
        hidden={!drafts.ready}
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={enterMovesOn}
      >
        {resolvedSet.criteria.map((criterion) => {
          const cv = criterionVerdicts.get(criterion.number);
          return (
            <section
              key={criterion.number}
              className="card entry-criterion"
              aria-labelledby={`c-${criterion.number}`}
            >
              <div className="entry-criterion-head">
                <h2 id={`c-${criterion.number}`}>
                  {t("entryCriterion", { number: criterion.number, name: criterion.name })}
                </h2>
                {cv ? <CriterionBadge verdict={cv} /> : null}
              </div>
              <ul className="list-plain entry-rows">
                {criterion.indicators.map((indicator) => {
                  const server = drafts.server.get(indicator.code);
                  const draft = drafts.drafts.get(indicator.code);
                  const editable =
                    mayEnter &&
                    !block &&
                    (!server ||
                      server.reviewStatus === "draft" ||
                      server.reviewStatus === "returned");
                  return (
                    <IndicatorRow
                      key={indicator.code}
                      indicator={indicator}
                      period={period}
                      verdict={cv?.indicators.find(
                        (i: IndicatorVerdict) => i.code === indicator.code,
                      )}
                      fields={
                        draft?.fields ??
                        (server ? fieldsOf(server.value, server.evidenceNote) : EMPTY_FIELDS)
                      }
                      saveState={drafts.stateOf(indicator.code)}
                      server={server}
                      theirs={draft?.theirs}
                      refusal={draft?.state === "refused" ? draft.message : undefined}
                      before={before[indicator.code]}
                      editable={editable}
                      onChange={(fields) => drafts.change(indicator.code, fields)}
                      onCommit={drafts.flush}
                      onKeepMine={() => drafts.keepMine(indicator.code)}
                      onTakeTheirs={() => drafts.takeTheirs(indicator.code)}
                      evidenceSlot={
                        <EntryEvidence
                          unitCode={unit.code}
                          setId={context.setId}
                          period={period}
                          indicatorCode={indicator.code}
                          saved={Boolean(server)}
                          editable={editable}
                        />
                      }
                    />
                  );
                })}
              </ul>
            </section>
          );
        })}
        {maySubmit && !block ? (
          <div className="entry-submit">
            {unsent > 0 ? <p className="muted">{t("entrySubmitWait")}</p> : null}
            {submitProblem ? (
              <p className="notice notice-error" role="alert">
                {submitProblem}
              </p>
            ) : null}
            <button
              type="button"
              disabled={
                unsent > 0 || submit.isPending || (!context.report && drafts.server.size === 0)
              }
              onClick={() => void onSubmit()}
            >
              {submit.isPending ? t("entrySubmitting") : t("entrySubmit")}
            </button>
          </div>
        ) : null}
      </form>
      {unit.level === "commune" && context.children ? (
        <p className="muted">
          <Link to={`/xa/${unit.code}`}>{t("entryVillages")}</Link>
        </p>
      ) : null}
    </>
  );
}

function CriterionBadge({ verdict }: { verdict: CriterionVerdict }) {
  return <VerdictBadge status={verdict.status} fragile={verdict.fragile} />;
}

/** The set as the evaluator sees it: the compiled tree's merged set (criteria in order). */
function mergedSet(tree: EntryContext["tree"]) {
  return compileDefinitionTree(tree).set;
}
