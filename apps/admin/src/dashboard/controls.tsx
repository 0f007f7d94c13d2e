import { formatDate, formatUnitName } from "@datchuan/domain";
import { useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DashboardParams, parseVietnameseDate } from "./params";
import type { ReviewableUnit } from "./use-dashboard";

export interface SetOption {
  setId: string;
  title: string;
}

/** Unit, set and dates of the review; applied together, so each change is one load. */
export function DashboardControls({
  params,
  units,
  sets,
  onApply,
  mayReadDrafts,
}: {
  params: DashboardParams & { unitCode: string };
  units: readonly ReviewableUnit[];
  sets: readonly SetOption[];
  onApply: (next: DashboardParams) => void;
  /** Whether to offer unsigned verdicts: the server refuses them to others. */
  mayReadDrafts: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const trpc = useTRPC();
  const [unitCode, setUnitCode] = useState(params.unitCode);
  const [clusterId, setClusterId] = useState(params.clusterId ?? "");
  // The clusters of the unit chosen here (a former district kept as a group…): a narrower scope.
  const clusters = useQuery(trpc.unit.clusters.queryOptions({ ownerCode: unitCode }));
  const [setId, setSetId] = useState(params.setId);
  const [date, setDate] = useState(formatDate(params.asOf));
  const [since, setSince] = useState(params.since ? formatDate(params.since) : "");
  const [working, setWorking] = useState(params.working);
  const [errors, setErrors] = useState<{ date?: string; since?: string }>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const asOf = parseVietnameseDate(date);
    const sinceIso = since.trim() ? parseVietnameseDate(since) : null;
    const next: typeof errors = {};
    if (!asOf) next.date = t("dashboard.dateInvalid");
    if (since.trim() && (!sinceIso || (asOf && sinceIso >= asOf)))
      next.since = t("dashboard.sinceInvalid");
    setErrors(next);
    if (next.date || next.since || !asOf) return;
    onApply({
      unitCode,
      clusterId: clusters.data?.some((c) => c.id === clusterId) ? clusterId : null,
      setId,
      asOf,
      since: sinceIso,
      working: mayReadDrafts && working,
    });
  }

  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="card dashboard-controls" onSubmit={submit} noValidate>
      <h2 className="visually-hidden">{t("dashboard.controls")}</h2>
      <div className="field">
        <label htmlFor={field("unit")}>{t("dashboard.unit")}</label>
        <select
          id={field("unit")}
          value={unitCode}
          onChange={(event) => {
            setUnitCode(event.target.value);
            setClusterId("");
          }}
        >
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {formatUnitName(unit)}
            </option>
          ))}
        </select>
      </div>
      {clusters.data?.length ? (
        <div className="field">
          <label htmlFor={field("cluster")}>{t("dashboard.cluster")}</label>
          <select
            id={field("cluster")}
            value={clusterId}
            onChange={(event) => setClusterId(event.target.value)}
          >
            <option value="">{t("dashboard.wholeUnit")}</option>
            {clusters.data.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={field("set")}>{t("dashboard.set")}</label>
        <select id={field("set")} value={setId} onChange={(event) => setSetId(event.target.value)}>
          {sets.map((set) => (
            <option key={set.setId} value={set.setId}>
              {set.title}
            </option>
          ))}
        </select>
      </div>
      <DateField
        id={field("date")}
        label={t("dashboard.date")}
        value={date}
        onChange={setDate}
        error={errors.date}
      />
      <DateField
        id={field("since")}
        label={t("dashboard.since")}
        value={since}
        onChange={setSince}
        error={errors.since}
      />
      {mayReadDrafts ? (
        <div className="field field-check">
          <label>
            <input
              type="checkbox"
              checked={working}
              onChange={(event) => setWorking(event.target.checked)}
            />{" "}
            {t("dashboard.working")}
          </label>
        </div>
      ) : null}
      <div className="dashboard-controls-submit">
        <button type="submit">{t("dashboard.show")}</button>
      </div>
    </form>
  );
}

function DateField({
  id,
  label,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {t("dashboard.dateHint")}
      </p>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="dd/mm/yyyy"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}
