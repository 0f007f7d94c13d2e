import type { RuleStatus, VerdictOutline } from "./criteria/verdicts";
import { formatDate } from "./format";

/**
 * The recognition lifecycle of a unit under a set (đăng ký → lộ trình → hồ sơ → thẩm định →
 * quyết định công nhận → duy trì → thu hồi) as pure rules over its records: no I/O, no clock.
 */

export const RECOGNITION_LEVELS = ["ntm", "nang_cao", "kieu_mau"] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];

export const RECOGNITION_LEVEL_LABELS: Record<RecognitionLevel, string> = {
  ntm: "Đạt chuẩn nông thôn mới",
  nang_cao: "Đạt chuẩn nông thôn mới nâng cao",
  kieu_mau: "Đạt chuẩn nông thôn mới kiểu mẫu",
};

const ROMAN = ["I", "II", "III", "IV"] as const;

/** "quý II/2024". */
export function quarterLabel(year: number, quarter: number): string {
  return `quý ${ROMAN[quarter - 1] ?? quarter}/${year}`;
}

/** The last day of a quarter, ISO: what a roadmap step is checked against. */
export function quarterEnd(year: number, quarter: number): string {
  return ["03-31", "06-30", "09-30", "12-31"].map((d) => `${year}-${d}`)[quarter - 1]!;
}

export interface RoadmapStep {
  year: number;
  quarter: number;
  criterionNumbers: readonly number[];
}

/**
 * A roadmap step as the seeds write it ("hoàn thành 2 tiêu chí trong quý II/2024: số 2, 5"),
 * and, once the quarter is judged, how many of them met by its end.
 */
export function describeRoadmapStep(
  step: RoadmapStep,
  metByQuarterEnd?: ReadonlySet<number>,
): { text: string; done: number | null } {
  const numbers = [...step.criterionNumbers].sort((a, b) => a - b);
  const text = `Hoàn thành ${numbers.length} tiêu chí trong ${quarterLabel(step.year, step.quarter)} (tiêu chí số ${numbers.join(", ")})`;
  if (!metByQuarterEnd) return { text: `${text}.`, done: null };
  const done = numbers.filter((n) => metByQuarterEnd.has(n)).length;
  return { text: `${text}: đã đạt ${done}/${numbers.length}.`, done };
}

export interface DossierItemState {
  /** Null: the general dossier of the unit (hồ sơ chung). */
  criterionNumber: number | null;
  complete: boolean;
  documents: number;
}

export interface DossierCompleteness {
  criteriaComplete: number;
  criteriaTotal: number;
  generalComplete: boolean;
  complete: boolean;
  /** Criteria whose file is not complete yet, by number. */
  missing: number[];
  text: string;
}

/** An item counts when declared complete and holding at least one document. */
export function dossierItemComplete(item: Pick<DossierItemState, "complete" | "documents">) {
  return item.complete && item.documents > 0;
}

/**
 * How complete a dossier is, counted as the seeds count it: "đã hoàn thiện hồ sơ 19/19 tiêu
 * chí, còn thiếu hồ sơ chung của xã". `criterionNumbers` are the set's criteria.
 */
export function dossierCompleteness(
  items: readonly DossierItemState[],
  criterionNumbers: readonly number[],
  unitWord = "xã",
): DossierCompleteness {
  const done = new Set(
    items
      .filter((i) => i.criterionNumber !== null && dossierItemComplete(i))
      .map((i) => i.criterionNumber),
  );
  const missing = criterionNumbers.filter((n) => !done.has(n));
  const criteriaComplete = criterionNumbers.length - missing.length;
  const generalComplete = items.some((i) => i.criterionNumber === null && dossierItemComplete(i));
  const share = `${criteriaComplete}/${criterionNumbers.length} tiêu chí`;
  const text =
    criteriaComplete === 0 && !generalComplete
      ? `Đang lập hồ sơ các tiêu chí (0/${criterionNumbers.length}).`
      : generalComplete
        ? `Đã hoàn thiện hồ sơ ${share} và hồ sơ chung của ${unitWord}.`
        : `Đã hoàn thiện hồ sơ ${share}, còn thiếu hồ sơ chung của ${unitWord}.`;
  return {
    criteriaComplete,
    criteriaTotal: criterionNumbers.length,
    generalComplete,
    complete: missing.length === 0 && generalComplete,
    missing,
    text,
  };
}

export interface AppraisalState {
  department: string;
  sentOn: string;
  visitedOn: string | null;
}

/**
 * "Đã gửi hồ sơ đến 8/17 ngành để thẩm định, đã có 5 ngành về kiểm tra": sent and visited
 * among the appraising departments of the unit's scope.
 */
export function appraisalProgress(
  appraisals: readonly AppraisalState[],
  appraisers: readonly string[],
) {
  const names = new Set(appraisers.map((a) => a.normalize("NFC")));
  const sent = appraisals.filter((a) => names.has(a.department.normalize("NFC")));
  const visited = sent.filter((a) => a.visitedOn !== null);
  return {
    sent: sent.length,
    total: names.size,
    visited: visited.length,
    text:
      sent.length === 0
        ? `Chưa gửi hồ sơ thẩm định (${names.size} ngành thẩm định).`
        : `Đã gửi hồ sơ đến ${sent.length}/${names.size} ngành để thẩm định, đã có ${visited.length} ngành về kiểm tra.`,
  };
}

/** Whether a department may appraise: one of the scope's appraising departments (names in NFC). */
export function isAppraiser(department: string, appraisers: readonly string[]): boolean {
  const name = department.normalize("NFC");
  return appraisers.some((a) => a.normalize("NFC") === name);
}

export interface DecisionRecord {
  kind: "recognition" | "revocation";
  decidedOn: string;
  number: string;
  level: RecognitionLevel | null;
}

/**
 * The recognition in force on `asOf`: the latest recognition decision on or before it that no
 * later revocation (on or before `asOf`) ends. Null when none.
 */
export function recognitionInForce<T extends DecisionRecord>(
  decisions: readonly T[],
  asOf: string,
): T | null {
  const past = decisions
    .filter((d) => d.decidedOn <= asOf)
    .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || (a.kind === "revocation" ? 1 : -1));
  let current: T | null = null;
  for (const d of past) current = d.kind === "recognition" ? d : null;
  return current;
}

/** Problems of a decision's own fields, in the words shown to the admin (empty: none). */
export function decisionProblems(input: {
  number: string | null | undefined;
  decidedOn: string | null | undefined;
  signer: string | null | undefined;
}): string[] {
  const problems: string[] = [];
  if (!input.number?.trim()) problems.push("Quyết định phải có số quyết định.");
  if (!input.decidedOn?.trim()) problems.push("Quyết định phải có ngày ký.");
  if (!input.signer?.trim()) problems.push("Quyết định phải ghi người ký.");
  return problems;
}

export interface StandingAtDate {
  period: string;
  status: RuleStatus;
  criteriaMet: number;
  criteriaTotal: number;
}

/**
 * Why the standing on the decision date does not support recognising the unit, or null when it
 * meets the set. An admin may still record the official decision, with a reason.
 */
export function recognitionStandingProblem(
  standing: StandingAtDate | null,
  decidedOn: string,
): string | null {
  const on = formatDate(decidedOn);
  if (!standing)
    return `Đơn vị chưa có kết quả đánh giá nào đến ngày ${on}; không thể công nhận đạt chuẩn. Nếu quyết định đã ban hành, ghi lý do để lưu ngoại lệ.`;
  if (standing.status === "met") return null;
  return `Ngày ${on} đơn vị mới đạt ${standing.criteriaMet}/${standing.criteriaTotal} tiêu chí (kỳ ${standing.period}), chưa đạt chuẩn của bộ tiêu chí; không thể công nhận. Nếu quyết định đã ban hành, ghi lý do để lưu ngoại lệ.`;
}

/** An indicator that slipped since recognition: not met, or no longer judged (missing, stale). */
export interface SlippedIndicator {
  criterion: number;
  code: string;
  status: string;
}

/**
 * Maintenance (duy trì): a recognised unit whose standing no longer meets the set is at risk,
 * with the indicators that slipped. Null when it still meets.
 */
export function maintenanceRisk(verdict: Pick<VerdictOutline, "status" | "criteria">): {
  slippedCriteria: number[];
  slipped: SlippedIndicator[];
} | null {
  if (verdict.status === "met") return null;
  const slippedCriteria: number[] = [];
  const slipped: SlippedIndicator[] = [];
  for (const criterion of verdict.criteria) {
    if (criterion.status !== "not_met" && criterion.status !== "undetermined") continue;
    slippedCriteria.push(criterion.number);
    for (const indicator of criterion.indicators) {
      if (
        indicator.status === "not_met" ||
        indicator.status === "missing" ||
        indicator.status === "stale"
      )
        slipped.push({
          criterion: criterion.number,
          code: indicator.code,
          status: indicator.status,
        });
    }
  }
  return { slippedCriteria, slipped };
}

export type LifecycleStage =
  | "not_registered"
  | "registered"
  | "preparing_dossier"
  | "dossier_complete"
  | "in_appraisal"
  | "recognised"
  | "at_risk"
  | "revoked";

export const LIFECYCLE_STAGE_LABELS: Record<LifecycleStage, string> = {
  not_registered: "Chưa đăng ký",
  registered: "Đã đăng ký, đang thực hiện lộ trình",
  preparing_dossier: "Đang lập hồ sơ",
  dossier_complete: "Đã hoàn thiện hồ sơ",
  in_appraisal: "Đang thẩm định",
  recognised: "Đã được công nhận",
  at_risk: "Đã công nhận, có nguy cơ không duy trì",
  revoked: "Đã bị thu hồi quyết định công nhận",
};

/** Where a unit is in its lifecycle on `asOf`, from its records and its standing then. */
export function lifecycleStage(params: {
  registered: boolean;
  dossier: Pick<DossierCompleteness, "criteriaComplete" | "generalComplete" | "complete">;
  appraisalsSent: number;
  decisions: readonly DecisionRecord[];
  asOf: string;
  /** The unit's standing on `asOf` (null: none). */
  standingStatus: RuleStatus | null;
}): LifecycleStage {
  const inForce = recognitionInForce(params.decisions, params.asOf);
  if (inForce)
    return params.standingStatus !== null && params.standingStatus !== "met"
      ? "at_risk"
      : "recognised";
  const past = params.decisions.filter((d) => d.decidedOn <= params.asOf);
  if (past.some((d) => d.kind === "revocation")) return "revoked";
  if (params.appraisalsSent > 0) return "in_appraisal";
  if (params.dossier.complete) return "dossier_complete";
  if (params.dossier.criteriaComplete > 0 || params.dossier.generalComplete)
    return "preparing_dossier";
  return params.registered ? "registered" : "not_registered";
}

export type TimelineEventKind =
  | "registration"
  | "roadmap"
  | "dossier"
  | "appraisal_sent"
  | "appraisal_visit"
  | "recognition"
  | "revocation";

export interface TimelineEvent {
  /** ISO date. */
  date: string;
  kind: TimelineEventKind;
  text: string;
  /** False for what only the offices see (dossier and appraisal details). */
  public: boolean;
  illustrative?: boolean;
}

/** Events oldest first; on one date in the lifecycle's own order. */
export function orderTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  const order: TimelineEventKind[] = [
    "registration",
    "roadmap",
    "dossier",
    "appraisal_sent",
    "appraisal_visit",
    "recognition",
    "revocation",
  ];
  return [...events].sort(
    (a, b) => a.date.localeCompare(b.date) || order.indexOf(a.kind) - order.indexOf(b.kind),
  );
}
