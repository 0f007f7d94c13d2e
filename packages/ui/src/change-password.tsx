import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiErrorCode, readApiProblem } from "./api-error";
import { ErrorSummary, type FormProblem, PasswordField, useFocusOnFailure } from "./form-fields";
import { useSession } from "./session";

/** The route every staff app gives the change-password page; the user menu links to it. */
export const CHANGE_PASSWORD_PATH = "/doi-mat-khau";

const FIELDS = {
  currentPassword: "current-password",
  newPassword: "new-password",
  confirmPassword: "confirm-password",
} as const;
type Field = keyof typeof FIELDS;

/**
 * Current, new and repeated new password. The server's messages appear at the field they
 * concern; a repeat that differs is caught here, since only the browser sees it.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation("common");
  const { changePassword } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    currentPassword: "",
    newPassword: "",
    confirmPassword: "",
  });
  // Counts refused submits of a repeat that differs, so each one brings the focus back.
  const [mismatches, setMismatches] = useState(0);
  const mismatch = mismatches > 0;
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusOnFailure(summaryRef, changePassword.error ?? mismatches);

  // A refusal for want of a session is the sign-in dialog's to show, not this form's.
  const refused = changePassword.error && apiErrorCode(changePassword.error) !== "UNAUTHORIZED";
  const serverProblem = refused ? readApiProblem(changePassword.error) : null;
  const fieldErrors: Partial<Record<Field, string[]>> = {
    currentPassword: serverProblem?.fieldErrors.currentPassword,
    newPassword: serverProblem?.fieldErrors.newPassword,
    confirmPassword: mismatch ? [t("password.mismatch")] : undefined,
  };
  const problems: FormProblem[] = (Object.keys(FIELDS) as Field[]).flatMap((field) =>
    (fieldErrors[field] ?? []).map((text) => ({ fieldId: FIELDS[field], text })),
  );
  if (serverProblem && !mismatch && problems.length === 0) {
    problems.push({ text: serverProblem.message ?? t("form.noServer") });
  }

  const set = (field: Field) => (value: string) => setValues((old) => ({ ...old, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (changePassword.isPending) return;
    if (values.newPassword !== values.confirmPassword) {
      changePassword.reset();
      setMismatches((count) => count + 1);
      return;
    }
    setMismatches(0);
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => setValues({ currentPassword: "", newPassword: "", confirmPassword: "" }),
      },
    );
  }

  return (
    <section className="narrow-page">
      <h1>{t("password.heading")}</h1>
      {changePassword.isSuccess ? (
        <p className="notice notice-success" role="status">
          {t("password.changed")}
        </p>
      ) : null}
      <form noValidate onSubmit={submit}>
        <ErrorSummary problems={problems} ref={summaryRef} />
        <PasswordField
          id={FIELDS.currentPassword}
          label={t("password.current")}
          value={values.currentPassword}
          onChange={set("currentPassword")}
          autoComplete="current-password"
          errors={fieldErrors.currentPassword}
        />
        <PasswordField
          id={FIELDS.newPassword}
          label={t("password.new")}
          hint={t("password.newHint")}
          value={values.newPassword}
          onChange={set("newPassword")}
          autoComplete="new-password"
          errors={fieldErrors.newPassword}
        />
        <PasswordField
          id={FIELDS.confirmPassword}
          label={t("password.confirm")}
          value={values.confirmPassword}
          onChange={set("confirmPassword")}
          autoComplete="new-password"
          errors={fieldErrors.confirmPassword}
        />
        <button type="submit" disabled={changePassword.isPending}>
          {changePassword.isPending ? t("password.submitting") : t("password.submit")}
        </button>
      </form>
    </section>
  );
}
