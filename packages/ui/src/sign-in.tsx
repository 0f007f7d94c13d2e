import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { readApiProblem } from "./api-error";
import {
  ErrorSummary,
  type FormProblem,
  PasswordField,
  TextField,
  useFocusOnFailure,
} from "./form-fields";
import { useSession } from "./session";

/**
 * Username and password, submitted with Enter or the button. Shows the server's own message
 * (a wrong password, or how long a throttled client must wait) and focuses it.
 */
export function SignInForm({ username: knownUsername = "" }: { username?: string }) {
  const { t } = useTranslation("common");
  const { signIn } = useSession();
  const [username, setUsername] = useState(knownUsername);
  const [password, setPassword] = useState("");
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusOnFailure(summaryRef, signIn.error);

  // Start where typing is needed: the password when the username is already known.
  useEffect(() => {
    (knownUsername ? passwordRef : usernameRef).current?.focus();
  }, [knownUsername]);

  const problem = signIn.error ? readApiProblem(signIn.error) : null;
  const fieldErrors = problem?.fieldErrors ?? {};
  const problems: FormProblem[] = (["username", "password"] as const).flatMap((field) =>
    (fieldErrors[field] ?? []).map((text) => ({ fieldId: `sign-in-${field}`, text })),
  );
  if (problem && problems.length === 0) {
    problems.push({ text: problem.message ?? t("form.noServer") });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ username, password });
  }

  return (
    <form className="sign-in-form" noValidate onSubmit={submit}>
      <ErrorSummary problems={problems} ref={summaryRef} />
      <TextField
        ref={usernameRef}
        id="sign-in-username"
        label={t("session.username")}
        value={username}
        onChange={setUsername}
        autoComplete="username"
        errors={fieldErrors.username}
      />
      <PasswordField
        ref={passwordRef}
        id="sign-in-password"
        label={t("session.password")}
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        errors={fieldErrors.password}
      />
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? t("session.signingIn") : t("session.signIn")}
      </button>
    </form>
  );
}

/** The page a signed-out visitor of a staff app sees instead of the app. */
export function SignInPage() {
  const { t } = useTranslation("common");
  return (
    <section className="sign-in-page card" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t("session.signInHeading")}</h1>
      <p className="muted">{t("session.signInIntro")}</p>
      <SignInForm />
    </section>
  );
}

/**
 * Shown over the open page when the session ends by itself. A modal dialog, so the page behind
 * stays mounted with everything typed into it, and nothing behind can be used until signed in.
 */
export function SessionExpiredDialog({ username }: { username: string }) {
  const { t } = useTranslation("common");
  const { signOut } = useSession();
  const dialogRef = useRef<HTMLDialogElement>(null);

  // Opened before the form's own effect runs, which then puts the focus in the password field.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="session-dialog"
      aria-labelledby="session-expired-heading"
      // Escape would leave a page whose every call fails; signing out is the way to leave.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="session-expired-heading">{t("session.expiredHeading")}</h2>
      <p>{t("session.expiredIntro")}</p>
      <SignInForm username={username} />
      <button
        type="button"
        className="button-link"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate()}
      >
        {t("session.signOutInstead")}
      </button>
    </dialog>
  );
}
