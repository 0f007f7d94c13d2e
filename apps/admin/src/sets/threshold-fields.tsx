import { useId, useState } from "react";
import { Controller, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FieldError, type Form, Text, YearField } from "./editor-fields";
import { CHOICE_INPUT, CHOICE_LABEL } from "./shared";

/** "region: BTB, TDMNPB; group: 1" ↔ `{ region: ["BTB", "TDMNPB"], group: ["1"] }`. */
function whenToText(when: Record<string, string[]> | undefined): string {
  return Object.entries(when ?? {})
    .map(([d, values]) => `${d}: ${values.join(", ")}`)
    .join("; ");
}
function textToWhen(text: string): Record<string, string[]> | undefined | null {
  if (!text.trim()) return undefined;
  const out: Record<string, string[]> = {};
  for (const part of text.split(";")) {
    const [dimension, values] = part.split(":");
    if (!dimension?.trim() || !values?.trim()) return null;
    out[dimension.trim()] = values
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return out;
}

/** One threshold of an indicator: its value, where and when it applies, and its source. */
export function ThresholdFields({
  c,
  i,
  k,
  kind,
  onRemove,
}: {
  c: number;
  i: number;
  k: number;
  kind: string;
  onRemove: () => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor" });
  const { control, register } = useFormContext<Form>();
  const id = useId();
  const base = `criteria.${c}.indicators.${i}.thresholds.${k}`;
  return (
    <fieldset className="card" style={{ marginBottom: "0.5rem" }}>
      <legend>
        {t("value")} {k + 1}
      </legend>
      <Controller
        control={control}
        // biome-ignore lint/suspicious/noExplicitAny: paths are built at run time
        name={`${base}.value` as any}
        render={({ field, fieldState }) => (
          <div className="field">
            <label htmlFor={`${id}-v`}>{t("value")}</label>
            {kind === "boolean" ? (
              <select
                id={`${id}-v`}
                value={field.value === null || field.value === undefined ? "" : String(field.value)}
                onChange={(e) =>
                  field.onChange(e.target.value === "" ? null : e.target.value === "true")
                }
              >
                <option value="">{t("valueEmpty")}</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <ValueInput
                id={`${id}-v`}
                value={field.value as number | string | null | undefined}
                numeric={kind !== "level"}
                onChange={field.onChange}
                error={fieldState.error?.message}
              />
            )}
            <FieldError id={`${id}-v-e`} message={fieldState.error?.message} />
          </div>
        )}
      />
      <Controller
        control={control}
        // biome-ignore lint/suspicious/noExplicitAny: paths are built at run time
        name={`${base}.when` as any}
        render={({ field, fieldState }) => (
          <WhenInput
            id={`${id}-w`}
            label={t("when")}
            value={field.value as Record<string, string[]> | undefined}
            onChange={field.onChange}
            invalid={t("whenInvalid")}
            error={fieldState.error?.message}
          />
        )}
      />
      <YearField path={`${base}.years.from`} label={t("yearFrom")} />
      <YearField path={`${base}.years.to`} label={t("yearTo")} />
      <Text path={`${base}.provenance.source`} label={t("decision")} />
      <Text path={`${base}.provenance.article`} label={t("article")} />
      <Text path={`${base}.provenance.url`} label={t("link")} type="url" />
      <div className="field">
        <label style={CHOICE_LABEL}>
          <input
            style={CHOICE_INPUT}
            type="checkbox"
            {...register(`${base}.provenance.verified` as never)}
          />{" "}
          {t("verified")}
        </label>
      </div>
      <button type="button" className="button-secondary" onClick={onRemove}>
        {t("removeThreshold")}
      </button>
    </fieldset>
  );
}

/** A number typed the Vietnamese way (7,5) or a level code; empty is "not known yet" (null). */
function ValueInput(props: {
  id: string;
  value: number | string | null | undefined;
  numeric: boolean;
  onChange: (v: unknown) => void;
  error: string | undefined;
}) {
  const shown =
    props.value === null || props.value === undefined
      ? ""
      : String(props.value).replace(".", props.numeric ? "," : ".");
  const [text, setText] = useState(shown);
  return (
    <input
      id={props.id}
      inputMode={props.numeric ? "decimal" : "text"}
      value={text}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={props.error ? `${props.id}-e` : undefined}
      onChange={(e) => {
        setText(e.target.value);
        const raw = e.target.value.trim();
        if (raw === "") props.onChange(null);
        else if (!props.numeric) props.onChange(raw);
        else {
          const n = Number(raw.replace(/\s/gu, "").replace(",", "."));
          props.onChange(Number.isFinite(n) ? n : raw);
        }
      }}
    />
  );
}

function WhenInput(props: {
  id: string;
  label: string;
  value: Record<string, string[]> | undefined;
  onChange: (v: unknown) => void;
  invalid: string;
  error: string | undefined;
}) {
  const [text, setText] = useState(whenToText(props.value));
  const [bad, setBad] = useState(false);
  const error = bad ? props.invalid : props.error;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-e` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const when = textToWhen(e.target.value);
          setBad(when === null);
          if (when !== null) props.onChange(when);
        }}
      />
      <FieldError id={`${props.id}-e`} message={error} />
    </div>
  );
}
