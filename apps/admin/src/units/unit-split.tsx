import {
  addDays,
  formatDate,
  formatUnitName,
  type UnitType,
  unitCodeSchema,
  unitNameSchema,
  unitTypeLabels,
  unitTypeSchema,
} from "@datchuan/domain";
import {
  apiErrorCode,
  ErrorSummary,
  type FormProblem,
  readApiProblem,
  useTRPC,
} from "@datchuan/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { FormField, fieldAria } from "../form-field";
import { firstErrors, indented, type PlacedUnit } from "./succession-units";

const FIELDS = ["predecessorCode", "successors", "villages", "effectiveDate", "decision"];
const id = (field: string) => `split-${field}`;

interface NewUnit {
  code: string;
  name: string;
  type: UnitType;
}

function serverFieldErrors(error: unknown): Record<string, string[] | undefined> {
  const problem = readApiProblem(error);
  const fields = { ...problem.fieldErrors };
  if (problem.message && Object.keys(fields).length === 0) {
    const code = apiErrorCode(error);
    if (code === "CONFLICT" && problem.message.startsWith("Mã đơn vị"))
      fields.successors = [problem.message];
    else if (code === "BAD_REQUEST" && /thôn, bản/u.test(problem.message))
      fields.villages = [problem.message];
    else if (code === "BAD_REQUEST") fields.predecessorCode = [problem.message];
  }
  return fields;
}

/**
 * Splitting a unit into new ones (chia tách): each new unit named, every village of the old one
 * given to exactly one of them; a preview of what closes and who takes what, then confirm.
 */
export function UnitSplit({ units }: { units: PlacedUnit[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState("");
  const [successors, setSuccessors] = useState<NewUnit[]>([]);
  const [assignment, setAssignment] = useState<Record<string, number>>({});
  const [effectiveDate, setEffectiveDate] = useState("");
  const [decision, setDecision] = useState("");
  const [local, setLocal] = useState<Record<string, string[] | undefined>>({});
  const [preview, setPreview] = useState<{ rowVersion: number } | null>(null);
  const [done, setDone] = useState<Array<{ code: string; label: string }> | null>(null);
  const split = useMutation(
    trpc.unit.split.mutationOptions({
      onSuccess: async (_created, input) => {
        setDone(input.successors.map((s) => ({ code: s.code, label: formatUnitName(s) })));
        setPreview(null);
        await queryClient.invalidateQueries({ queryKey: trpc.unit.pathKey() });
      },
    }),
  );
  const splittable = units.filter((u) => u.level !== "province" && u.children.length >= 2);
  const old = units.find((u) => u.code === code);
  const villages = old?.children ?? [];
  const errors = firstErrors(local, split.error ? serverFieldErrors(split.error) : undefined);
  const problems: FormProblem[] = FIELDS.flatMap((field) =>
    errors[field] ? [{ fieldId: id(field), text: errors[field][0]! }] : [],
  );
  if (split.error && problems.length === 0)
    problems.push({ text: readApiProblem(split.error).message ?? t("common:form.noServer") });

  const touched = () => {
    setPreview(null);
    setDone(null);
    split.reset();
  };
  const choose = (next: string) => {
    const unit = units.find((u) => u.code === next);
    setCode(next);
    const blank = { code: "", name: "", type: unit?.type ?? "xa" };
    setSuccessors([{ ...blank }, { ...blank }]);
    setAssignment({});
    touched();
  };
  const editSuccessor = (index: number, next: Partial<NewUnit>) => {
    setSuccessors((list) => list.map((s, i) => (i === index ? { ...s, ...next } : s)));
    touched();
  };
  const labelOf = (s: NewUnit, index: number) =>
    s.name.trim()
      ? formatUnitName({ name: s.name.trim(), type: s.type })
      : t("units.split.newUnit", { n: index + 1 });

  async function review(event: FormEvent) {
    event.preventDefault();
    const schema = z.object({
      predecessorCode: z.string().min(1, t("units.split.errors.unit")),
      successors: z
        .array(z.object({ code: unitCodeSchema, name: unitNameSchema, type: unitTypeSchema }))
        .min(2),
      villages: z
        .array(z.number().int().min(0))
        .refine((list) => list.length === villages.length, t("units.split.errors.villages")),
      effectiveDate: z.string().min(1, t("units.split.errors.date")),
      decision: z.string().trim().max(200),
    });
    const parsed = schema.safeParse({
      predecessorCode: code,
      successors,
      villages: villages.flatMap((v) =>
        assignment[v.code] === undefined ? [] : [assignment[v.code]],
      ),
      effectiveDate,
      decision,
    });
    const codes = successors.map((s) => s.code.trim());
    const fieldErrors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
    if (new Set(codes).size !== codes.length)
      fieldErrors.successors = [t("units.split.errors.sameCode")];
    else if (fieldErrors.successors) fieldErrors.successors = [t("units.split.errors.successors")];
    setLocal(fieldErrors);
    if (!parsed.success || Object.keys(fieldErrors).length > 0) return;
    const stored = await queryClient.fetchQuery(trpc.unit.byCode.queryOptions({ code }));
    setPreview({ rowVersion: stored.rowVersion });
  }

  function confirm() {
    if (!preview) return;
    split.mutate({
      predecessorCode: code,
      expectedRowVersion: preview.rowVersion,
      successors: successors.map((s, i) => ({
        code: s.code.trim(),
        name: s.name,
        type: s.type,
        childCodes: villages.filter((v) => assignment[v.code] === i).map((v) => v.code),
      })),
      effectiveDate,
      decision: decision.trim() || null,
    });
  }

  return (
    <section aria-labelledby="split-heading" className="card">
      <h2 id="split-heading">{t("units.split.heading")}</h2>
      <p className="muted">{t("units.split.intro")}</p>
      <form noValidate aria-label={t("units.split.heading")} onSubmit={(e) => void review(e)}>
        <ErrorSummary problems={problems} />
        <FormField
          id={id("predecessorCode")}
          label={t("units.split.unit")}
          error={errors.predecessorCode?.[0]}
        >
          <select
            {...fieldAria(id("predecessorCode"), { error: errors.predecessorCode?.[0] })}
            value={code}
            onChange={(event) => choose(event.target.value)}
          >
            <option value="">{t("units.chooseUnit")}</option>
            {splittable.map((unit) => (
              <option key={unit.code} value={unit.code}>
                {indented(unit)}
              </option>
            ))}
          </select>
        </FormField>
        {old ? (
          <>
            <fieldset
              id={id("successors")}
              tabIndex={-1}
              className={errors.successors ? "field field-invalid" : "field"}
            >
              <legend>{t("units.split.successors")}</legend>
              {errors.successors ? <p className="field-error">{errors.successors[0]}</p> : null}
              {successors.map((s, index) => (
                <div className="filters" key={index}>
                  <FormField
                    id={`split-code-${index}`}
                    label={t("units.split.code", { n: index + 1 })}
                  >
                    <input
                      id={`split-code-${index}`}
                      type="text"
                      autoComplete="off"
                      value={s.code}
                      onChange={(event) =>
                        editSuccessor(index, { code: event.target.value.toUpperCase() })
                      }
                    />
                  </FormField>
                  <FormField
                    id={`split-name-${index}`}
                    label={t("units.split.name", { n: index + 1 })}
                  >
                    <input
                      id={`split-name-${index}`}
                      type="text"
                      autoComplete="off"
                      value={s.name}
                      onChange={(event) => editSuccessor(index, { name: event.target.value })}
                    />
                  </FormField>
                  <FormField
                    id={`split-type-${index}`}
                    label={t("units.split.type", { n: index + 1 })}
                  >
                    <select
                      id={`split-type-${index}`}
                      value={s.type}
                      onChange={(event) =>
                        editSuccessor(index, { type: event.target.value as UnitType })
                      }
                    >
                      {unitTypeSchema.options.map((type) => (
                        <option key={type} value={type}>
                          {unitTypeLabels[type]}
                        </option>
                      ))}
                    </select>
                  </FormField>
                </div>
              ))}
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setSuccessors((list) => [...list, { code: "", name: "", type: old.type }]);
                  touched();
                }}
              >
                {t("units.split.addUnit")}
              </button>
              {successors.length > 2 ? (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    const last = successors.length - 1;
                    setSuccessors((list) => list.slice(0, last));
                    setAssignment((a) =>
                      Object.fromEntries(Object.entries(a).filter(([, i]) => i !== last)),
                    );
                    touched();
                  }}
                >
                  {t("units.split.removeUnit")}
                </button>
              ) : null}
            </fieldset>
            <fieldset
              id={id("villages")}
              tabIndex={-1}
              className={errors.villages ? "field field-invalid" : "field"}
            >
              <legend>{t("units.split.villages", { count: villages.length })}</legend>
              {errors.villages ? <p className="field-error">{errors.villages[0]}</p> : null}
              <div className="choice-list">
                {villages.map((village) => (
                  <label key={village.code}>
                    {formatUnitName(village)}{" "}
                    <select
                      value={assignment[village.code] ?? ""}
                      onChange={(event) => {
                        const value = event.target.value;
                        setAssignment((a) => {
                          const { [village.code]: _, ...rest } = a;
                          return value === "" ? rest : { ...rest, [village.code]: Number(value) };
                        });
                        touched();
                      }}
                    >
                      <option value="">{t("units.split.chooseNew")}</option>
                      {successors.map((s, index) => (
                        <option key={index} value={index}>
                          {labelOf(s, index)}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="filters">
              <FormField
                id={id("effectiveDate")}
                label={t("units.merge.effectiveDate")}
                error={errors.effectiveDate?.[0]}
              >
                <input
                  type="date"
                  {...fieldAria(id("effectiveDate"), { error: errors.effectiveDate?.[0] })}
                  value={effectiveDate}
                  onChange={(event) => {
                    setEffectiveDate(event.target.value);
                    touched();
                  }}
                />
              </FormField>
              <FormField
                id={id("decision")}
                label={t("units.merge.decision")}
                error={errors.decision?.[0]}
              >
                <input
                  type="text"
                  autoComplete="off"
                  {...fieldAria(id("decision"), { error: errors.decision?.[0] })}
                  value={decision}
                  onChange={(event) => {
                    setDecision(event.target.value);
                    touched();
                  }}
                />
              </FormField>
            </div>
            <button type="submit">{t("units.split.preview")}</button>
          </>
        ) : null}
      </form>
      {preview && old ? (
        <section className="card preview" aria-label={t("units.split.previewHeading")}>
          <h3>{t("units.split.previewHeading")}</h3>
          <ul>
            <li>
              {t("units.split.closes", {
                unit: old.label,
                lastDay: formatDate(addDays(effectiveDate, -1)),
              })}
            </li>
            {successors.map((s, index) => (
              <li key={s.code}>
                {t("units.split.creates", {
                  unit: labelOf(s, index),
                  code: s.code,
                  date: formatDate(effectiveDate),
                  villages:
                    villages
                      .filter((v) => assignment[v.code] === index)
                      .map((v) => formatUnitName(v))
                      .join(", ") || "—",
                })}
              </li>
            ))}
          </ul>
          <button type="button" disabled={split.isPending} onClick={confirm}>
            {split.isPending ? t("units.split.splitting") : t("units.split.confirm")}
          </button>
        </section>
      ) : null}
      <div aria-live="polite">
        {done ? (
          <p className="notice notice-success" role="status">
            {t("units.split.done", { units: done.map((d) => d.label).join(", ") })}{" "}
            {done.map((d) => (
              <Link key={d.code} to={`?xem=${encodeURIComponent(d.code)}`}>
                {t("units.lineage.openOf", { unit: d.label })}
              </Link>
            ))}
          </p>
        ) : null}
      </div>
    </section>
  );
}
