import type { ReactNode } from "react";

/** Label, hint and message around one input of a react-hook-form form, as the shared fields do. */
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
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The accessibility attributes of an input placed in a `FormField`. */
export function fieldAria(id: string, options: { hint?: boolean; error?: string }) {
  return {
    id,
    "aria-invalid": options.error ? true : undefined,
    "aria-describedby":
      [options.hint && `${id}-hint`, options.error && `${id}-error`].filter(Boolean).join(" ") ||
      undefined,
  } as const;
}

/** "65,5" or "65.5" → 65.5; empty → null; anything else → NaN (the form refuses it). */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s/gu, "");
  if (!trimmed) return null;
  // vi-VN writes 1.234,5: dots group thousands when a comma is present.
  const normalised = trimmed.includes(",")
    ? trimmed.replace(/\./gu, "").replace(",", ".")
    : trimmed;
  return /^-?\d+(\.\d+)?$/u.test(normalised) ? Number(normalised) : Number.NaN;
}
