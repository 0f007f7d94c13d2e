import type { THO_XUAN_NANG_CAO_COMMUNES, THO_XUAN_NTM_COMMUNES } from "./tho-xuan";

/**
 * The plan behind the demo's history: which indicators each Thọ Xuân commune fails, period by
 * period, so that the verdicts stored for April 2023 — the last month before the district's
 * review of 19/05/2023 — give that review's result (seed article 000). Values are derived from
 * this plan and the judging set's thresholds (tho-xuan-values.ts); nothing else decides a verdict.
 *
 * The article disagrees with itself. Its groups (4 × 1 + 3 × 2 + 2 × 4 + 2 × 6 + 1 × 7) mean 37
 * criteria not met; its list by criterion (Giao thông 5, Điện 2, Cơ sở vật chất văn hóa 5, Thương
 * mại 2, Lao động 1, Sản xuất 4, Y tế 3, Môi trường 12) names 34. We keep every number it prints —
 * the groups and each listed count — and put the 3 failures it leaves unnamed on a criterion its
 * list does not mention, Tiêu chí 14 Giáo dục và Đào tạo (Xuân Phong, Quảng Phú, Thọ Diên).
 * Where it gives a range of indicators (17/19 with 54–55/57…) we pick values inside it; 15/19
 * with 54/57 cannot be (four criteria missed are at least four indicators), so Phú Xuân and
 * Xuân Hưng get 51 and 53.
 */

export type NtmCommune = (typeof THO_XUAN_NTM_COMMUNES)[number];
export type NangCaoCommune = (typeof THO_XUAN_NANG_CAO_COMMUNES)[number];

/** Monthly reports kept by the demo; the review reads April 2023's. */
export const DEMO_PERIODS = ["2022-12", "2023-04", "2023-12", "2024-12", "2025-06"] as const;
export type DemoPeriod = (typeof DEMO_PERIODS)[number];
export const REVIEW_PERIOD: DemoPeriod = "2023-04";
export const REVIEW_DATE = "2023-05-19";

/**
 * NTM communes: indicators not met in April 2023 (the criterion is the code before the dot).
 * Every commune misses 17.1, households on centralised clean water, as the article says.
 */
export const NTM_REVIEW_PLAN: Readonly<Record<NtmCommune, readonly string[]>> = {
  // 18/19 tiêu chí, 56/57 chỉ tiêu
  "Xuân Minh": ["17.1"],
  "Xuân Tín": ["17.1"],
  "Trường Xuân": ["17.1"],
  "Xuân Lập": ["17.1"],
  // 17/19, 54–55/57
  "Xuân Hồng": ["17.1", "6.3"],
  "Xuân Phú": ["17.1", "12.1"],
  "Thọ Diên": ["17.1", "17.10", "14.2"],
  // 15/19, 51–54/57 (see above: 51 and 53)
  "Phú Xuân": ["17.1", "17.10", "2.2", "2.3", "6.3", "7"],
  "Xuân Hưng": ["17.1", "2.3", "13.3", "15.1"],
  // 13/19, 47–49/57
  "Xuân Phong": ["17.1", "17.10", "2.2", "2.3", "6.3", "13.1", "13.3", "15.1", "15.4", "14.2"],
  "Quảng Phú": ["17.1", "17.11", "2.3", "2.4", "6.3", "13.3", "4.2", "14.2"],
  // 12/19, 44/57
  "Thuận Minh": [
    "17.1",
    "17.10",
    "17.11",
    "2.2",
    "2.3",
    "2.4",
    "4.2",
    "6.2",
    "6.3",
    "7",
    "13.1",
    "13.3",
    "15.1",
  ],
};

/**
 * NTM nâng cao communes: the national set names only 7 of its 75 indicators (4.2, 10, 13.2,
 * 14.1–14.4), so only criteria 13 (8 xã in the article) and 14 Y tế (5 xã) can be shown failing;
 * 4 Điện and 10 Thu nhập, which the article does not list, are met everywhere.
 */
export const NANG_CAO_REVIEW_PLAN: Readonly<Record<NangCaoCommune, readonly string[]>> = {
  "Xuân Hòa": [],
  "Bắc Lương": [],
  "Tây Hồ": ["13.2"],
  "Thọ Lập": ["13.2"],
  "Xuân Trường": ["13.2", "14.1"],
  "Thọ Xương": ["13.2"],
  "Xuân Bái": ["13.2", "14.2", "14.4"],
  "Thọ Hải": ["13.2", "14.1"],
  "Xuân Giang": ["13.2", "14.1", "14.3"],
  "Thọ Lâm": ["13.2", "14.2"],
};

/**
 * What is still not met in a later (or earlier) period, from the review's list. December 2022
 * looked as April 2023 did. By the district's deadline (30/9/2023) the communes with up to three
 * gaps had closed all but clean water; roads (2) took the others into 2024. By December 2024 only
 * clean water remained, and by June 2025 only the three weakest communes still lacked it.
 * Nâng cao communes closed their gaps by December 2024.
 */
export function failingIn(
  plan: readonly string[],
  period: DemoPeriod,
  programme: "ntm" | "nang-cao",
  weakest: boolean,
): string[] {
  switch (period) {
    case "2022-12":
    case "2023-04":
      return [...plan];
    case "2023-12":
      if (programme === "nang-cao") return plan.filter((code) => code.startsWith("14."));
      if (plan.length <= 3) return plan.filter((code) => code === "17.1");
      return plan.filter((code) => code === "17.1" || code.startsWith("2."));
    case "2024-12":
      return programme === "ntm" ? plan.filter((code) => code === "17.1") : [];
    case "2025-06":
      return programme === "ntm" && weakest ? plan.filter((code) => code === "17.1") : [];
  }
}

/** The three communes furthest from the standard in the review. */
export const WEAKEST_NTM: readonly NtmCommune[] = ["Xuân Phong", "Quảng Phú", "Thuận Minh"];

/**
 * The 1 July 2025 reform in the demo: MADE-UP mergers (not the real resolution) of review
 * communes into new communes under the province. Each successor reports from the second half of
 * 2025; its history before that is its predecessors'.
 */
export const DEMO_MERGERS: ReadonlyArray<{
  code: string;
  name: string;
  predecessors: readonly NtmCommune[];
  /** Not met in its December 2025 report. */
  failing: readonly string[];
}> = [
  {
    code: "THANH-HOA.XUAN-HONG-DIEN-MINH-HOA",
    name: "Xuân Hồng Diên (xã sáp nhập minh họa)",
    predecessors: ["Xuân Hồng", "Thọ Diên"],
    failing: [],
  },
  {
    code: "THANH-HOA.PHU-XUAN-HUNG-MINH-HOA",
    name: "Phú Xuân Hưng (xã sáp nhập minh họa)",
    predecessors: ["Phú Xuân", "Xuân Hưng"],
    failing: ["17.1"],
  },
];
export const MERGER_DATE = "2025-07-01";
export const MERGER_DECISION = "Sáp nhập minh họa của dữ liệu demo — không phải nghị quyết thật";
export const MERGED_PERIOD = "2025-12";
