import { formatDate } from "../format";
import type { Indicator } from "./model";
import { comparatorSymbol, formatIndicatorQuantity } from "./thresholds";
import type { CriterionVerdict, IndicatorVerdict, SetVerdict } from "./verdicts";

/**
 * Vietnamese sentences for verdicts, built on demand: evaluating 10 000 communes should not
 * format 750 000 numbers nobody reads. The structured verdict stays the source of truth.
 */

const MISSING_TEXT: Record<string, string> = {
  no_value: "chưa có số liệu",
  future_period: "số liệu thuộc kỳ chưa bắt đầu",
  wrong_kind: "số liệu không đúng loại của chỉ tiêu",
  not_applicable_not_allowed: "chỉ tiêu này không được ghi “không áp dụng”",
  inputs_missing: "thiếu số liệu của chỉ tiêu nguồn",
  children_missing: "chưa đủ số liệu của các thôn",
  related_set_unknown: "chưa có kết quả đánh giá theo bộ tiêu chí liên quan",
};

/** "Chưa đạt: 90,25 % (ngưỡng ≥ 95 %); cần thêm 152 người tham gia BHYT." */
export function describeIndicatorVerdict(verdict: IndicatorVerdict, indicator: Indicator): string {
  const threshold = (v: Exclude<IndicatorVerdict, { status: "not_applicable" }>) =>
    v.threshold.value === null
      ? "chưa có ngưỡng"
      : `ngưỡng ${comparatorSymbol(v.threshold.comparator)} ${formatIndicatorQuantity(indicator, v.threshold.value)}`;
  switch (verdict.status) {
    case "met":
      return `Đạt${verdict.fragile ? " nhưng chưa bền vững" : ""}: ${formatIndicatorQuantity(indicator, verdict.measured)} (${threshold(verdict)}).`;
    case "not_met":
      return `Chưa đạt: ${formatIndicatorQuantity(indicator, verdict.measured)} (${threshold(verdict)}); ${verdict.gap.text}.`;
    case "missing":
      return `Thiếu số liệu: ${MISSING_TEXT[verdict.reason] ?? verdict.reason}.`;
    case "stale":
      return verdict.validUntil
        ? `Số liệu hết hiệu lực từ sau ngày ${formatDate(verdict.validUntil)}; cần cập nhật.`
        : "Số liệu nguồn đã hết hiệu lực; cần cập nhật.";
    case "no_threshold":
      return `Chưa xác định được đạt hay chưa: ${verdict.threshold.reason.text}`;
    case "not_applicable":
      return "Không áp dụng (nếu có).";
  }
}

function codes(criterion: CriterionVerdict, statuses: readonly string[]): string[] {
  return criterion.indicators.filter((i) => statuses.includes(i.status)).map((i) => i.code);
}

/** "Tiêu chí số 15 - Y tế: chưa đạt (chỉ tiêu chưa đạt: 15.1; thiếu số liệu: 15.4)." */
export function describeCriterionVerdict(criterion: CriterionVerdict): string {
  const head = `Tiêu chí số ${criterion.number} - ${criterion.name}`;
  const failing = codes(criterion, ["not_met"]);
  const open = codes(criterion, ["missing", "stale", "no_threshold"]);
  const parts = [
    failing.length > 0 ? `chỉ tiêu chưa đạt: ${failing.join(", ")}` : "",
    open.length > 0 ? `chưa xác định: ${open.join(", ")}` : "",
  ].filter(Boolean);
  const detail = parts.length > 0 ? ` (${parts.join("; ")})` : "";
  switch (criterion.status) {
    case "met":
      return `${head}: đạt${criterion.fragile ? " nhưng chưa bền vững" : ""}.`;
    case "not_met":
      return `${head}: chưa đạt${detail}.`;
    case "undetermined":
      return `${head}: chưa kết luận được${detail}.`;
    case "not_applicable":
      return `${head}: không áp dụng.`;
  }
}

/** "Xã XA-1 đạt 18/19 tiêu chí, 56/57 chỉ tiêu; chưa đạt chuẩn (tiêu chí chưa đạt: 17)." */
export function describeSetVerdict(verdict: SetVerdict): string {
  const who = verdict.unit.name ?? verdict.unit.code;
  const failing = verdict.criteria.filter((c) => c.status === "not_met").map((c) => c.number);
  const open = verdict.criteria.filter((c) => c.status === "undetermined").map((c) => c.number);
  const outcome =
    verdict.status === "met"
      ? `đạt chuẩn ${verdict.set.title}`
      : verdict.status === "not_met"
        ? `chưa đạt chuẩn (tiêu chí chưa đạt: ${failing.join(", ")})`
        : `chưa kết luận được (tiêu chí thiếu số liệu: ${open.join(", ")})`;
  return `${who} ${verdict.summary}; ${outcome}.`;
}
