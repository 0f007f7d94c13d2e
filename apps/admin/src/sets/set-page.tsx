import {
  type CriteriaSetInput,
  criteriaSetSchema,
  diffCriteriaSets,
  formatNumber,
  thresholdScopeText,
  vietnamDate,
} from "@datchuan/domain";
import { ErrorSummary, QueryState, readApiProblem, useSession, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ChangesTable } from "./changes";
import { SetEditor } from "./editor";
import { ImpactPreview } from "./impact";
import { dateOrOpen, downloadText, ownerCodeOf, type SetRow, type SetSummary } from "./shared";

/** The newest published version of a set id (latest start, then latest publication). */
function latestPublished(rows: readonly SetSummary[], setId: string, except?: string) {
  return rows
    .filter((r) => r.setId === setId && r.status === "published" && r.id !== except)
    .sort(
      (a, b) =>
        b.effectiveFrom.localeCompare(a.effectiveFrom) ||
        String(b.publishedAt ?? "").localeCompare(String(a.publishedAt ?? "")),
    )[0];
}

/** The parent restricted to what an adaptation restates: the rules it adjusts, side by side. */
function restatedPart(parent: CriteriaSetInput, own: CriteriaSetInput): CriteriaSetInput {
  const codes = new Set(own.criteria.flatMap((c) => c.indicators.map((i) => i.code)));
  const numbers = new Set(own.criteria.map((c) => c.number));
  return {
    ...own,
    criteria: parent.criteria
      .filter((c) => numbers.has(c.number))
      .map((c) => ({ ...c, indicators: c.indicators.filter((i) => codes.has(i.code)) })),
  };
}

/** Whether the viewer may manage the set (mirrors the server's rule; the server decides). */
function useMayManage(ownerPath: string | null): boolean {
  const { viewer } = useSession();
  return Boolean(
    viewer?.roles.some(
      (r) =>
        r.role === "system_admin" ||
        (r.role === "admin" &&
          ownerPath !== null &&
          r.scopePath &&
          ownerPath.startsWith(r.scopePath)),
    ),
  );
}

/** `/bo-tieu-chi/:id`: a version or draft — read, edit, compare, preview, publish, export. */
export default function SetPage() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  const row = useQuery(trpc.criteriaSet.get.queryOptions({ id }));
  const list = useQuery(trpc.criteriaSet.list.queryOptions());
  return (
    <>
      <QueryState
        isPending={row.isPending || list.isPending}
        error={row.error ?? list.error}
        onRetry={() => void row.refetch()}
      />
      {row.data && list.data ? (
        <SetView key={`${row.data.id}:${row.data.status}`} row={row.data} rows={list.data} />
      ) : null}
    </>
  );
}

function SetView({ row, rows }: { row: SetRow; rows: SetSummary[] }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const client = useQueryClient();
  const navigate = useNavigate();
  const definition = row.definition as CriteriaSetInput;
  const mayManage = useMayManage(row.ownerPath);
  const parentSummary = row.adaptsSetId ? latestPublished(rows, row.adaptsSetId) : undefined;
  const parent = useQuery({
    ...trpc.criteriaSet.get.queryOptions({ id: parentSummary?.id ?? row.id }),
    enabled: Boolean(parentSummary),
  });
  const previous = latestPublished(rows, row.setId, row.id);
  const previousRow = useQuery({
    ...trpc.criteriaSet.get.queryOptions({ id: previous?.id ?? row.id }),
    enabled: Boolean(previous) && !row.adaptsSetId,
  });
  const [dirty, setDirty] = useState(false);
  // A reload after a conflict starts the editor afresh on the latest row; a save keeps it.
  const [generation, setGeneration] = useState(0);
  const [publishProblem, setPublishProblem] = useState<string | null>(null);
  const publish = useMutation(trpc.criteriaSet.publish.mutationOptions());
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: trpc.criteriaSet.get.queryKey({ id: row.id }) });
    await client.invalidateQueries({ queryKey: trpc.criteriaSet.list.queryKey() });
  };

  const validation = criteriaSetSchema.safeParse(definition);
  const blockers = [
    dirty && t("unsaved"),
    !validation.success && t("invalidDraft", { count: validation.error.issues.length }),
  ].filter((x): x is string => Boolean(x));

  const parentDefinition = parent.data?.definition as CriteriaSetInput | undefined;
  const against = parentDefinition
    ? {
        label: t("diffAgainstParent", { id: row.adaptsSetId }),
        set: restatedPart(parentDefinition, definition),
      }
    : previousRow.data && previous
      ? {
          label: t("diffAgainstPrevious", { version: previous.version }),
          set: previousRow.data.definition as CriteriaSetInput,
        }
      : null;
  const today = vietnamDate(new Date());
  const defaultDate =
    definition.effective.to && definition.effective.to < today ? definition.effective.to : today;

  return (
    <>
      <p>
        <Link to="/bo-tieu-chi">{t("back")}</Link>
      </p>
      <h1>{definition.title}</h1>
      <p className="muted">
        {row.setId} · {t("colVersion")} {row.version} ·{" "}
        {row.status === "draft" ? t("draft") : t("published")} ·{" "}
        {t("ownerLabel", { owner: ownerCodeOf(row.ownerPath) ?? t("national") })}
        {row.adaptsSetId ? ` · ${t("adaptsLabel", { id: row.adaptsSetId })}` : ""} ·{" "}
        {t("effectiveLabel", {
          from: dateOrOpen(row.effectiveFrom, ""),
          to: dateOrOpen(row.effectiveTo, t("openEnded")),
        })}
      </p>
      <p className="notice">{t("illustrative")}</p>
      <p>
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            downloadText(
              `${row.setId}-${row.version}.json`,
              `${JSON.stringify(definition, null, 2)}\n`,
            )
          }
        >
          {t("exportJson")}
        </button>{" "}
        <Link to={`/bo-tieu-chi/so-sanh?a=${previous?.id ?? ""}&b=${row.id}`}>{t("compare")}</Link>
      </p>

      {row.status === "published" ? (
        <>
          <p className="notice">{mayManage ? t("readOnly") : t("notManaged")}</p>
          {mayManage ? <Reevaluation id={row.id} /> : null}
          <ReadOnlySet definition={definition} />
        </>
      ) : mayManage ? (
        <>
          <SetEditor
            key={generation}
            row={row}
            parent={parentDefinition ?? null}
            onSaved={(updated) => {
              client.setQueryData(trpc.criteriaSet.get.queryKey({ id: row.id }), updated);
              void client.invalidateQueries({ queryKey: trpc.criteriaSet.list.queryKey() });
            }}
            onReload={() => void refresh().then(() => setGeneration((g) => g + 1))}
            onDirtyChange={setDirty}
          />
          {against ? (
            <section style={{ marginTop: "1.5rem" }}>
              <h2>{t("diffHeading", { against: against.label })}</h2>
              <ChangesTable
                changes={diffCriteriaSets(against.set, definition)}
                label={t("diffHeading", { against: against.label })}
              />
            </section>
          ) : null}
          <ImpactPreview id={row.id} defaultDate={defaultDate} />
          <section className="card" style={{ marginTop: "1.5rem" }}>
            <h2>{t("publish")}</h2>
            {blockers.length > 0 ? (
              <div className="notice" id="publish-blockers">
                <p>{t("cannotPublish")}</p>
                <ul>
                  {blockers.map((b) => (
                    <li key={b}>{b}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            {publishProblem ? <ErrorSummary problems={[{ text: publishProblem }]} /> : null}
            <button
              type="button"
              disabled={blockers.length > 0 || publish.isPending}
              aria-describedby={blockers.length > 0 ? "publish-blockers" : undefined}
              onClick={async () => {
                setPublishProblem(null);
                try {
                  await publish.mutateAsync({ id: row.id, expectedRowVersion: row.rowVersion });
                  await refresh();
                  void navigate(`/bo-tieu-chi/${row.id}`, { replace: true });
                } catch (error) {
                  setPublishProblem(readApiProblem(error).message ?? String(error));
                }
              }}
            >
              {publish.isPending ? t("publishing") : t("publish")}
            </button>
          </section>
        </>
      ) : (
        <>
          <p className="notice">{t("notManaged")}</p>
          <ReadOnlySet definition={definition} />
        </>
      )}
    </>
  );
}

/** Progress of the re-evaluation a publish asked for, polled until it ends. */
function Reevaluation({ id }: { id: string }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.criteriaSet.reevaluation.queryOptions({ id }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "done" || status === "failed" || query.state.data === null ? false : 1500;
    },
  });
  if (!job.data) return null;
  return (
    <p className="notice" role="status">
      {t("reevaluation", {
        status: t(`reevaluationStatus.${job.data.status}`),
        done: formatNumber(job.data.done),
        total: formatNumber(job.data.total),
      })}
    </p>
  );
}

function ReadOnlySet({ definition }: { definition: CriteriaSetInput }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  if (definition.criteria.length === 0) return <p>{t("noOwnCriteria")}</p>;
  return (
    <section>
      <h2>{t("criteria")}</h2>
      {definition.criteria.map((c) => (
        <details key={c.number}>
          <summary>{t("criterion", { number: c.number, name: c.name })}</summary>
          <ul>
            {c.indicators.map((i) => (
              <li key={i.code}>
                <strong>{i.code}</strong> {i.name}
                <ul>
                  {i.thresholds.map((rule, k) => (
                    <li key={k}>
                      {thresholdScopeText(rule)}:{" "}
                      {"relativeTo" in rule && rule.relativeTo
                        ? `${rule.relativeTo.percent} % ${rule.relativeTo.set} ${rule.relativeTo.indicator}`
                        : rule.value === null || rule.value === undefined
                          ? t("editor.valueEmpty")
                          : typeof rule.value === "number"
                            ? formatNumber(rule.value, 6)
                            : String(rule.value)}{" "}
                      <span className="muted">
                        ({rule.provenance.source}
                        {rule.provenance.verified ? " ✓" : ""})
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
