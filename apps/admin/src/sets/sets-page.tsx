import "./zod-vi";
import { criteriaSetSchema, formatDate } from "@datchuan/domain";
import { ErrorSummary, QueryState, readApiProblem, useSession, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ChangeEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { CHOICE_INPUT, CHOICE_LABEL, ownerCodeOf, type SetSummary, TableScroll } from "./shared";

/** `/bo-tieu-chi`: the sets and their versions, a new draft, an imported one. */
export default function SetsPage() {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const list = useQuery(trpc.criteriaSet.list.queryOptions());
  return (
    <>
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <p className="notice">{t("illustrative")}</p>
      <p>
        <Link to="/bo-tieu-chi/so-sanh">{t("compare")}</Link>
      </p>
      <QueryState
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
      {list.data ? (
        <>
          <SetsTable rows={list.data} />
          <StartDraft rows={list.data} />
          <ImportSet />
        </>
      ) : null}
    </>
  );
}

function SetsTable({ rows }: { rows: SetSummary[] }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  return (
    <TableScroll>
      <table aria-label={t("heading")}>
        <thead>
          <tr>
            <th scope="col">{t("colSet")}</th>
            <th scope="col">{t("colVersion")}</th>
            <th scope="col">{t("colStatus")}</th>
            <th scope="col">{t("colOwner")}</th>
            <th scope="col">{t("colAdapts")}</th>
            <th scope="col">{t("colEffective")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/bo-tieu-chi/${row.id}`}>{row.title}</Link>
                <div className="muted">{row.setId}</div>
              </td>
              <td>{row.version}</td>
              <td>{row.status === "draft" ? t("draft") : t("published")}</td>
              <td>{ownerCodeOf(row.ownerPath) ?? t("national")}</td>
              <td>{row.adaptsSetId ?? "—"}</td>
              <td>
                {formatDate(row.effectiveFrom)} –{" "}
                {row.effectiveTo ? formatDate(row.effectiveTo) : t("openEnded")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The viewer's own scope, as the default owner of what they create. */
function useDefaultOwner(): string {
  const { viewer } = useSession();
  const scoped = viewer?.roles.find((r) => r.scopePath);
  return ownerCodeOf(scoped?.scopePath) ?? "";
}

function StartDraft({ rows }: { rows: SetSummary[] }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const client = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const published = rows.filter((r) => r.status === "published");
  const [baseId, setBaseId] = useState(published[0]?.id ?? "");
  const [mode, setMode] = useState<"version" | "adapt">("adapt");
  const [newId, setNewId] = useState("");
  const [newVersion, setNewVersion] = useState("");
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState(useDefaultOwner());
  const [problems, setProblems] = useState<string[]>([]);
  const create = useMutation(trpc.criteriaSet.createDraft.mutationOptions());

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const base = published.find((r) => r.id === baseId);
    const missing = [
      !base && t("base"),
      mode === "adapt" && !newId.trim() && t("newId"),
      !newVersion.trim() && t("newVersion"),
    ].filter((x): x is string => Boolean(x));
    setProblems(missing);
    if (!base || missing.length > 0) return;
    const row = await client.fetchQuery(trpc.criteriaSet.get.queryOptions({ id: base.id }));
    const source = row.definition as Record<string, unknown>;
    const definition =
      mode === "version"
        ? {
            ...source,
            version: newVersion.trim(),
            ...(title.trim() ? { title: title.trim() } : {}),
          }
        : {
            id: newId.trim(),
            version: newVersion.trim(),
            title: title.trim() || `${String(source.title)} (điều chỉnh)`,
            level: source.level,
            effective: source.effective,
            legalBasis: source.legalBasis,
            adapts: { id: base.setId },
            groups: [],
            criteria: [],
          };
    try {
      const created = await create.mutateAsync({
        definition,
        ownerUnitCode:
          mode === "version" ? ownerCodeOf(base.ownerPath) : owner.trim() ? owner.trim() : null,
      });
      await client.invalidateQueries({ queryKey: trpc.criteriaSet.list.queryKey() });
      void navigate(`/bo-tieu-chi/${created.id}`);
    } catch (error) {
      setProblems([readApiProblem(error).message ?? String(error)]);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} style={{ marginTop: "1.5rem" }}>
      <h2>{t("startHeading")}</h2>
      <p className="muted">{t("startIntro")}</p>
      <ErrorSummary problems={problems.map((text) => ({ text }))} />
      <div className="field">
        <label htmlFor={`${id}-base`}>{t("base")}</label>
        <select id={`${id}-base`} value={baseId} onChange={(e) => setBaseId(e.target.value)}>
          {published.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title} — {r.version}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t("mode")}</legend>
        <label style={CHOICE_LABEL}>
          <input
            style={CHOICE_INPUT}
            type="radio"
            name={`${id}-mode`}
            checked={mode === "adapt"}
            onChange={() => setMode("adapt")}
          />{" "}
          {t("modeAdapt")}
        </label>
        <br />
        <label style={CHOICE_LABEL}>
          <input
            style={CHOICE_INPUT}
            type="radio"
            name={`${id}-mode`}
            checked={mode === "version"}
            onChange={() => setMode("version")}
          />{" "}
          {t("modeVersion")}
        </label>
      </fieldset>
      {mode === "adapt" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-id`}>{t("newId")}</label>
            <input id={`${id}-id`} value={newId} onChange={(e) => setNewId(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-owner`}>{t("owner")}</label>
            <input
              id={`${id}-owner`}
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              aria-describedby={`${id}-owner-hint`}
            />
            <span className="field-hint" id={`${id}-owner-hint`}>
              {t("ownerHint")}
            </span>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-version`}>{t("newVersion")}</label>
        <input
          id={`${id}-version`}
          value={newVersion}
          onChange={(e) => setNewVersion(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t("newTitle")}</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <button type="submit" disabled={create.isPending}>
        {t("create")}
      </button>
    </form>
  );
}

/** "criteria.0.indicators.2.code: message", each problem of the file on a line. */
function issuesOf(json: unknown): string[] {
  const parsed = criteriaSetSchema.safeParse(json);
  if (parsed.success) return [];
  return parsed.error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join(".") : "(gốc)"}: ${issue.message}`,
  );
}

function ImportSet() {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  const client = useQueryClient();
  const navigate = useNavigate();
  const id = useId();
  const [definition, setDefinition] = useState<unknown>(null);
  const [issues, setIssues] = useState<string[]>([]);
  const [owner, setOwner] = useState(useDefaultOwner());
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation(trpc.criteriaSet.createDraft.mutationOptions());

  async function read(event: ChangeEvent<HTMLInputElement>) {
    setDefinition(null);
    setProblem(null);
    const file = event.target.files?.[0];
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setIssues([t("importNotJson")]);
      return;
    }
    const found = issuesOf(json);
    setIssues(found);
    if (found.length === 0) setDefinition(json);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!definition) return;
    try {
      const created = await create.mutateAsync({
        definition,
        ownerUnitCode: owner.trim() ? owner.trim() : null,
      });
      await client.invalidateQueries({ queryKey: trpc.criteriaSet.list.queryKey() });
      void navigate(`/bo-tieu-chi/${created.id}`);
    } catch (error) {
      setProblem(readApiProblem(error).message ?? String(error));
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} style={{ marginTop: "1.5rem" }}>
      <h2>{t("importHeading")}</h2>
      {problem ? <ErrorSummary problems={[{ text: problem }]} /> : null}
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("importFile")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void read(e)}
        />
      </div>
      {issues.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <p>{t("importErrors", { count: issues.length })}</p>
          <ul>
            {issues.slice(0, 50).map((issue) => (
              <li key={issue}>{issue}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t("owner")}</label>
        <input id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)} />
      </div>
      <button type="submit" disabled={!definition || create.isPending}>
        {t("importSubmit")}
      </button>
    </form>
  );
}
