import "../operations.css";
import { scopeUnitCode } from "@datchuan/domain";
import { ErrorSummary, QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { scopeOptions } from "../users/scope-options";

const ACTION_KINDS = [
  "user",
  "value",
  "report",
  "registration",
  "target",
  "unit",
  "cluster",
  "criteria_set",
] as const;
const PAGE = 50;
/** The most one request may ask for; narrower filters find older events. */
const MAX = 200;

interface Filters {
  unitCode: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

/** "2025-06-30T08:15:00Z" → "30/06/2025 15:15" in Vietnam's time. */
function formatInstant(value: string | Date): string {
  return new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(value));
}

/** A before/after object as short "key: value" lines; the raw JSON would bury the change. */
function Changes({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value !== "object") return <>{String(value)}</>;
  return (
    <ul className="list-plain changes">
      {Object.entries(value as Record<string, unknown>).map(([key, item]) => (
        <li key={key}>
          <span className="muted">{key}:</span>{" "}
          {typeof item === "object" && item !== null ? JSON.stringify(item) : String(item)}
        </li>
      ))}
    </ul>
  );
}

/** /nhat-ky — the audit log of the units the viewer manages, filterable. */
export default function AuditPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { viewer } = useSession();
  const roles = viewer?.roles ?? [];
  const tree = useQuery(trpc.unit.tree.queryOptions());
  const systemAdmin = roles.some((r) => r.role === "system_admin");
  const home = roles.find((r) => r.role === "admin" && r.scopePath)?.scopePath;
  const units = tree.data ? scopeOptions(tree.data, roles) : [];
  const initial: Filters = {
    unitCode: home ? (scopeUnitCode(home) ?? "") : "",
    actor: "",
    action: "",
    from: "",
    to: "",
  };
  const [draft, setDraft] = useState<Filters>(initial);
  const [applied, setApplied] = useState<Filters>(initial);
  const [dateOrder, setDateOrder] = useState(false);
  const [limit, setLimit] = useState(PAGE);

  const input = {
    ...(applied.unitCode ? { unitCode: applied.unitCode } : {}),
    ...(applied.actor.trim() ? { actor: applied.actor.trim() } : {}),
    ...(applied.action ? { action: applied.action } : {}),
    ...(applied.from ? { from: applied.from } : {}),
    ...(applied.to ? { to: applied.to } : {}),
    limit,
  };
  const log = useQuery({
    ...trpc.audit.list.queryOptions(input),
    enabled: systemAdmin || Boolean(applied.unitCode),
    placeholderData: (previous) => previous,
  });
  const rows = log.data ?? [];
  const unitLabel = (path: string) => {
    const code = scopeUnitCode(path);
    return units.find((u) => u.code === code)?.label ?? code ?? "/";
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateOrder(true);
      return;
    }
    setDateOrder(false);
    setLimit(PAGE);
    setApplied(draft);
  }
  const set = (key: keyof Filters) => (value: string) =>
    setDraft((old) => ({ ...old, [key]: value }));

  return (
    <>
      <h1>{t("audit.heading")}</h1>
      <p className="muted">{t("audit.intro")}</p>
      <form className="card" noValidate onSubmit={submit} aria-label={t("audit.apply")}>
        <ErrorSummary
          problems={dateOrder ? [{ fieldId: "audit-to", text: t("audit.errors.dateOrder") }] : []}
        />
        <div className="filters">
          <div className="field">
            <label htmlFor="audit-unit">{t("audit.unit")}</label>
            <select
              id="audit-unit"
              value={draft.unitCode}
              onChange={(event) => set("unitCode")(event.target.value)}
            >
              {systemAdmin ? <option value="">{t("audit.system")}</option> : null}
              {units.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {`${"\u00a0\u00a0".repeat(unit.depth)}${unit.label}`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t("audit.actor")}</label>
            <input
              id="audit-actor"
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              value={draft.actor}
              onChange={(event) => set("actor")(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="audit-action">{t("audit.action")}</label>
            <select
              id="audit-action"
              value={draft.action}
              onChange={(event) => set("action")(event.target.value)}
            >
              <option value="">{t("audit.anyAction")}</option>
              {ACTION_KINDS.map((kind) => (
                <option key={kind} value={`${kind}.`}>
                  {t(`audit.actions.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t("audit.from")}</label>
            <input
              id="audit-from"
              type="date"
              value={draft.from}
              onChange={(event) => set("from")(event.target.value)}
            />
          </div>
          <div className={dateOrder ? "field field-invalid" : "field"}>
            <label htmlFor="audit-to">{t("audit.to")}</label>
            {dateOrder ? (
              <p id="audit-to-error" className="field-error">
                {t("audit.errors.dateOrder")}
              </p>
            ) : null}
            <input
              id="audit-to"
              type="date"
              value={draft.to}
              aria-invalid={dateOrder || undefined}
              aria-describedby={dateOrder ? "audit-to-error" : undefined}
              onChange={(event) => set("to")(event.target.value)}
            />
          </div>
        </div>
        <div className="actions">
          <button type="submit">{t("audit.apply")}</button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setDraft(initial);
              setApplied(initial);
              setDateOrder(false);
            }}
          >
            {t("audit.clear")}
          </button>
        </div>
      </form>
      <QueryState isPending={log.isPending} error={log.error} onRetry={() => void log.refetch()} />
      {log.data && rows.length === 0 ? <p>{t("audit.empty")}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table aria-label={t("audit.caption")}>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.where")}</th>
                <th scope="col">{t("audit.before")}</th>
                <th scope="col">{t("audit.after")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatInstant(row.at)}</td>
                  <td>{row.actor ?? t("audit.system")}</td>
                  <td>{row.action}</td>
                  <td>{unitLabel(row.unitPath)}</td>
                  <td>
                    <Changes value={row.before} />
                  </td>
                  <td>
                    <Changes value={row.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {rows.length === limit && limit < MAX ? (
        <button
          type="button"
          className="button-secondary"
          disabled={log.isFetching}
          onClick={() => setLimit((n) => Math.min(n + PAGE, MAX))}
        >
          {t("audit.more")}
        </button>
      ) : null}
    </>
  );
}
