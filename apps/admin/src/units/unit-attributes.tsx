import { formatDate } from "@datchuan/domain";
import {
  apiErrorCode,
  ErrorSummary,
  type FormProblem,
  QueryState,
  readApiProblem,
  useTRPC,
} from "@datchuan/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormField, fieldAria } from "../form-field";
import type { ScopeOption } from "../users/scope-options";

interface AttributeValues {
  name: string;
  value: string;
  effectiveFrom: string;
}

interface AttributeEntry {
  name: string;
  value: string;
  effectiveFrom: string;
}

/**
 * The value of `name` in effect on `day` as the history shown reads it (null: none), which the
 * save sends as expected: had someone changed it since, the server refuses instead of replacing.
 */
function entryInEffect(history: AttributeEntry[], name: string, day: string) {
  const entry = history
    .filter((row) => row.name === name && row.effectiveFrom <= day)
    .reduce<AttributeEntry | null>(
      (latest, row) => (latest && latest.effectiveFrom >= row.effectiveFrom ? latest : row),
      null,
    );
  return entry ? { value: entry.value, effectiveFrom: entry.effectiveFrom } : null;
}

/** A unit's attributes with the day each value took effect, and the form to set one from a day. */
export function UnitAttributes({ units }: { units: ScopeOption[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [code, setCode] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const history = useQuery({
    ...trpc.unit.attributeHistory.queryOptions({ code: code || "X" }),
    enabled: Boolean(code),
  });
  const schema = z.object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/u, t("units.attributeErrors.name")),
    value: z.string().trim().min(1, t("units.attributeErrors.value")),
    effectiveFrom: z.string().min(1, t("units.attributeErrors.date")),
  });
  const form = useForm<AttributeValues>({
    defaultValues: { name: "", value: "", effectiveFrom: "" },
    resolver: zodResolver(schema),
  });
  const save = useMutation(
    trpc.unit.setAttribute.mutationOptions({
      onSuccess: async (result, input) => {
        setNotice(
          t("units.attributeSaved", {
            name: input.name,
            value: input.value,
            date: formatDate(input.effectiveFrom),
            count: result.reevaluatedReports,
          }),
        );
        form.reset();
        await queryClient.invalidateQueries({
          queryKey: trpc.unit.attributeHistory.queryKey({ code }),
        });
      },
    }),
  );
  const conflict = apiErrorCode(save.error) === "CONFLICT";
  const server = save.error && !conflict ? readApiProblem(save.error) : null;
  const fieldError = (name: keyof AttributeValues) =>
    form.formState.errors[name]?.message ?? server?.fieldErrors[name]?.join(" ");
  const problems: FormProblem[] = (["name", "value", "effectiveFrom"] as const).flatMap((name) => {
    const text = fieldError(name);
    return text ? [{ fieldId: `${id}-${name}`, text }] : [];
  });
  if (server && problems.length === 0)
    problems.push({ text: server.message ?? t("common:form.noServer") });
  const unitLabel = units.find((u) => u.code === code)?.label ?? code;

  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t("units.attributesHeading")}</h2>
      <p className="muted">{t("units.attributesIntro")}</p>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t("units.unit")}</label>
        <select
          id={`${id}-unit`}
          value={code}
          onChange={(event) => {
            setCode(event.target.value);
            setNotice(null);
            save.reset();
          }}
        >
          <option value="">{t("units.chooseUnit")}</option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code}>
              {`${"\u00a0\u00a0".repeat(unit.depth)}${unit.label}`}
            </option>
          ))}
        </select>
      </div>
      {code ? (
        <>
          <QueryState
            isPending={history.isPending}
            error={history.error}
            onRetry={() => void history.refetch()}
          />
          {history.data?.length === 0 ? <p>{t("units.noAttributes")}</p> : null}
          {history.data?.length ? (
            <div className="table-scroll">
              <table aria-label={t("units.historyCaption", { unit: unitLabel })}>
                <thead>
                  <tr>
                    <th scope="col">{t("units.attribute")}</th>
                    <th scope="col">{t("units.value")}</th>
                    <th scope="col">{t("units.effectiveFrom")}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.map((row) => (
                    <tr key={`${row.name}:${row.effectiveFrom}`}>
                      <th scope="row">{row.name}</th>
                      <td>{row.value}</td>
                      <td>{formatDate(row.effectiveFrom)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <div aria-live="polite">
            {notice ? (
              <p className="notice notice-success" role="status">
                {notice}
              </p>
            ) : null}
          </div>
          <form
            noValidate
            aria-label={t("units.setAttribute")}
            onSubmit={form.handleSubmit((values) =>
              save.mutate({
                code,
                name: values.name,
                value: values.value.trim(),
                effectiveFrom: values.effectiveFrom,
                expected: entryInEffect(history.data ?? [], values.name, values.effectiveFrom),
              }),
            )}
          >
            {conflict ? (
              <div className="notice notice-error" role="alert">
                <p>{t("units.attributeConflict")}</p>
                <button
                  type="button"
                  onClick={() => {
                    save.reset();
                    void history.refetch();
                  }}
                >
                  {t("units.reloadAttributes")}
                </button>
              </div>
            ) : null}
            <ErrorSummary problems={problems} />
            <div className="filters">
              <FormField
                id={`${id}-name`}
                label={t("units.attribute")}
                hint={t("units.attributeHint")}
                error={fieldError("name")}
              >
                <input
                  type="text"
                  autoComplete="off"
                  autoCapitalize="none"
                  {...fieldAria(`${id}-name`, { hint: true, error: fieldError("name") })}
                  {...form.register("name")}
                />
              </FormField>
              <FormField
                id={`${id}-value`}
                label={t("units.value")}
                hint={t("units.valueHint")}
                error={fieldError("value")}
              >
                <input
                  type="text"
                  autoComplete="off"
                  {...fieldAria(`${id}-value`, { hint: true, error: fieldError("value") })}
                  {...form.register("value")}
                />
              </FormField>
              <FormField
                id={`${id}-effectiveFrom`}
                label={t("units.effectiveFrom")}
                error={fieldError("effectiveFrom")}
              >
                <input
                  type="date"
                  {...fieldAria(`${id}-effectiveFrom`, { error: fieldError("effectiveFrom") })}
                  {...form.register("effectiveFrom")}
                />
              </FormField>
            </div>
            {/* What it replaces is read from the history, so it waits for the history. */}
            <button type="submit" disabled={save.isPending || !history.data}>
              {t("units.setAttribute")}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
