import type { CriteriaSetInput, Rule, ValueSource } from "@datchuan/domain";
import { createContext, useContext, useId, useState } from "react";
import { Controller, type FieldErrors, get, useFormContext } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { isFlatRule } from "./references";
import { CHOICE_INPUT, CHOICE_LABEL } from "./shared";

type Form = CriteriaSetInput;
const OPS = ["sum", "min", "max", "ratio", "count_met"] as const;
const AGGREGATES = ["share_true", "count_true", "sum", "min", "max"] as const;
const SOURCE_KINDS = ["entered", "indicators", "children", "set_met"] as const;

/** The indicators of the set an adaptation restates, by criterion number: rules may name them. */
export const ParentIndicators = createContext<ReadonlyMap<number, readonly string[]>>(new Map());

/** Every message at a path or below it ("source.inputs.0"), each once. */
export function messagesUnder(errors: FieldErrors<Form>, path: string): string[] {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const { message } = node as { message?: unknown };
    if (typeof message === "string" && message) out.add(message);
    for (const [key, child] of Object.entries(node))
      if (key !== "ref" && key !== "message" && key !== "type") walk(child);
  };
  walk(get(errors, path));
  return [...out];
}

/** A JSON value edited as text: the advanced view of a source or rule. */
export function JsonInput(props: {
  id: string;
  label: string;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: string;
  serverError?: string | undefined;
}) {
  const [text, setText] = useState(props.value === undefined ? "" : JSON.stringify(props.value));
  const [bad, setBad] = useState(false);
  const error = bad ? props.invalid : props.serverError;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={2}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-e` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (!text.trim()) {
            setBad(false);
            props.onChange(undefined);
            return;
          }
          try {
            props.onChange(JSON.parse(text));
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {error ? (
        <span className="field-error" id={`${props.id}-e`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The messages of a structured field, and what its inputs carry to be described by them. */
function useFieldMessages(path: string) {
  const { formState } = useFormContext<Form>();
  const id = useId();
  const messages = messagesUnder(formState.errors, path);
  const aria = {
    "aria-invalid": messages.length ? true : undefined,
    "aria-describedby": messages.length ? `${id}-e` : undefined,
  } as const;
  const shown = messages.length ? (
    <p className="field-error" id={`${id}-e`}>
      {messages.join(" ")}
    </p>
  ) : null;
  return { id, aria, shown };
}

/**
 * Where an indicator's value comes from, as choices: typed in, derived from other indicators of
 * the set (which ones, and the operation the domain supports), from the unit's children, or from
 * meeting another set. The JSON stays reachable as an advanced view.
 */
export function SourceField({
  path,
  selfCode,
  indicators,
}: {
  path: string;
  selfCode: string;
  indicators: ReadonlyArray<{ code: string; name: string }>;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor.derived" });
  const { control } = useFormContext<Form>();
  const { id, aria, shown } = useFieldMessages(path);
  const choices = indicators.filter((i) => i.code !== selfCode);
  return (
    <Controller
      control={control}
      // biome-ignore lint/suspicious/noExplicitAny: paths are built at run time
      name={path as any}
      render={({ field }) => {
        const source = (field.value ?? { kind: "entered" }) as ValueSource;
        const set = (next: ValueSource) => field.onChange(next);
        const inputs = source.kind === "indicators" ? source.inputs : [];
        const setInput = (k: number, code: string) =>
          source.kind === "indicators" &&
          set({ ...source, inputs: inputs.map((c, j) => (j === k ? code : c)) });
        const inputSelect = (k: number, label: string) => (
          <div className="field" key={k}>
            <label htmlFor={`${id}-in-${k}`}>{label}</label>
            <select
              id={`${id}-in-${k}`}
              value={inputs[k] ?? ""}
              onChange={(e) => setInput(k, e.target.value)}
              {...aria}
            >
              <option value="">{t("chooseIndicator")}</option>
              {choices.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.code} — {i.name}
                </option>
              ))}
            </select>
          </div>
        );
        return (
          <fieldset className="card">
            <legend>{t("sourceLegend")}</legend>
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t("sourceKind")}</label>
              <select
                id={`${id}-kind`}
                value={source.kind}
                onChange={(e) => set(freshSource(e.target.value as ValueSource["kind"]))}
              >
                {SOURCE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
              </select>
            </div>
            {source.kind === "indicators" ? (
              <>
                <div className="field">
                  <label htmlFor={`${id}-op`}>{t("operation")}</label>
                  <select
                    id={`${id}-op`}
                    value={source.op}
                    onChange={(e) => {
                      const op = e.target.value as (typeof OPS)[number];
                      // A ratio reads a numerator and a denominator: two inputs, in order.
                      const next = op === "ratio" ? [inputs[0] ?? "", inputs[1] ?? ""] : inputs;
                      set({ ...source, op, inputs: next });
                    }}
                  >
                    {OPS.map((op) => (
                      <option key={op} value={op}>
                        {t(`ops.${op}`)}
                      </option>
                    ))}
                  </select>
                </div>
                {source.op === "ratio" ? (
                  <>
                    {inputSelect(0, t("numerator"))}
                    {inputSelect(1, t("denominator"))}
                  </>
                ) : (
                  <>
                    {inputs.map((_, k) => (
                      <div key={`${k}-${inputs.length}`}>
                        {inputSelect(k, t("input", { n: k + 1 }))}
                        <button
                          type="button"
                          className="button-secondary"
                          onClick={() =>
                            set({ ...source, inputs: inputs.filter((_c, j) => j !== k) })
                          }
                        >
                          {t("removeInput", { n: k + 1 })}
                        </button>
                      </div>
                    ))}
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() => set({ ...source, inputs: [...inputs, ""] })}
                    >
                      {t("addInput")}
                    </button>
                  </>
                )}
              </>
            ) : null}
            {source.kind === "children" ? (
              <>
                <div className="field">
                  <label htmlFor={`${id}-child`}>{t("childIndicator")}</label>
                  <input
                    id={`${id}-child`}
                    value={source.indicator}
                    onChange={(e) => set({ ...source, indicator: e.target.value.trim() })}
                    {...aria}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-agg`}>{t("aggregate")}</label>
                  <select
                    id={`${id}-agg`}
                    value={source.aggregate}
                    onChange={(e) =>
                      set({
                        ...source,
                        aggregate: e.target.value as (typeof AGGREGATES)[number],
                      })
                    }
                  >
                    {AGGREGATES.map((a) => (
                      <option key={a} value={a}>
                        {t(`aggregates.${a}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </>
            ) : null}
            {source.kind === "set_met" ? (
              <div className="field">
                <label htmlFor={`${id}-set`}>{t("otherSet")}</label>
                <input
                  id={`${id}-set`}
                  value={source.set}
                  onChange={(e) => set({ ...source, set: e.target.value.trim() })}
                  {...aria}
                />
              </div>
            ) : null}
            {shown}
            <details>
              <summary>{t("jsonView")}</summary>
              <JsonInput
                key={JSON.stringify(field.value ?? null)}
                id={`${id}-json`}
                label={t("sourceJson")}
                value={field.value}
                onChange={field.onChange}
                invalid={t("jsonInvalid")}
              />
            </details>
          </fieldset>
        );
      }}
    />
  );
}

function freshSource(kind: ValueSource["kind"]): ValueSource {
  switch (kind) {
    case "indicators":
      return { kind, inputs: [""], op: "sum" };
    case "children":
      return { kind, indicator: "", aggregate: "share_true" };
    case "set_met":
      return { kind, set: "" };
    default:
      return { kind: "entered" };
  }
}

/**
 * When a criterion is met: every indicator (the default), all or any of the chosen ones, or at
 * least k of them. A rule with nested rules is edited in its JSON view only.
 */
export function RuleField({
  path,
  criterionNumber,
  codes,
}: {
  path: string;
  criterionNumber: number;
  codes: readonly string[];
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor.derived" });
  const { control } = useFormContext<Form>();
  const { id, aria, shown } = useFieldMessages(path);
  const parent = useContext(ParentIndicators).get(criterionNumber) ?? [];
  const all = [...new Set([...codes, ...parent])];
  return (
    <Controller
      control={control}
      // biome-ignore lint/suspicious/noExplicitAny: paths are built at run time
      name={path as any}
      render={({ field }) => {
        const rule = field.value as Rule | undefined;
        const flat = isFlatRule(rule);
        const chosen = new Set((rule?.of ?? []) as string[]);
        const withItems = (of: string[]): Rule | undefined => {
          if (!rule) return undefined;
          const list = of.length ? { of } : {};
          return rule.op === "at_least"
            ? { op: "at_least", k: rule.k, ...list }
            : { op: rule.op, ...list };
        };
        return (
          <fieldset className="card">
            <legend>{t("ruleLegend")}</legend>
            {flat ? (
              <>
                <div className="field">
                  <label htmlFor={`${id}-op`}>{t("ruleOp")}</label>
                  <select
                    id={`${id}-op`}
                    value={rule?.op ?? ""}
                    onChange={(e) => {
                      const op = e.target.value;
                      const of = rule?.of ? { of: rule.of } : {};
                      if (!op) field.onChange(undefined);
                      else if (op === "at_least")
                        field.onChange({ op, k: rule?.op === "at_least" ? rule.k : 1, ...of });
                      else field.onChange({ op, ...of });
                    }}
                    {...aria}
                  >
                    <option value="">{t("ruleOps.default")}</option>
                    <option value="all">{t("ruleOps.all")}</option>
                    <option value="any">{t("ruleOps.any")}</option>
                    <option value="at_least">{t("ruleOps.at_least")}</option>
                  </select>
                </div>
                {rule?.op === "at_least" ? (
                  <div className="field">
                    <label htmlFor={`${id}-k`}>{t("ruleK")}</label>
                    <input
                      id={`${id}-k`}
                      inputMode="numeric"
                      value={Number.isFinite(rule.k) ? String(rule.k) : ""}
                      onChange={(e) => field.onChange({ ...rule, k: Number(e.target.value) })}
                      {...aria}
                    />
                  </div>
                ) : null}
                {rule ? (
                  <fieldset>
                    <legend>{t("ruleItems")}</legend>
                    {all.map((code) => (
                      <label key={code} style={CHOICE_LABEL}>
                        <input
                          style={CHOICE_INPUT}
                          type="checkbox"
                          checked={chosen.has(code)}
                          onChange={(e) =>
                            field.onChange(
                              withItems(
                                e.target.checked
                                  ? [...chosen, code]
                                  : [...chosen].filter((c) => c !== code),
                              ),
                            )
                          }
                        />{" "}
                        {code}
                      </label>
                    ))}
                  </fieldset>
                ) : null}
              </>
            ) : (
              <p className="field-hint">{t("nestedRule")}</p>
            )}
            {shown}
            <details open={!flat}>
              <summary>{t("jsonView")}</summary>
              <JsonInput
                key={JSON.stringify(field.value ?? null)}
                id={`${id}-json`}
                label={t("ruleJson")}
                value={field.value}
                onChange={field.onChange}
                invalid={t("jsonInvalid")}
              />
            </details>
          </fieldset>
        );
      }}
    />
  );
}
