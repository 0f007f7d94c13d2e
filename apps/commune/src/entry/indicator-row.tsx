import {
  describeIndicatorVerdict,
  formatEntryNumber,
  type Indicator,
  type IndicatorValue,
  type IndicatorVerdict,
  parseVietnameseNumber,
} from "@datchuan/domain";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { type DraftFields, readFields, type ServerValue } from "../drafts/draft-logic";
import { fieldId, formatPeriod, formatValue } from "./format";
import type { SaveState } from "./use-drafts";
import { VerdictBadge } from "./verdict-badge";

export interface IndicatorRowProps {
  indicator: Indicator;
  period: string;
  verdict: IndicatorVerdict | undefined;
  fields: DraftFields;
  saveState: SaveState;
  server: ServerValue | undefined;
  /** At a conflict: the server's value now (null: none any more). */
  theirs: ServerValue | null | undefined;
  refusal: string | undefined;
  before: IndicatorValue | undefined;
  editable: boolean;
  onChange: (fields: DraftFields) => void;
  onCommit: () => void;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
  /** Where the evidence files panel goes (mounted at merge by the evidence feature). */
  evidenceSlot?: ReactNode;
}

const SAVE_LABEL: Record<SaveState, string> = {
  saved: "entrySaved",
  local: "entryLocal",
  sending: "entrySending",
  conflict: "entryLocal",
  refused: "entryLocal",
};

/** One indicator: its input, threshold, value before, live verdict and where its value is. */
export function IndicatorRow(props: IndicatorRowProps) {
  const { t } = useTranslation();
  const { indicator, fields, editable, verdict } = props;
  const [problem, setProblem] = useState<{ field: "a" | "b"; message: string } | null>(null);
  const derived = indicator.source.kind !== "entered";
  const errorId = fieldId(indicator.code, "error");

  const update = (next: Partial<DraftFields>) => {
    const merged = { ...fields, ...next };
    const read = readFields(indicator, merged, props.period);
    // A problem shows once the clerk leaves the field; a fix clears it at once.
    if (read.kind !== "problem") setProblem(null);
    props.onChange(merged);
  };
  const commit = (part?: "a" | "b") => {
    const read = readFields(indicator, fields, props.period);
    setProblem(read.kind === "problem" ? read : null);
    if (part && read.kind !== "problem") {
      // Shown back in vi-VN form: "1234,5" becomes "1.234,5".
      const parsed = parseVietnameseNumber(fields[part]);
      if (parsed.ok && formatEntryNumber(parsed.value) !== fields[part])
        props.onChange({ ...fields, [part]: formatEntryNumber(parsed.value) });
    }
    props.onCommit();
  };
  const invalid = (part: "a" | "b") =>
    problem?.field === part ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  const numberInput = (part: "a" | "b", label: string) => (
    <div className="field entry-field">
      <label htmlFor={fieldId(indicator.code, part)}>{label}</label>
      <input
        id={fieldId(indicator.code, part)}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={fields[part]}
        disabled={!editable || fields.na}
        onChange={(e) => update({ [part]: e.target.value })}
        onBlur={() => commit(part)}
        {...invalid(part)}
      />
    </div>
  );

  let input: ReactNode = null;
  if (derived) {
    const value = verdict && "value" in verdict ? verdict.value : null;
    input = (
      <p className="entry-derived">
        <strong>{t("entryDerived")}</strong>
        {value ? ` — ${t("entryDerivedValue", { value: formatValue(indicator, value) })}` : null}
      </p>
    );
  } else if (indicator.kind === "boolean" || indicator.kind === "level") {
    const options =
      indicator.kind === "boolean"
        ? [
            { code: "true", name: t("entryYes") },
            { code: "false", name: t("entryNo") },
          ]
        : indicator.levels;
    input = (
      <div className="field entry-field">
        <label htmlFor={fieldId(indicator.code, "a")}>{t("entryValue")}</label>
        <select
          id={fieldId(indicator.code, "a")}
          value={fields.a}
          disabled={!editable || fields.na}
          onChange={(e) => update({ a: e.target.value })}
          onBlur={() => commit()}
        >
          <option value="">{t("entryChoose")}</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
    );
  } else if (indicator.kind === "ratio") {
    input = (
      <div className="entry-ratio">
        {numberInput("a", t("entryNumerator", { label: indicator.numeratorLabel }))}
        {numberInput("b", t("entryDenominator", { label: indicator.denominatorLabel }))}
      </div>
    );
  } else {
    const unit = indicator.unitOfMeasure ? ` (${indicator.unitOfMeasure})` : "";
    input = numberInput("a", `${t("entryValue")}${unit}`);
  }

  const threshold = verdict && verdict.status !== "not_applicable" ? verdict.threshold : null;
  const provenance = threshold?.reason.provenance ?? null;
  const returned = props.server?.reviewStatus === "returned" ? props.server.returnReason : null;

  return (
    <li className="entry-row" id={fieldId(indicator.code, "row")}>
      <div className="entry-row-head">
        <h3 className="entry-row-title">
          {indicator.code}. {indicator.name}
        </h3>
        <span className={`entry-save entry-save-${props.saveState}`}>
          {t(SAVE_LABEL[props.saveState])}
        </span>
      </div>
      {returned ? (
        <div className="notice notice-error entry-returned" role="note">
          <strong>{t("entryReturnedReason")}:</strong> {returned}
        </div>
      ) : null}
      <p className="muted entry-meta">
        {indicator.unitOfMeasure ? `${t("entryUnit", { unit: indicator.unitOfMeasure })} · ` : ""}
        {t("entryBefore")}:{" "}
        {props.before
          ? `${formatValue(indicator, props.before)} (${formatPeriod(props.before.period)})`
          : t("entryBeforeNone")}
      </p>
      {threshold ? (
        <p className="entry-threshold">
          <span>
            {t("entryThreshold")}: {threshold.reason.text}
          </span>{" "}
          {provenance ? (
            <span className={provenance.verified ? "entry-verified" : "entry-unverified"}>
              {provenance.verified ? `✓ ${t("entryVerified")}` : `⚠ ${t("entryUnverified")}`}
            </span>
          ) : null}
        </p>
      ) : null}
      <div className="entry-inputs">
        {input}
        {indicator.optional && !derived ? (
          <label className="entry-checkbox">
            <input
              type="checkbox"
              checked={fields.na}
              disabled={!editable}
              onChange={(e) => update({ na: e.target.checked })}
              onBlur={() => commit()}
            />{" "}
            {t("entryNotApplicable")}
          </label>
        ) : null}
      </div>
      {problem ? (
        <p className="field-error" id={errorId}>
          {problem.message}
        </p>
      ) : null}
      {props.refusal ? (
        <p className="field-error">{t("entryRefused", { message: props.refusal })}</p>
      ) : null}
      {props.saveState === "conflict" ? (
        <Conflict
          indicator={indicator}
          theirs={props.theirs ?? null}
          mine={fields}
          period={props.period}
          onKeepMine={props.onKeepMine}
          onTakeTheirs={props.onTakeTheirs}
        />
      ) : null}
      <div className="entry-verdict" aria-live="polite">
        {verdict ? (
          <VerdictBadge status={verdict.status} fragile={"fragile" in verdict && verdict.fragile} />
        ) : null}{" "}
        <span>{verdict ? describeIndicatorVerdict(verdict, indicator) : ""}</span>
      </div>
      {!derived ? (
        <div className="field entry-field entry-note">
          <label htmlFor={fieldId(indicator.code, "note")}>{t("entryNote")}</label>
          <input
            id={fieldId(indicator.code, "note")}
            type="text"
            autoComplete="off"
            maxLength={4000}
            value={fields.note}
            disabled={!editable}
            onChange={(e) => update({ note: e.target.value })}
            onBlur={() => commit()}
          />
        </div>
      ) : null}
      {/* Evidence files: the lead mounts the evidence panel here at merge (evidenceSlot). */}
      {props.evidenceSlot ?? null}
    </li>
  );
}

function Conflict(props: {
  indicator: Indicator;
  theirs: ServerValue | null;
  mine: DraftFields;
  period: string;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useTranslation();
  const mine = readFields(props.indicator, props.mine, props.period);
  return (
    <div className="entry-conflict" role="alert">
      <p>
        <strong>{t("entryConflictHeading")}</strong>
      </p>
      <dl className="entry-conflict-values">
        <div>
          <dt>{t("entryTheirs")}</dt>
          <dd>
            {props.theirs ? formatValue(props.indicator, props.theirs.value) : t("entryNothing")}
          </dd>
        </div>
        <div>
          <dt>{t("entryMine")}</dt>
          <dd>
            {mine.kind === "value" ? formatValue(props.indicator, mine.value) : t("entryNothing")}
          </dd>
        </div>
      </dl>
      <div className="entry-conflict-actions">
        <button type="button" onClick={props.onKeepMine}>
          {t("entryKeepMine")}
        </button>
        <button type="button" className="button-secondary" onClick={props.onTakeTheirs}>
          {t("entryUseTheirs")}
        </button>
      </div>
    </div>
  );
}
