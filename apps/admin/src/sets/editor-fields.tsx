import type { CriteriaSetInput } from "@datchuan/domain";
import { useId } from "react";
import { type FieldErrors, get, useFormContext } from "react-hook-form";

/** The form the set editor edits: a criteria set as the API takes it. */
export type Form = CriteriaSetInput;

/** The message of a field's error, wherever zod put it. */
export function errorAt(errors: FieldErrors<Form>, path: string): string | undefined {
  const found = get(errors, path) as { message?: string; root?: { message?: string } } | undefined;
  return found?.message ?? found?.root?.message;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span className="field-error" id={id}>
      {message}
    </span>
  ) : null;
}

/** An input bound to a path, with its error beside it; `read` turns what was typed into the value. */
function BoundInput({
  path,
  label,
  type,
  inputMode,
  read,
}: {
  path: string;
  label: string;
  type?: string;
  inputMode?: "numeric";
  read: (typed: string | undefined | null) => unknown;
}) {
  const { register, formState } = useFormContext<Form>();
  const id = useId();
  const error = errorAt(formState.errors, path);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-e` : undefined}
        // biome-ignore lint/suspicious/noExplicitAny: paths are built at run time
        {...register(path as any, { setValueAs: read })}
      />
      <FieldError id={`${id}-e`} message={error} />
    </div>
  );
}

/** A text input bound to a path. */
export function Text({
  path,
  label,
  type = "text",
  keepEmpty = false,
}: {
  path: string;
  label: string;
  type?: string;
  /** Keep "" as it is (a yes/no indicator's empty unit of measure); else empty is absent. */
  keepEmpty?: boolean;
}) {
  return (
    <BoundInput
      path={path}
      label={label}
      type={type}
      read={(v) => (v === "" && !keepEmpty ? undefined : v)}
    />
  );
}

/** A year bound to a path, kept as a number; empty is absent. */
export function YearField({ path, label }: { path: string; label: string }) {
  return (
    <BoundInput
      path={path}
      label={label}
      inputMode="numeric"
      read={(v) => (v === "" || v === undefined || v === null ? undefined : Number(v))}
    />
  );
}
