import { type CriteriaSetInput, comparatorSchema } from "@datchuan/domain";
import { apiErrorCode, ErrorSummary, placeServerErrors, useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useId, useMemo, useState } from "react";
import {
  FormProvider,
  type UseFieldArrayReturn,
  useFieldArray,
  useForm,
  useFormContext,
} from "react-hook-form";
import { useTranslation } from "react-i18next";
import { ParentIndicators, RuleField, SourceField } from "./derived-fields";
import { type Form, Text } from "./editor-fields";
import { editorFieldFor, setResolver } from "./editor-validation";
import type { SetRow } from "./shared";
import { ThresholdFields } from "./threshold-fields";

/** The indicators a derived one may read: this set's and, for an adaptation, its parent's. */
const SetIndicators = createContext<ReadonlyArray<{ code: string; name: string }>>([]);

const KINDS = ["boolean", "number", "percentage", "ratio", "count", "level"] as const;

function IndicatorFields({ c, i, onRemove }: { c: number; i: number; onRemove: () => void }) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor" });
  const { control, register, watch } = useFormContext<Form>();
  const id = useId();
  const base = `criteria.${c}.indicators.${i}` as const;
  const kind = watch(`${base}.kind`);
  const code = watch(`${base}.code`);
  const thresholds = useFieldArray({ control, name: `${base}.thresholds` as never });
  const choices = useContext(SetIndicators);
  return (
    <fieldset className="card" style={{ marginBottom: "0.75rem" }}>
      <legend>
        {t("code")} {code}
      </legend>
      <Text path={`${base}.code`} label={t("code")} />
      <Text path={`${base}.name`} label={t("name")} />
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("kindLabel")}</label>
        <select id={`${id}-kind`} {...register(`${base}.kind`)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <Text path={`${base}.unitOfMeasure`} label={t("unitOfMeasure")} keepEmpty />
      {kind !== "boolean" ? (
        <div className="field">
          <label htmlFor={`${id}-cmp`}>{t("comparator")}</label>
          <select id={`${id}-cmp`} {...register(`${base}.comparator` as never)}>
            {comparatorSchema.options.map((cmp) => (
              <option key={cmp} value={cmp}>
                {{ gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "=" }[cmp]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <Text path={`${base}.department`} label={t("department")} />
      <SourceField path={`${base}.source`} selfCode={code} indicators={choices} />
      <Text path={`${base}.provenance.source`} label={t("decision")} />
      <h4>{t("thresholds")}</h4>
      {thresholds.fields.map((field, k) => (
        <ThresholdFields
          key={field.id}
          c={c}
          i={i}
          k={k}
          kind={kind}
          onRemove={() => thresholds.remove(k)}
        />
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          thresholds.append({ value: null, provenance: { source: "", verified: false } } as never)
        }
      >
        {t("addThreshold")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={onRemove}>
        {t("removeIndicator")}
      </button>
    </fieldset>
  );
}

function CriterionFields({
  c,
  open,
  onToggle,
}: {
  c: number;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets" });
  const { control, watch } = useFormContext<Form>();
  const indicators = useFieldArray({ control, name: `criteria.${c}.indicators` });
  const number = watch(`criteria.${c}.number`);
  const name = watch(`criteria.${c}.name`);
  const codes = watch(`criteria.${c}.indicators`);
  return (
    <section className="card" style={{ marginBottom: "0.75rem" }}>
      <h3>
        <button type="button" className="button-link" aria-expanded={open} onClick={onToggle}>
          {t("criterion", { number, name })}
        </button>
      </h3>
      {open ? (
        <>
          <Text path={`criteria.${c}.name`} label={t("editor.criterionName")} />
          <Text path={`criteria.${c}.department`} label={t("editor.department")} />
          <RuleField
            path={`criteria.${c}.rule`}
            criterionNumber={number}
            codes={(codes ?? []).map((i) => i.code)}
          />
          {indicators.fields.map((field, i) => (
            <IndicatorFields key={field.id} c={c} i={i} onRemove={() => indicators.remove(i)} />
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              indicators.append({
                code: `${number}.${indicators.fields.length + 1}`,
                name: "",
                kind: "boolean",
                unitOfMeasure: "",
                provenance: { source: "", verified: false },
                thresholds: [{ value: true, provenance: { source: "", verified: false } }],
              } as never)
            }
          >
            {t("editor.addIndicator")}
          </button>
        </>
      ) : null}
    </section>
  );
}

/** Parent indicators an adaptation may restate to adjust (tighten) their thresholds. */
function Tighten({
  parent,
  criteria,
  onAdded,
}: {
  parent: CriteriaSetInput;
  /** The editor's own field array: a second one over the same path would not re-render it. */
  criteria: UseFieldArrayReturn<Form, "criteria">;
  onAdded: (criterionIndex: number) => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor" });
  const { getValues } = useFormContext<Form>();
  const id = useId();
  const options = parent.criteria.flatMap((c) =>
    c.indicators.map((i) => ({ criterion: c, indicator: i })),
  );
  const [chosen, setChosen] = useState(options[0]?.indicator.code ?? "");
  function restate() {
    const option = options.find((o) => o.indicator.code === chosen);
    if (!option) return;
    const fresh = { source: "", verified: false };
    const indicator = {
      ...option.indicator,
      thresholds: option.indicator.thresholds.map((r) => ({ ...r, provenance: fresh })),
    };
    const current = getValues("criteria");
    const at = current.findIndex((c) => c.number === option.criterion.number);
    if (at >= 0) {
      if (current[at]!.indicators.some((i) => i.code === chosen)) return onAdded(at);
      criteria.update(at, {
        ...current[at]!,
        indicators: [...current[at]!.indicators, indicator],
      } as never);
      onAdded(at);
    } else {
      const { indicators: _all, ...rest } = option.criterion;
      criteria.append({ ...rest, indicators: [indicator] } as never);
      onAdded(current.length);
    }
  }
  return (
    <div className="card" style={{ marginBottom: "1rem" }}>
      <h3>{t("tightenHeading")}</h3>
      <div className="field">
        <label htmlFor={id}>{t("tightenIndicator")}</label>
        <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          {options.map((o) => (
            <option key={o.indicator.code} value={o.indicator.code}>
              {o.indicator.code} — {o.indicator.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={restate}>
        {t("tighten")}
      </button>
    </div>
  );
}

/**
 * The draft editor: react-hook-form over the definition, validated by the domain's zod schema
 * (errors next to each field); saving names the row version read, so a stale save is a conflict
 * shown as such, never an overwrite.
 */
export function SetEditor({
  row,
  parent,
  onSaved,
  onReload,
  onDirtyChange,
}: {
  row: SetRow;
  parent: CriteriaSetInput | null;
  onSaved: (row: SetRow) => void;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "sets.editor" });
  const { t: tSets } = useTranslation("admin", { keyPrefix: "sets" });
  const trpc = useTRPC();
  // An adaptation may name its parent's indicators (derived inputs, criterion rules).
  const parentIndicators = useMemo(
    () => new Map((parent?.criteria ?? []).map((c) => [c.number, c.indicators.map((i) => i.code)])),
    [parent],
  );
  const parentCodes = useMemo(
    () => new Set([...parentIndicators.values()].flat()),
    [parentIndicators],
  );
  const form = useForm<Form>({
    defaultValues: row.definition as Form,
    resolver: setResolver(t, parentCodes),
    mode: "onTouched",
  });
  const watched = form.watch("criteria");
  const indicatorChoices = useMemo(() => {
    const seen = new Map<string, string>();
    for (const c of [...(watched ?? []), ...(parent?.criteria ?? [])])
      for (const i of c.indicators) if (!seen.has(i.code)) seen.set(i.code, i.name);
    return [...seen].map(([code, name]) => ({ code, name }));
  }, [watched, parent]);
  const criteria = useFieldArray({ control: form.control, name: "criteria" });
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.criteriaSet.updateDraft.mutationOptions());
  // Unsaved edits: any field change or list operation since the last save (a reset after a
  // save names no field). RHF's isDirty also counts fields registered empty, which a save
  // leaves absent, so it would stay true after every save.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    const subscription = form.watch((_values, info) => {
      if (info.name) setDirty(true);
    });
    return () => subscription.unsubscribe();
  }, [form]);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const submit = form.handleSubmit(
    async (values) => {
      setProblems([]);
      setSaved(false);
      setConflict(false);
      try {
        const updated = await save.mutateAsync({
          id: row.id,
          definition: values,
          expectedRowVersion: row.rowVersion,
        });
        if (updated) {
          form.reset(updated.definition as Form);
          setDirty(false);
          setSaved(true);
          onSaved(updated);
        }
      } catch (error) {
        if (apiErrorCode(error) === "CONFLICT") {
          setConflict(true);
          return;
        }
        // Each server message beside its field (its criterion opened), the rest above the form.
        const opened = new Set(open);
        setProblems(
          placeServerErrors(
            error,
            (path, message) => {
              const field = editorFieldFor(path);
              if (!field) return false;
              form.setError(field as never, { type: "server", message });
              const criterion = /^criteria\.(\d+)\./u.exec(field);
              if (criterion) opened.add(Number(criterion[1]));
              return true;
            },
            { pathPrefix: "definition.", noServer: t("noServer") },
          ),
        );
        setOpen(opened);
      }
    },
    (errors) => {
      // Open the criteria holding an error, so the message shows beside its field.
      const withErrors = Object.keys((errors.criteria as object | undefined) ?? {}).map(Number);
      setOpen(new Set([...open, ...withErrors]));
      setProblems([tSets("invalidDraft", { count: errorsCount(errors) })]);
    },
  );

  return (
    <FormProvider {...form}>
      <ParentIndicators.Provider value={parentIndicators}>
        <SetIndicators.Provider value={indicatorChoices}>
          <form onSubmit={(e) => void submit(e)} noValidate aria-label={t("save")}>
            {conflict ? (
              <div className="notice notice-error" role="alert">
                <p>{t("conflict")}</p>
                <button type="button" onClick={onReload}>
                  {t("reload")}
                </button>
              </div>
            ) : null}
            <ErrorSummary problems={problems.map((text) => ({ text }))} />
            {saved ? (
              <p className="notice notice-success" role="status">
                {t("saved")}
              </p>
            ) : null}
            <Text path="title" label={t("title")} />
            <Text path="effective.from" label={t("effectiveFrom")} type="date" />
            <Text path="effective.to" label={t("effectiveTo")} type="date" />
            <Text path="legalBasis.0.source" label={t("legalBasis")} />
            {parent ? (
              <Tighten
                parent={parent}
                criteria={criteria}
                onAdded={(index) => setOpen(new Set([...open, index]))}
              />
            ) : null}
            {criteria.fields.map((field, c) => (
              <CriterionFields
                key={field.id}
                c={c}
                open={open.has(c)}
                onToggle={() => {
                  const next = new Set(open);
                  if (next.has(c)) next.delete(c);
                  else next.add(c);
                  setOpen(next);
                }}
              />
            ))}
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? t("saving") : t("save")}
            </button>
          </form>
        </SetIndicators.Provider>
      </ParentIndicators.Provider>
    </FormProvider>
  );
}

function errorsCount(errors: object): number {
  let n = 0;
  for (const value of Object.values(errors)) {
    if (!value || typeof value !== "object") continue;
    if ("message" in value && typeof value.message === "string") n++;
    else n += errorsCount(value);
  }
  return n;
}
