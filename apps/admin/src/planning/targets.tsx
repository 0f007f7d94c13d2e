import type { RouterOutputs } from "@datchuan/api";
import { formatNumber } from "@datchuan/domain";
import { ErrorSummary, QueryState, useTRPC } from "@datchuan/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormField, fieldAria, parseDecimal } from "../form-field";
import { useServerErrors } from "../server-errors";

type Target = RouterOutputs["planning"]["targets"][number];

interface TargetValues {
  metric: string;
  label: string;
  comparator: "gte" | "lte";
  value: string;
  unitOfMeasure: string;
  actual: string;
  actualSource: string;
}
type Field = keyof TargetValues;
const FIELDS: Field[] = [
  "metric",
  "label",
  "comparator",
  "value",
  "unitOfMeasure",
  "actual",
  "actualSource",
];

function reached(target: Target): boolean | null {
  if (target.actual === null) return null;
  return target.comparator === "gte"
    ? target.actual >= target.value
    : target.actual <= target.value;
}

/** The year's targets of the scope unit against the actual results, and the form to set one. */
export function TargetsSection({
  unitCode,
  defaultYear,
}: {
  unitCode: string;
  defaultYear: number;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const [year, setYear] = useState(defaultYear);
  const targets = useQuery(trpc.planning.targets.queryOptions({ unitCode, year }));
  const [editing, setEditing] = useState<Target | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const symbol = (c: "gte" | "lte") => (c === "gte" ? "≥" : "≤");

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("planning.targetsHeading")}</h2>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t("planning.year")}</label>
        <select
          id={`${id}-year`}
          value={year}
          onChange={(event) => {
            setYear(Number(event.target.value));
            setEditing(null);
          }}
        >
          {Array.from({ length: 9 }, (_, i) => defaultYear - 4 + i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      <QueryState
        isPending={targets.isPending}
        error={targets.error}
        onRetry={() => void targets.refetch()}
      />
      {targets.data?.length === 0 ? <p>{t("planning.noTargets")}</p> : null}
      {targets.data?.length ? (
        <div className="table-scroll">
          <table aria-label={t("planning.targetsCaption", { year })}>
            <thead>
              <tr>
                <th scope="col">{t("planning.label")}</th>
                <th scope="col">{t("planning.value")}</th>
                <th scope="col">{t("planning.actual")}</th>
                <th scope="col">{t("planning.result")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("planning.editTarget")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.data.map((row) => {
                const outcome = reached(row);
                return (
                  <tr key={row.id}>
                    <th scope="row">{row.label}</th>
                    <td>
                      {symbol(row.comparator)} {formatNumber(row.value)} {row.unitOfMeasure}
                    </td>
                    <td>
                      {row.actual === null
                        ? "—"
                        : `${formatNumber(row.actual)} ${row.unitOfMeasure}`}
                      {row.actualSource ? <div className="muted">{row.actualSource}</div> : null}
                    </td>
                    <td>
                      {outcome === null
                        ? t("planning.unknown")
                        : outcome
                          ? t("planning.reached")
                          : t("planning.notReached")}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={t("planning.editTargetLabel", { label: row.label })}
                        onClick={() => setEditing(row)}
                      >
                        {t("planning.editTarget")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <TargetForm
          key={editing === "new" ? "new" : editing.id}
          unitCode={unitCode}
          year={year}
          target={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(label) => {
            setEditing(null);
            setNotice(t("planning.targetSaved", { label }));
          }}
        />
      ) : (
        <button type="button" onClick={() => setEditing("new")}>
          {t("planning.addTarget")}
        </button>
      )}
    </section>
  );
}

function TargetForm({
  unitCode,
  year,
  target,
  onCancel,
  onSaved,
}: {
  unitCode: string;
  year: number;
  target: Target | null;
  onCancel: () => void;
  onSaved: (label: string) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const number = (message: string, optional: boolean) =>
    z.string().refine((text) => {
      const parsed = parseDecimal(text);
      return parsed === null ? optional : !Number.isNaN(parsed);
    }, message);
  const schema = z.object({
    metric: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/u, t("planning.errors.metric")),
    label: z.string().trim().min(1, t("planning.errors.label")),
    comparator: z.enum(["gte", "lte"]),
    value: number(t("planning.errors.value"), false),
    unitOfMeasure: z.string(),
    actual: number(t("planning.errors.actual"), true),
    actualSource: z.string(),
  });
  const show = (n: number | null) => (n === null ? "" : formatNumber(n, 6).replace(/\./gu, ""));
  const form = useForm<TargetValues>({
    defaultValues: target
      ? {
          metric: target.metric,
          label: target.label,
          comparator: target.comparator,
          value: show(target.value),
          unitOfMeasure: target.unitOfMeasure,
          actual: show(target.actual),
          actualSource: target.actualSource ?? "",
        }
      : {
          metric: "",
          label: "",
          comparator: "gte",
          value: "",
          unitOfMeasure: "",
          actual: "",
          actualSource: "",
        },
    resolver: zodResolver(schema),
  });
  const save = useMutation(
    trpc.planning.setTarget.mutationOptions({
      onSuccess: async (saved) => {
        await queryClient.invalidateQueries({
          queryKey: trpc.planning.targets.queryKey({ unitCode, year }),
        });
        onSaved(saved.label);
      },
    }),
  );
  // The server's field messages land beside their fields; the summary holds only the rest.
  const unplaced = useServerErrors(form, save.error, { fields: FIELDS });
  const fieldError = (name: Field) => form.formState.errors[name]?.message;

  const text = (name: Field, label: string, options: { hint?: string; decimal?: boolean } = {}) => (
    <FormField id={`${id}-${name}`} label={label} hint={options.hint} error={fieldError(name)}>
      <input
        type="text"
        autoComplete="off"
        inputMode={options.decimal ? "decimal" : undefined}
        readOnly={name === "metric" && target !== null}
        {...fieldAria(`${id}-${name}`, { hint: Boolean(options.hint), error: fieldError(name) })}
        {...form.register(name)}
      />
    </FormField>
  );

  return (
    <form
      className="card"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={form.handleSubmit((values) =>
        save.mutate({
          unitCode,
          year,
          metric: values.metric,
          label: values.label.trim(),
          comparator: values.comparator,
          value: parseDecimal(values.value)!,
          unitOfMeasure: values.unitOfMeasure.trim(),
          actual: parseDecimal(values.actual),
          actualSource: values.actualSource.trim() || null,
          expectedRowVersion: target?.rowVersion ?? null,
        }),
      )}
    >
      <h3 id={`${id}-heading`}>{t("planning.targetFormHeading", { year })}</h3>
      <ErrorSummary problems={unplaced.map((text) => ({ text }))} />
      {text("metric", t("planning.metric"), { hint: t("planning.metricHint") })}
      {text("label", t("planning.label"))}
      <div className="filters">
        <FormField id={`${id}-comparator`} label={t("planning.comparator")}>
          <select {...fieldAria(`${id}-comparator`, {})} {...form.register("comparator")}>
            <option value="gte">{t("planning.comparators.gte")}</option>
            <option value="lte">{t("planning.comparators.lte")}</option>
          </select>
        </FormField>
        {text("value", t("planning.value"), { decimal: true })}
        {text("unitOfMeasure", t("planning.unitOfMeasure"))}
      </div>
      <div className="filters">
        {text("actual", t("planning.actual"), { hint: t("planning.actualHint"), decimal: true })}
        {text("actualSource", t("planning.actualSource"))}
      </div>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t("planning.saving") : t("planning.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("planning.cancel")}
        </button>
      </div>
    </form>
  );
}
