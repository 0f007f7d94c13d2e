import { PasswordField, readApiProblem, useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserEntry } from "./users-page";

/** One field: the new password an admin gives a user who lost theirs. */
export function ResetPasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: UserEntry;
  onDone: (message: string) => Promise<void> | void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const [password, setPassword] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: () => onDone(t("users.resetDone", { username: user.username })),
    }),
  );
  const problem = reset.error ? readApiProblem(reset.error) : null;
  const errors = [
    ...(tooShort ? [t("users.errors.password")] : []),
    ...(problem?.fieldErrors.newPassword ?? []),
  ];
  function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 10) {
      reset.reset();
      setTooShort(true);
      return;
    }
    setTooShort(false);
    reset.mutate({ userId: user.id, newPassword: password, expectedVersion: user.version });
  }
  return (
    <form className="card" noValidate onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("users.resetHeading", { username: user.username })}</h2>
      {problem && errors.length === 0 ? (
        <p className="notice notice-error" role="alert">
          {problem.message ?? t("common:form.noServer")}
        </p>
      ) : null}
      <PasswordField
        id={`${id}-password`}
        label={t("users.newPassword")}
        hint={t("users.passwordHint")}
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        errors={errors}
      />
      <div className="actions">
        <button type="submit" disabled={reset.isPending}>
          {reset.isPending ? t("users.saving") : t("users.reset")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("users.cancel")}
        </button>
      </div>
    </form>
  );
}
