import { placeServerErrors } from "@datchuan/ui";
import { useEffect, useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";

/**
 * A refusal's field messages set on the form's fields (so each shows beside its input, with
 * aria-invalid and aria-describedby), the first of them focused; returns the messages that
 * belong to no field the form shows, for the summary above it.
 *
 * `fieldFor` maps a message's path to the field that shows it (null: none does); by default a
 * path is the field's own name when it is one of `fields`.
 */
export function useServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
  options: {
    fields?: readonly string[];
    fieldFor?: (path: string) => string | null;
    pathPrefix?: string;
  },
): string[] {
  const { t } = useTranslation("common");
  const [left, setLeft] = useState<string[]>([]);
  const { fields, fieldFor, pathPrefix } = options;
  const { setError } = form;
  // Placed once per refusal: a new error object is a new refusal.
  useEffect(() => {
    if (!error) {
      setLeft([]);
      return;
    }
    let first = true;
    const target = fieldFor ?? ((path: string) => (fields?.includes(path) ? path : null));
    setLeft(
      placeServerErrors(
        error,
        (path, message) => {
          const field = target(path);
          if (!field) return false;
          setError(field as Path<T>, { type: "server", message }, { shouldFocus: first });
          first = false;
          return true;
        },
        { pathPrefix, noServer: t("form.noServer") },
      ),
    );
  }, [error]);
  return left;
}
