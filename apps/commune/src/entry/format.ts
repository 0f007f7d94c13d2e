import {
  formatIndicatorQuantity,
  formatNumber,
  formatPercent,
  type Indicator,
  type IndicatorValue,
  ratioPercent,
} from "@datchuan/domain";

/** "2025-09" → "09/2025", "2025-Q3" → "quý 3/2025", "2025" → "năm 2025". */
export function formatPeriod(period: string): string {
  if (period.length === 4) return `năm ${period}`;
  if (period[5] === "Q") return `quý ${period[6]}/${period.slice(0, 4)}`;
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/** A value in the indicator's terms: "95,5 %", "400/1.000 (40 %)", "Đạt", "Khá". */
export function formatValue(indicator: Indicator, value: IndicatorValue): string {
  switch (value.kind) {
    case "ratio":
      return `${formatNumber(value.numerator, 6)}/${formatNumber(value.denominator, 6)} (${formatPercent(ratioPercent(value.numerator, value.denominator))})`;
    case "not_applicable":
      return "Không áp dụng";
    default:
      return formatIndicatorQuantity(indicator, value.value);
  }
}

/** An id for an indicator's field: "v-17-1-a". */
export function fieldId(code: string, part: string): string {
  return `v-${code.replaceAll(".", "-")}-${part}`;
}
