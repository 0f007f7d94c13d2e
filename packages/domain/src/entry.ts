import type { CriteriaSet, Criterion, Indicator } from "./criteria/model";
import { type IndicatorValue, periodValidUntil } from "./criteria/values";
import { formatNumber } from "./format";
import type { UnitLevel } from "./unit";
import { unitLevelLabels } from "./unit-names";

/** Where an indicator sits in a set: for entry forms and for routing reviews. */
export function findIndicator(
  set: CriteriaSet,
  code: string,
): { criterion: Criterion; indicator: Indicator } | undefined {
  for (const criterion of set.criteria) {
    const indicator = criterion.indicators.find((i) => i.code === code);
    if (indicator) return { criterion, indicator };
  }
  return undefined;
}

const ACCEPTED_KINDS: Record<Indicator["kind"], ReadonlyArray<IndicatorValue["kind"]>> = {
  boolean: ["boolean"],
  number: ["number"],
  percentage: ["number", "ratio"],
  ratio: ["ratio"],
  level: ["level"],
  count: ["number"],
};

/**
 * Why a value cannot be entered for an indicator (a Vietnamese sentence), or null when it can.
 * Derived indicators are computed, never entered; "(nếu có)" ones alone accept "not applicable".
 */
export function entryProblem(indicator: Indicator, value: IndicatorValue): string | null {
  if (indicator.source.kind !== "entered") {
    return `Chỉ tiêu ${indicator.code} được tính tự động, không nhập trực tiếp.`;
  }
  if (value.kind === "not_applicable") {
    return indicator.optional
      ? null
      : `Chỉ tiêu ${indicator.code} áp dụng cho mọi xã, không thể ghi "không áp dụng".`;
  }
  if (!ACCEPTED_KINDS[indicator.kind].includes(value.kind)) {
    return `Chỉ tiêu ${indicator.code} cần giá trị kiểu ${indicator.kind}, không phải ${value.kind}.`;
  }
  const above100 =
    (indicator.kind === "percentage" || indicator.kind === "ratio") &&
    indicator.allowAbove100 === true;
  if (value.kind === "ratio" && value.numerator > value.denominator && !above100) {
    return `Tử số (${formatNumber(value.numerator, 6)}) không thể lớn hơn mẫu số (${formatNumber(value.denominator, 6)}): tỷ lệ của chỉ tiêu ${indicator.code} không vượt quá 100 %.`;
  }
  if (
    indicator.kind === "count" &&
    value.kind === "number" &&
    (!Number.isInteger(value.value) || value.value < 0)
  ) {
    return `Chỉ tiêu ${indicator.code} là số đếm: cần số nguyên không âm.`;
  }
  if (indicator.kind === "percentage" && value.kind === "number") {
    if (value.value < 0)
      return `Chỉ tiêu ${indicator.code} là tỷ lệ phần trăm: không nhận số âm (${formatNumber(value.value, 6)} %).`;
    if (value.value > 100 && !above100)
      return `Chỉ tiêu ${indicator.code} là tỷ lệ phần trăm: giá trị ${formatNumber(value.value, 6)} % nằm ngoài khoảng 0–100 %.`;
  }
  if (
    indicator.kind === "level" &&
    value.kind === "level" &&
    !indicator.levels.some((l) => l.code === value.value)
  ) {
    return `Mức "${value.value}" không có trong thang của chỉ tiêu ${indicator.code}.`;
  }
  return null;
}

/**
 * Why a unit cannot report against a set (a Vietnamese sentence), or null when it can: a set
 * judges units of one level, so a village's values never enter a commune's set.
 */
export function setLevelProblem(
  set: Pick<CriteriaSet, "id" | "level">,
  unitLevel: UnitLevel,
): string | null {
  if (set.level === unitLevel) return null;
  return `Bộ tiêu chí ${set.id} áp dụng cho đơn vị ${unitLevelLabels[set.level].toLowerCase()}, không nhập cho đơn vị ${unitLevelLabels[unitLevel].toLowerCase()}.`;
}

/** A report's lifecycle state (draft → submitted → accepted, locked | returned). */
export interface ReportState {
  status: "draft" | "submitted" | "accepted" | "returned";
  locked: boolean;
}

/**
 * Why values and evidence cannot go into a report now, or null when they can. A submitted report
 * waits for its review: entry is refused rather than silently taking it back to draft, so what
 * reviewers read is what was sent; a return (or a reopening) opens it again.
 */
export function reportEntryBlock(report: ReportState): "locked" | "under_review" | null {
  if (report.locked) return "locked";
  if (report.status === "submitted") return "under_review";
  return null;
}

/**
 * The day a period's report is due: `dueDay` of the month after the period ends (the 25th by
 * default), clamped to the month's length.
 */
export function reportDueDate(period: string, dueDay = 25): string {
  const end = periodValidUntil(period);
  let year = Number(end.slice(0, 4));
  let month = Number(end.slice(5, 7)) + 1;
  if (month === 13) {
    month = 1;
    year += 1;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(dueDay, lastDay);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
