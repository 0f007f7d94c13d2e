import { ErrorSummary, FormField, fieldAria, useTRPC } from "@datchuan/ui";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useServerErrors } from "../server-errors";
import type { Item } from "./worklist-page";

interface VerifyValues {
  source: string;
  article: string;
  url: string;
  value: string;
}
type Field = keyof VerifyValues;

/** "true"/"false" for a yes/no threshold, a number typed 7,5 or 7.5, else the level's code. */
function parseThresholdValue(raw: string): number | boolean | string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  if (text === "true" || text === "false") return text === "true";
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) ? n : text;
}

/**
 * Records a threshold's legal source and marks it verified in one action; an empty threshold
 * also takes its value here. The server's refusals land beside the field they concern.
 */
export function VerifyForm({
  item,
  onDone,
  onCancel,
}: {
  item: Item;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "worklist" });
  const trpc = useTRPC();
  const client = useQueryClient();
  const id = useId();
  const row = useQuery(trpc.criteriaSet.get.queryOptions({ id: item.set.id }));
  const verify = useMutation(trpc.criteriaSet.verifyThreshold.mutationOptions());
  const needsValue = item.value === null && !item.relativeTo;
  const schema = z.object({
    source: z.string().trim().min(1, t("decisionRequired")),
    article: z.string(),
    url: z
      .string()
      .trim()
      .refine((url) => !url || /^https?:\/\//u.test(url), t("linkInvalid")),
    value: needsValue
      ? z
          .string()
          .trim()
          .min(1, t("valueRequired"))
          .refine((raw) => typeof parseThresholdValue(raw) !== "string", t("valueInvalid"))
      : z.string(),
  });
  const form = useForm<VerifyValues>({
    defaultValues: {
      // An illustrative source ("số liệu minh họa") is what is being replaced: start empty.
      source: item.provenance.source.match(/minh\s*h[oọ]a/iu) ? "" : item.provenance.source,
      article: item.provenance.article ?? "",
      url: item.provenance.url ?? "",
      value: "",
    },
    resolver: zodResolver(schema),
  });
  const fields: Field[] = ["source", "article", "url", ...(needsValue ? ["value" as const] : [])];
  const unplaced = useServerErrors(form, verify.error, { fields });

  const submit = form.handleSubmit(async (values) => {
    if (!row.data) return;
    const value = needsValue ? parseThresholdValue(values.value) : undefined;
    const result = await verify
      .mutateAsync({
        id: item.set.id,
        expectedRowVersion: row.data.rowVersion,
        indicator: item.indicator,
        ruleIndex: item.ruleIndex,
        source: values.source.trim(),
        ...(values.article.trim() ? { article: values.article.trim() } : {}),
        ...(values.url.trim() ? { url: values.url.trim() } : {}),
        ...(value !== undefined ? { value } : {}),
      })
      .catch(() => null);
    if (!result) return;
    await client.invalidateQueries({ queryKey: trpc.criteriaSet.thresholdWorklist.queryKey() });
    await client.invalidateQueries({ queryKey: trpc.criteriaSet.list.queryKey() });
    onDone(t("done", { indicator: item.indicator, version: result.version }));
  });

  const field = (name: Field, label: string, options: { type?: string; hint?: string } = {}) => {
    const error = form.formState.errors[name]?.message;
    return (
      <FormField id={`${id}-${name}`} label={label} hint={options.hint} error={error}>
        <input
          type={options.type ?? "text"}
          autoComplete="off"
          {...fieldAria(`${id}-${name}`, { hint: Boolean(options.hint), error })}
          {...form.register(name)}
        />
      </FormField>
    );
  };

  const heading = t("formHeading", { indicator: item.indicator, scope: item.scope });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <ErrorSummary problems={unplaced.map((text) => ({ text }))} />
      {field("source", t("decision"))}
      {field("article", t("article"))}
      {field("url", t("link"), { type: "url" })}
      {needsValue ? field("value", t("value"), { hint: t("valueHint") }) : null}
      <button type="submit" disabled={verify.isPending || !row.data}>
        {verify.isPending ? t("submitting") : t("submit")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t("cancel")}
      </button>
    </form>
  );
}
