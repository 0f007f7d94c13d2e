import type { Role } from "@datchuan/domain";
import { ErrorSummary, FormField, fieldAria, useFocusOnFailure } from "@datchuan/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { type ReactNode, useId, useRef } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useServerErrors } from "../server-errors";
import type { ScopeOption } from "./scope-options";

export const GRANTABLE_ROLES: Role[] = ["admin", "reviewer", "commune_officer", "village_officer"];

export interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeCode: string;
  department: string;
}

type Field = keyof UserFormValues;

/** The fields as the server checks them, with the messages this app shows. */
function formSchema(t: (key: string) => string, mode: "create" | "edit") {
  return z
    .object({
      username:
        mode === "create"
          ? z
              .string()
              .trim()
              .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,49}$/u, t("users.errors.username"))
          : z.string(),
      displayName: z.string().trim().min(1, t("users.errors.displayName")),
      password: mode === "create" ? z.string().min(10, t("users.errors.password")) : z.string(),
      role: z.enum(["system_admin", ...GRANTABLE_ROLES] as [Role, ...Role[]]),
      scopeCode: z.string(),
      department: z.string().trim(),
    })
    .superRefine((values, context) => {
      if (values.role !== "system_admin" && !values.scopeCode)
        context.addIssue({ code: "custom", path: ["scopeCode"], message: t("users.errors.scope") });
      if (values.role === "reviewer" && !values.department)
        context.addIssue({
          code: "custom",
          path: ["department"],
          message: t("users.errors.department"),
        });
    });
}

/**
 * Create or edit an account: username, name, initial password (create only), role, unit scope
 * and, for reviewers, department. Checked here first (the first wrong field gets the focus); the
 * server's field messages land at the fields they concern, its other refusals in the summary.
 */
export function UserForm({
  mode,
  heading,
  initial,
  scopes,
  roles,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  mode: "create" | "edit";
  heading: string;
  initial: UserFormValues;
  scopes: ScopeOption[];
  roles: Role[];
  pending: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const form = useForm<UserFormValues>({
    defaultValues: initial,
    resolver: zodResolver(formSchema(t, mode)),
  });
  const { register, handleSubmit, formState, watch } = form;
  const role = watch("role");
  // The server's field messages land at their fields; the summary holds only the rest.
  const shown: Field[] = [
    ...(mode === "create" ? (["username", "password"] as const) : []),
    "displayName",
    "role",
    ...(role !== "system_admin" ? (["scopeCode"] as const) : []),
    ...(role === "reviewer" ? (["department"] as const) : []),
  ];
  const unplaced = useServerErrors(form, error, { fields: shown });
  useFocusOnFailure(summaryRef, unplaced.length > 0 ? unplaced : null);

  const fieldId = (name: Field) => `${id}-${name}`;
  const messageOf = (name: Field) => formState.errors[name]?.message;
  const field = (name: Field, label: string, input: ReactNode, hint?: string) => (
    <FormField id={fieldId(name)} label={label} hint={hint} error={messageOf(name)}>
      {input}
    </FormField>
  );
  const aria = (name: Field, hint: boolean) =>
    fieldAria(fieldId(name), { hint, error: messageOf(name) });

  return (
    <form
      className="card"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={handleSubmit(onSubmit)}
    >
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ErrorSummary problems={unplaced.map((text) => ({ text }))} ref={summaryRef} />
      {mode === "create"
        ? field(
            "username",
            t("users.username"),
            <input
              type="text"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              {...aria("username", true)}
              {...register("username")}
            />,
            t("users.usernameHint"),
          )
        : null}
      {field(
        "displayName",
        t("users.displayName"),
        <input
          type="text"
          autoComplete="off"
          {...aria("displayName", false)}
          {...register("displayName")}
        />,
      )}
      {mode === "create"
        ? field(
            "password",
            t("users.password"),
            <input
              type="text"
              autoComplete="new-password"
              autoCapitalize="none"
              spellCheck={false}
              {...aria("password", true)}
              {...register("password")}
            />,
            t("users.passwordHint"),
          )
        : null}
      {field(
        "role",
        t("users.role"),
        <select {...aria("role", false)} {...register("role")}>
          {roles.map((option) => (
            <option key={option} value={option}>
              {t(`users.roles.${option}`)}
            </option>
          ))}
        </select>,
      )}
      {role !== "system_admin"
        ? field(
            "scopeCode",
            t("users.scope"),
            <select {...aria("scopeCode", false)} {...register("scopeCode")}>
              <option value="">{t("users.chooseScope")}</option>
              {scopes.map((option) => (
                <option key={option.code} value={option.code}>
                  {`${"\u00a0\u00a0".repeat(option.depth)}${option.label}`}
                </option>
              ))}
            </select>,
          )
        : null}
      {role === "reviewer"
        ? field(
            "department",
            t("users.department"),
            <input
              type="text"
              autoComplete="off"
              {...aria("department", true)}
              {...register("department")}
            />,
            t("users.departmentHint"),
          )
        : null}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? t("users.saving") : t("users.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("users.cancel")}
        </button>
      </div>
    </form>
  );
}
