import { formatNumber } from "../format";
import type { CriteriaSet, Provenance } from "./model";
import { atLeastPercent } from "./numeric";
import type { Rollup } from "./rollup";
import type { VerdictOutline } from "./verdicts";

/**
 * Revocation (thu hồi quyết định công nhận) and district conditions as rules over verdicts and
 * roll-ups. The shares are data with their legal source, so a later decision can change them.
 */

export interface RevocationPolicy {
  /** At or above this percent of criteria failing, revoke (QĐ 18/2022: 50). */
  revokeFromPercent: number;
  /** From this percent (inclusive) up to `revokeFromPercent`, revoke when a critical one fails (30). */
  criticalFromPercent: number;
  provenance: Provenance;
}

export const QD18_REVOCATION_POLICY: RevocationPolicy = {
  revokeFromPercent: 50,
  criticalFromPercent: 30,
  provenance: {
    source: "QĐ 18/2022/QĐ-TTg (02/8/2022), điều kiện thu hồi quyết định công nhận",
    url: "https://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/41861/truong-hop-thu-hoi-quyet-dinh-cong-nhan-xa-dat-chuan-nong-thon-moi",
    verified: false,
  },
};

export interface RevocationAssessment {
  /** `undetermined`: criteria still undetermined could move the unit into or out of the zone. */
  status: "revoke" | "keep" | "undetermined";
  rule: "half_or_more" | "critical_band" | null;
  failed: number;
  total: number;
  /** Failing share in percent. */
  failedPercent: number;
  criticalFailed: number[];
  text: string;
}

function zone(
  failed: number,
  total: number,
  criticalFailed: boolean,
  policy: RevocationPolicy,
): RevocationAssessment["rule"] {
  if (atLeastPercent(failed, total, policy.revokeFromPercent)) return "half_or_more";
  if (criticalFailed && atLeastPercent(failed, total, policy.criticalFromPercent))
    return "critical_band";
  return null;
}

/**
 * Whether a recognised unit falls in the revocation zone: ≥ 50 % of criteria fail, or 30 %–<50 %
 * fail including a critical criterion (named by the set's `revocation.criticalCriteria`).
 */
export function assessRevocation(
  verdict: VerdictOutline,
  set: Pick<CriteriaSet, "revocation">,
  policy: RevocationPolicy = QD18_REVOCATION_POLICY,
): RevocationAssessment {
  const critical = new Set(set.revocation?.criticalCriteria ?? []);
  const total = verdict.criteria.filter((c) => c.status !== "not_applicable").length;
  const failing = verdict.criteria.filter((c) => c.status === "not_met");
  const open = verdict.criteria.filter((c) => c.status === "undetermined");
  const criticalFailed = failing.filter((c) => critical.has(c.number)).map((c) => c.number);
  const now = zone(failing.length, total, criticalFailed.length > 0, policy);
  const worst = zone(
    failing.length + open.length,
    total,
    criticalFailed.length > 0 || open.some((c) => critical.has(c.number)),
    policy,
  );
  const failedPercent = total === 0 ? 0 : (failing.length * 100) / total;
  const status = now ? "revoke" : worst ? "undetermined" : "keep";
  const share = `${failing.length}/${total} tiêu chí không đạt (${formatNumber(failedPercent, 1)} %)`;
  const text =
    status === "revoke"
      ? now === "half_or_more"
        ? `Thuộc diện thu hồi: ${share}, từ ${policy.revokeFromPercent} % trở lên.`
        : `Thuộc diện thu hồi: ${share}, trong đó có tiêu chí số ${criticalFailed.join(", ")}.`
      : status === "undetermined"
        ? `Chưa kết luận được: ${share}, còn ${open.length} tiêu chí thiếu số liệu.`
        : `Chưa thuộc diện thu hồi: ${share}.`;
  return { status, rule: now, failed: failing.length, total, failedPercent, criticalFailed, text };
}

/** A district condition over one set's roll-up: at least `minPercent` of communes meet it. */
export interface DistrictShareCondition {
  id: string;
  name: string;
  /** The criteria set the communes must meet (the roll-up's set id). */
  set: string;
  minPercent: number;
  provenance: Provenance;
}

const QD320: Provenance = {
  source: "QĐ 320/QĐ-TTg (08/3/2022), Phụ lục I: huyện đạt chuẩn nông thôn mới",
  verified: false,
};

/** QĐ 320's commune shares for a district; set ids name the NTM and nâng cao sets. */
export function qd320DistrictConditions(
  ntmSet: string,
  advancedSet: string,
): DistrictShareCondition[] {
  return [
    {
      id: "communes_ntm",
      name: "100 % số xã đạt chuẩn nông thôn mới",
      set: ntmSet,
      minPercent: 100,
      provenance: QD320,
    },
    {
      id: "communes_advanced",
      name: "Ít nhất 10 % số xã đạt chuẩn nông thôn mới nâng cao",
      set: advancedSet,
      minPercent: 10,
      provenance: QD320,
    },
  ];
}

export interface DistrictConditionResult {
  condition: DistrictShareCondition;
  status: "met" | "not_met" | "missing";
  unitsMeeting: number;
  units: number;
  percent: number;
  text: string;
}

/**
 * Checks share conditions against roll-ups (one per set). `communes` is the number of communes
 * in the district; a roll-up covering fewer counts the rest as not meeting.
 */
export function assessDistrictConditions(
  rollups: readonly Rollup[],
  conditions: readonly DistrictShareCondition[],
  communes?: number,
): DistrictConditionResult[] {
  return conditions.map((condition) => {
    const r = rollups.find((x) => x.set.id === condition.set);
    if (!r)
      return {
        condition,
        status: "missing",
        unitsMeeting: 0,
        units: communes ?? 0,
        percent: 0,
        text: `Chưa có kết quả đánh giá theo bộ ${condition.set}.`,
      };
    const units = communes ?? r.units;
    const meeting = r.unitsMeetingStandard;
    const ok = atLeastPercent(meeting, units, condition.minPercent);
    const percent = units === 0 ? 0 : (meeting * 100) / units;
    return {
      condition,
      status: ok ? "met" : "not_met",
      unitsMeeting: meeting,
      units,
      percent,
      text: `${condition.name}: ${meeting}/${units} xã (${formatNumber(percent, 1)} %) — ${ok ? "đạt" : "chưa đạt"}.`,
    };
  });
}

export interface DistrictRevocationPolicy {
  /** Revoke the district when at least this percent of its communes lose recognition (30). */
  fromPercent: number;
  provenance: Provenance;
}

export const QD18_DISTRICT_REVOCATION: DistrictRevocationPolicy = {
  fromPercent: 30,
  provenance: QD18_REVOCATION_POLICY.provenance,
};

/** A district falls in the revocation zone when ≥ 30 % of its communes are revoked. */
export function assessDistrictRevocation(
  communes: readonly Pick<RevocationAssessment, "status">[],
  policy: DistrictRevocationPolicy = QD18_DISTRICT_REVOCATION,
): {
  status: "revoke" | "keep" | "undetermined";
  revoked: number;
  undetermined: number;
  total: number;
} {
  const total = communes.length;
  const revoked = communes.filter((c) => c.status === "revoke").length;
  const undetermined = communes.filter((c) => c.status === "undetermined").length;
  const inZone = (n: number) => atLeastPercent(n, total, policy.fromPercent);
  const status = inZone(revoked)
    ? "revoke"
    : inZone(revoked + undetermined)
      ? "undetermined"
      : "keep";
  return { status, revoked, undetermined, total };
}
