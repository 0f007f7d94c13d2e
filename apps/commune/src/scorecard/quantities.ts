import { comparatorSymbol, formatNumber, type IndicatorVerdict } from "@datchuan/domain";

/** What the page knows of an indicator besides its verdict (from the set that judged it). */
export interface IndicatorInfo {
  code: string;
  name: string;
  kind: string;
  unitOfMeasure: string;
}

/** A figure in the indicator's terms, vi-VN: "95,5 %", "45 triệu đồng", "Đạt", "Khá". */
export function formatQuantity(
  info: IndicatorInfo | undefined,
  value: number | boolean | string | null,
  words: { yes: string; no: string },
): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (typeof value === "string") return value;
  const percent = info?.kind === "percentage" || info?.kind === "ratio";
  const unit = percent ? "%" : (info?.unitOfMeasure ?? "");
  return `${formatNumber(value)}${unit ? ` ${unit}` : ""}`;
}

/** The measured figure of a verdict, with numerator/denominator for ratios: "90,25 % (361/400)". */
export function formatMeasured(
  verdict: IndicatorVerdict,
  info: IndicatorInfo | undefined,
  words: { yes: string; no: string },
): string | null {
  if (!("measured" in verdict)) return null;
  const shown = formatQuantity(info, verdict.measured, words);
  const value = verdict.value;
  if (value?.kind === "ratio")
    return `${shown} (${formatNumber(value.numerator, 0)}/${formatNumber(value.denominator, 0)})`;
  return shown;
}

/** "≥ 95 %", or null when the indicator has no threshold known. */
export function formatThreshold(
  verdict: IndicatorVerdict,
  info: IndicatorInfo | undefined,
  words: { yes: string; no: string },
): string | null {
  if (!("threshold" in verdict) || verdict.threshold.value === null) return null;
  return `${comparatorSymbol(verdict.threshold.comparator)} ${formatQuantity(info, verdict.threshold.value, words)}`;
}
