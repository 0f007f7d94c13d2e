import { foldForSearch } from "./text";

// No zod here: the apps import these on their first page, and the schemas stay in unit.ts.

/**
 * Administrative units (đơn vị). The levels that exist are configured per hierarchy: before
 * 1 July 2025 province → district → commune → village, after it province → commune → village.
 * These are the kinds of level a hierarchy may use.
 */
export const UNIT_LEVELS = ["province", "district", "commune", "village"] as const;

/** The local word for a unit: a commune-level unit may be a xã, a phường or a thị trấn. */
export const UNIT_TYPES = [
  "tinh",
  "thanh_pho_tw",
  "huyen",
  "thi_xa",
  "thanh_pho",
  "xa",
  "phuong",
  "thi_tran",
  "thon",
  "ban",
  "ap",
  "to_dan_pho",
  "khu_dan_cu",
] as const;

type UnitLevel = (typeof UNIT_LEVELS)[number];
type UnitType = (typeof UNIT_TYPES)[number];

export const unitTypeLabels: Record<UnitType, string> = {
  tinh: "Tỉnh",
  thanh_pho_tw: "Thành phố trực thuộc trung ương",
  huyen: "Huyện",
  thi_xa: "Thị xã",
  thanh_pho: "Thành phố",
  xa: "Xã",
  phuong: "Phường",
  thi_tran: "Thị trấn",
  thon: "Thôn",
  ban: "Bản",
  ap: "Ấp",
  to_dan_pho: "Tổ dân phố",
  khu_dan_cu: "Khu dân cư",
};

export const unitLevelLabels: Record<UnitLevel, string> = {
  province: "Cấp tỉnh",
  district: "Cấp huyện",
  commune: "Cấp xã",
  village: "Thôn, bản",
};

/**
 * "Xã Xuân Minh" — the name as officials write it, with its type. Names that already carry the
 * type word ("Thôn 1", "Thị trấn Thọ Xuân") are not prefixed twice.
 */
export function formatUnitName(unit: { name: string; type: UnitType }): string {
  const label = unitTypeLabels[unit.type];
  if (foldForSearch(unit.name).startsWith(`${foldForSearch(label)} `)) return unit.name;
  return `${label} ${unit.name}`;
}
