import {
  type ChangeEvent,
  type ReactNode,
  type Ref,
  type RefObject,
  useEffect,
  useId,
  useState,
} from "react";
import { useTranslation } from "react-i18next";

/** One problem to fix; with a field id, the summary links to (and focuses) that field. */
export interface FormProblem {
  fieldId?: string;
  text: string;
}

/**
 * The list of problems above a form (GOV.UK's error summary): announced when it appears, and
 * focused by the form after a failed submit so keyboard and screen-reader users start there.
 */
export function ErrorSummary({
  problems,
  ref,
}: {
  problems: FormProblem[];
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation("common");
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="error-summary-title">{t("form.problemTitle")}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.fieldId ?? ""}:${problem.text}`}>
            {problem.fieldId ? (
              <a
                href={`#${problem.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(problem.fieldId ?? "")?.focus();
                }}
              >
                {problem.text}
              </a>
            ) : (
              problem.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Moves the focus to a form's error summary each time `failure` changes to a new failure (an
 * error object, or a count of refused submits), once the summary is on the screen.
 */
export function useFocusOnFailure(summary: RefObject<HTMLElement | null>, failure: unknown): void {
  useEffect(() => {
    if (failure) summary.current?.focus();
  }, [summary, failure]);
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  hint?: string;
  errors?: readonly string[];
  ref?: Ref<HTMLInputElement>;
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** A labelled text input with its hint and its messages in place. */
export function TextField({
  id,
  label,
  value,
  onChange,
  autoComplete,
  hint,
  errors = [],
  ref,
}: FieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <input
        {...inputProps({ id, value, onChange, autoComplete, hint, errors, ref })}
        type="text"
      />
    </FieldFrame>
  );
}

/** A password input with a button that shows what was typed (phones make typos easy). */
export function PasswordField({
  id,
  label,
  value,
  onChange,
  autoComplete,
  hint,
  errors = [],
  ref,
}: FieldProps) {
  const { t } = useTranslation("common");
  const [shown, setShown] = useState(false);
  const statusId = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      <div className="password-input">
        <input
          {...inputProps({ id, value, onChange, autoComplete, hint, errors, ref })}
          type={shown ? "text" : "password"}
        />
        <button
          type="button"
          className="button-secondary"
          aria-controls={id}
          aria-label={shown ? t("form.hidePasswordLabel") : t("form.showPasswordLabel")}
          onClick={() => setShown((value) => !value)}
        >
          {shown ? t("form.hidePassword") : t("form.showPassword")}
        </button>
      </div>
      <span id={statusId} className="visually-hidden" aria-live="polite">
        {shown ? t("form.passwordShown") : ""}
      </span>
    </FieldFrame>
  );
}

/** The label, hint and messages around an input, the same for every kind of field. */
function FieldFrame({
  id,
  label,
  hint,
  errors,
  children,
}: Pick<FieldProps, "id" | "label" | "hint"> & { errors: readonly string[]; children: ReactNode }) {
  return (
    <div className={errors.length ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={id} errors={errors} />
      {children}
    </div>
  );
}

/** What every text-like input carries: its value, and its hint and messages for screen readers. */
function inputProps({
  id,
  value,
  onChange,
  autoComplete,
  hint,
  errors,
  ref,
}: Omit<FieldProps, "label" | "errors"> & { errors: readonly string[] }) {
  return {
    ref,
    id,
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value),
    autoComplete,
    autoCapitalize: "none",
    spellCheck: false,
    "aria-invalid": errors.length > 0 || undefined,
    "aria-describedby": describedBy(hint && `${id}-hint`, errors.length > 0 && `${id}-error`),
  };
}

function FieldErrors({ id, errors }: { id: string; errors: readonly string[] }) {
  if (errors.length === 0) return null;
  return (
    <p id={`${id}-error`} className="field-error">
      {errors.join(" ")}
    </p>
  );
}

/**
 * Label, hint and message around one input of a react-hook-form form: the same frame as the
 * fields above, for inputs the form registers itself (selects, numbers…). Give the input
 * `fieldAria(id, …)` so it is described by the hint and the message.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={error ? [error] : []}>
      {children}
    </FieldFrame>
  );
}

/** The accessibility attributes of an input placed in a `FormField`. */
export function fieldAria(id: string, options: { hint?: boolean; error?: string }) {
  return {
    id,
    "aria-invalid": options.error ? true : undefined,
    "aria-describedby": describedBy(options.hint && `${id}-hint`, options.error && `${id}-error`),
  } as const;
}
