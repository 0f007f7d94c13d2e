import {
  addDays,
  formatDate,
  formatUnitName,
  matchesSearch,
  UNIT_TYPES,
  type UnitLevel,
  type UnitType,
  unitCodeSchema,
  unitLevelLabels,
  unitNameSchema,
  unitTypeLabels,
  unitTypeSchema,
} from "@datchuan/domain";
import {
  apiErrorCode,
  ErrorSummary,
  type FormProblem,
  readApiProblem,
  TextField,
  useTRPC,
} from "@datchuan/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { FormField, fieldAria } from "../form-field";
import { firstErrors, indented, type PlacedUnit } from "./succession-units";

const FIELDS = ["predecessors", "code", "name", "type", "parentCode", "effectiveDate", "decision"];
const id = (field: string) => `merge-${field}`;

interface MergeDraft {
  predecessors: string[];
  code: string;
  name: string;
  type: UnitType;
  parentCode: string;
  effectiveDate: string;
  decision: string;
}

/** Where a server refusal belongs in the form: zod's fields, or the field its message is about. */
function serverFieldErrors(error: unknown): Record<string, string[] | undefined> {
  const problem = readApiProblem(error);
  const fields = { ...problem.fieldErrors };
  // The new unit's code and name arrive nested under "successor".
  if (fields.successor) fields.code = fields.successor;
  if (problem.message && Object.keys(fields).length === 0) {
    const code = apiErrorCode(error);
    if (code === "CONFLICT" && problem.message.startsWith("Mã đơn vị"))
      fields.code = [problem.message];
    else if (code === "BAD_REQUEST" && /cùng cấp/u.test(problem.message))
      fields.predecessors = [problem.message];
    else if (code === "BAD_REQUEST") fields.parentCode = [problem.message];
  }
  return fields;
}

/**
 * Merging units into a new one (sáp nhập; the 2025 reform): pick the units, describe the new
 * one and where it sits, preview what closes, what is created and where the villages go, then
 * confirm. The server checks it all again, at the versions read for the preview.
 */
export function UnitMerge({ units }: { units: PlacedUnit[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [level, setLevel] = useState<UnitLevel>("commune");
  const [filter, setFilter] = useState("");
  const [draft, setDraft] = useState<MergeDraft>({
    predecessors: [],
    code: "",
    name: "",
    type: "xa",
    parentCode: "",
    effectiveDate: "",
    decision: "",
  });
  const [local, setLocal] = useState<Record<string, string[] | undefined>>({});
  const [preview, setPreview] = useState<{ draft: MergeDraft; versions: number[] } | null>(null);
  const [done, setDone] = useState<{ code: string; label: string; date: string } | null>(null);
  const merge = useMutation(
    trpc.unit.merge.mutationOptions({
      onSuccess: async (_created, input) => {
        setDone({
          code: input.successor.code,
          label: formatUnitName(input.successor),
          date: input.effectiveDate,
        });
        setPreview(null);
        await queryClient.invalidateQueries({ queryKey: trpc.unit.pathKey() });
      },
    }),
  );
  const byCode = new Map(units.map((u) => [u.code, u]));
  const candidates = units.filter(
    (u) => u.level === level && (!filter || matchesSearch(u.label, filter)),
  );
  const parents = units.filter((u) => u.level !== "village");
  const errors = firstErrors(local, merge.error ? serverFieldErrors(merge.error) : undefined);
  const problems: FormProblem[] = FIELDS.flatMap((field) =>
    errors[field] ? [{ fieldId: id(field), text: errors[field][0]! }] : [],
  );
  if (merge.error && problems.length === 0)
    problems.push({ text: readApiProblem(merge.error).message ?? t("common:form.noServer") });

  const change = (next: Partial<MergeDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setPreview(null);
    setDone(null);
    merge.reset();
  };

  async function review(event: FormEvent) {
    event.preventDefault();
    const schema = z.object({
      predecessors: z.array(z.string()).min(2, t("units.merge.errors.twoUnits")),
      code: unitCodeSchema,
      name: unitNameSchema,
      type: unitTypeSchema,
      parentCode: z.string().min(1, t("units.merge.errors.parent")),
      effectiveDate: z.string().min(1, t("units.merge.errors.date")),
      decision: z.string().trim().max(200),
    });
    const parsed = schema.safeParse(draft);
    setLocal(parsed.success ? {} : z.flattenError(parsed.error).fieldErrors);
    if (!parsed.success) return;
    // The versions the preview shows: a change elsewhere since then makes the merge refuse.
    const versions = await Promise.all(
      parsed.data.predecessors.map(
        async (code) =>
          (await queryClient.fetchQuery(trpc.unit.byCode.queryOptions({ code }))).rowVersion,
      ),
    );
    setPreview({ draft: { ...draft, ...parsed.data }, versions });
  }

  function confirm() {
    if (!preview) return;
    const d = preview.draft;
    merge.mutate({
      predecessors: d.predecessors.map((code, i) => ({
        code,
        expectedRowVersion: preview.versions[i]!,
      })),
      successor: { code: d.code, name: d.name, type: d.type },
      parentCode: d.parentCode,
      effectiveDate: d.effectiveDate,
      decision: d.decision.trim() || null,
    });
  }

  return (
    <section aria-labelledby="merge-heading" className="card">
      <h2 id="merge-heading">{t("units.merge.heading")}</h2>
      <p className="muted">{t("units.merge.intro")}</p>
      <form noValidate aria-label={t("units.merge.heading")} onSubmit={(e) => void review(e)}>
        <ErrorSummary problems={problems} />
        <div className="filters">
          <FormField id="merge-level" label={t("units.merge.level")}>
            <select
              id="merge-level"
              value={level}
              onChange={(event) => {
                setLevel(event.target.value as UnitLevel);
                change({ predecessors: [] });
              }}
            >
              {(["district", "commune", "village"] as const).map((l) => (
                <option key={l} value={l}>
                  {unitLevelLabels[l]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="merge-filter" label={t("units.merge.filter")}>
            <input
              id="merge-filter"
              type="search"
              autoComplete="off"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          </FormField>
        </div>
        <fieldset
          id={id("predecessors")}
          tabIndex={-1}
          className={errors.predecessors ? "field field-invalid" : "field"}
          aria-describedby={errors.predecessors ? `${id("predecessors")}-error` : undefined}
        >
          <legend>{t("units.merge.predecessors")}</legend>
          {errors.predecessors ? (
            <p id={`${id("predecessors")}-error`} className="field-error">
              {errors.predecessors[0]}
            </p>
          ) : null}
          <div className="choice-list">
            {candidates.map((unit) => (
              <label key={unit.code}>
                <input
                  type="checkbox"
                  checked={draft.predecessors.includes(unit.code)}
                  onChange={(event) => {
                    const chosen = event.target.checked
                      ? [...draft.predecessors, unit.code]
                      : draft.predecessors.filter((c) => c !== unit.code);
                    const first = byCode.get(chosen[0] ?? "");
                    change({
                      predecessors: chosen,
                      // The new unit sits where the first one did, of its kind, unless changed.
                      ...(chosen.length === 1 && first
                        ? { type: first.type, parentCode: parentCodeOf(first) }
                        : {}),
                    });
                  }}
                />{" "}
                {unit.label} <span className="muted">· {unit.code}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="filters">
          <TextField
            id={id("code")}
            label={t("units.merge.code")}
            hint={t("units.merge.codeHint")}
            value={draft.code}
            onChange={(code) => change({ code: code.toUpperCase() })}
            autoComplete="off"
            errors={errors.code}
          />
          <TextField
            id={id("name")}
            label={t("units.merge.name")}
            value={draft.name}
            onChange={(name) => change({ name })}
            autoComplete="off"
            errors={errors.name}
          />
          <FormField id={id("type")} label={t("units.merge.type")} error={errors.type?.[0]}>
            <select
              {...fieldAria(id("type"), { error: errors.type?.[0] })}
              value={draft.type}
              onChange={(event) => change({ type: event.target.value as UnitType })}
            >
              {UNIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {unitTypeLabels[type]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            id={id("parentCode")}
            label={t("units.merge.parent")}
            hint={t("units.merge.parentHint")}
            error={errors.parentCode?.[0]}
          >
            <select
              {...fieldAria(id("parentCode"), { hint: true, error: errors.parentCode?.[0] })}
              value={draft.parentCode}
              onChange={(event) => change({ parentCode: event.target.value })}
            >
              <option value="">{t("units.chooseUnit")}</option>
              {parents.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {indented(unit)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField
            id={id("effectiveDate")}
            label={t("units.merge.effectiveDate")}
            error={errors.effectiveDate?.[0]}
          >
            <input
              type="date"
              {...fieldAria(id("effectiveDate"), { error: errors.effectiveDate?.[0] })}
              value={draft.effectiveDate}
              onChange={(event) => change({ effectiveDate: event.target.value })}
            />
          </FormField>
          <TextField
            id={id("decision")}
            label={t("units.merge.decision")}
            hint={t("units.merge.decisionHint")}
            value={draft.decision}
            onChange={(decision) => change({ decision })}
            autoComplete="off"
            errors={errors.decision}
          />
        </div>
        <button type="submit">{t("units.merge.preview")}</button>
      </form>
      {preview ? (
        <MergePreview
          draft={preview.draft}
          byCode={byCode}
          pending={merge.isPending}
          onConfirm={confirm}
        />
      ) : null}
      <div aria-live="polite">
        {done ? (
          <p className="notice notice-success" role="status">
            {t("units.merge.done", { unit: done.label, date: formatDate(done.date) })}{" "}
            <Link to={`?xem=${encodeURIComponent(done.code)}`}>{t("units.lineage.open")}</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}

function parentCodeOf(unit: PlacedUnit): string {
  return unit.path.split("/").at(-3) ?? "";
}

function MergePreview({
  draft,
  byCode,
  pending,
  onConfirm,
}: {
  draft: MergeDraft;
  byCode: Map<string, PlacedUnit>;
  pending: boolean;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const merged = draft.predecessors.map((code) => byCode.get(code)).filter((u) => u !== undefined);
  const moved = merged.flatMap((u) => u.children.map((c) => ({ from: u.label, child: c })));
  const newLabel = formatUnitName({ name: draft.name, type: draft.type });
  return (
    <section className="card preview" aria-label={t("units.merge.previewHeading")}>
      <h3>{t("units.merge.previewHeading")}</h3>
      <ul>
        <li>
          {t("units.merge.creates", {
            unit: newLabel,
            code: draft.code,
            parent: byCode.get(draft.parentCode)?.label ?? draft.parentCode,
            date: formatDate(draft.effectiveDate),
          })}
        </li>
        <li>
          {t("units.merge.closes", {
            units: merged.map((u) => u.label).join(", "),
            lastDay: formatDate(addDays(draft.effectiveDate, -1)),
          })}
        </li>
        <li>{t("units.merge.moves", { count: moved.length, unit: newLabel })}</li>
        {draft.decision.trim() ? (
          <li>{t("units.merge.byDecision", { decision: draft.decision.trim() })}</li>
        ) : null}
      </ul>
      {moved.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("units.merge.movedCaption", { count: moved.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.merge.child")}</th>
                <th scope="col">{t("units.merge.from")}</th>
                <th scope="col">{t("units.merge.to")}</th>
              </tr>
            </thead>
            <tbody>
              {moved.map(({ from, child }) => (
                <tr key={child.code}>
                  <th scope="row">{formatUnitName(child)}</th>
                  <td>{from}</td>
                  <td>{newLabel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <button type="button" disabled={pending} onClick={onConfirm}>
        {pending ? t("units.merge.merging") : t("units.merge.confirm")}
      </button>
    </section>
  );
}
