import { ErrorSummary, QueryState, useTRPC } from "@datchuan/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormField, fieldAria } from "../form-field";
import { useServerErrors } from "../server-errors";
import type { ScopeOption } from "../users/scope-options";

interface RegistrationValues {
  unitCode: string;
  setId: string;
  targetYear: string;
  note: string;
}

/** Registrations (đăng ký về đích) under the scope, and the form to add or move one. */
export function RegistrationsSection({
  scopeCode,
  units,
  sets,
}: {
  scopeCode: string;
  units: ScopeOption[];
  sets: Array<{ setId: string; title: string }>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const registrations = useQuery(trpc.planning.registrations.queryOptions({ scopeCode }));
  const [notice, setNotice] = useState<string | null>(null);
  const schema = z.object({
    unitCode: z.string().min(1, t("planning.errors.unit")),
    setId: z.string().min(1),
    targetYear: z
      .string()
      .trim()
      .regex(/^\d{4}$/u, t("planning.errors.year"))
      .refine((y) => Number(y) >= 2010 && Number(y) <= 2100, t("planning.errors.year")),
    note: z.string(),
  });
  const form = useForm<RegistrationValues>({
    defaultValues: {
      unitCode: "",
      // The commune NTM set is what most registrations are for.
      setId: sets.find((s) => s.setId === "ntm-xa-2021-2025")?.setId ?? sets[0]?.setId ?? "",
      targetYear: "",
      note: "",
    },
    resolver: zodResolver(schema),
  });
  const register = useMutation(
    trpc.planning.register.mutationOptions({
      onSuccess: async (saved) => {
        setNotice(t("planning.registered", { unit: saved.unitName, year: saved.targetYear }));
        form.reset({ ...form.getValues(), unitCode: "", targetYear: "", note: "" });
        await queryClient.invalidateQueries({
          queryKey: trpc.planning.registrations.queryKey({ scopeCode }),
        });
      },
    }),
  );
  const errors = form.formState.errors;
  // The server's field messages land beside their fields; the summary holds only the rest.
  const unplaced = useServerErrors(form, register.error, {
    fields: ["unitCode", "setId", "targetYear", "note"],
  });
  const fieldError = (name: keyof RegistrationValues) => errors[name]?.message;
  const setTitle = (setId: string) => sets.find((s) => s.setId === setId)?.title ?? setId;

  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("planning.registrationsHeading")}</h2>
      <QueryState
        isPending={registrations.isPending}
        error={registrations.error}
        onRetry={() => void registrations.refetch()}
      />
      {registrations.data?.length === 0 ? <p>{t("planning.noRegistrations")}</p> : null}
      {registrations.data?.length ? (
        <div className="table-scroll">
          <table aria-label={t("planning.registrationsCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("planning.unit")}</th>
                <th scope="col">{t("planning.set")}</th>
                <th scope="col">{t("planning.targetYear")}</th>
                <th scope="col">{t("planning.note")}</th>
              </tr>
            </thead>
            <tbody>
              {registrations.data.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {units.find((u) => u.code === row.unitCode)?.label ?? row.unitName}
                  </th>
                  <td>{setTitle(row.setId)}</td>
                  <td>{row.targetYear}</td>
                  <td>{row.note ?? ""}</td>
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
        className="card"
        noValidate
        aria-labelledby={`${id}-form`}
        onSubmit={form.handleSubmit((values) => {
          const existing = registrations.data?.find(
            (r) => r.unitCode === values.unitCode && r.setId === values.setId,
          );
          register.mutate({
            unitCode: values.unitCode,
            setId: values.setId,
            targetYear: Number(values.targetYear),
            note: values.note.trim() || null,
            expectedRowVersion: existing?.rowVersion ?? null,
          });
        })}
      >
        <h3 id={`${id}-form`}>{t("planning.registerHeading")}</h3>
        <p className="field-hint">{t("planning.registerHint")}</p>
        <ErrorSummary problems={unplaced.map((text) => ({ text }))} />
        <div className="filters">
          <FormField
            id={`${id}-unitCode`}
            label={t("planning.unit")}
            error={fieldError("unitCode")}
          >
            <select
              {...fieldAria(`${id}-unitCode`, { error: fieldError("unitCode") })}
              {...form.register("unitCode")}
            >
              <option value="">{t("planning.chooseUnit")}</option>
              {units.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id={`${id}-setId`} label={t("planning.set")} error={fieldError("setId")}>
            <select
              {...fieldAria(`${id}-setId`, { error: fieldError("setId") })}
              {...form.register("setId")}
            >
              {sets.map((set) => (
                <option key={set.setId} value={set.setId}>
                  {set.title}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            id={`${id}-targetYear`}
            label={t("planning.targetYear")}
            error={fieldError("targetYear")}
          >
            <input
              type="text"
              inputMode="numeric"
              autoComplete="off"
              {...fieldAria(`${id}-targetYear`, { error: fieldError("targetYear") })}
              {...form.register("targetYear")}
            />
          </FormField>
        </div>
        <FormField id={`${id}-note`} label={t("planning.note")} error={fieldError("note")}>
          <input
            type="text"
            autoComplete="off"
            {...fieldAria(`${id}-note`, { error: fieldError("note") })}
            {...form.register("note")}
          />
        </FormField>
        <button type="submit" disabled={register.isPending}>
          {register.isPending ? t("planning.saving") : t("planning.register")}
        </button>
      </form>
    </section>
  );
}
