import {
  type CriteriaSet,
  type CriteriaSetInput,
  compileCriteriaSet,
  criteriaSetSchema,
  type Indicator,
} from "@datchuan/domain";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";

/**
 * The demo province's adaptations (bộ tiêu chí điều chỉnh) of the national NTM and NTM nâng cao
 * sets. QĐ 318 leaves most thresholds unknown to us (income, poverty, BHYT, roads…), and an
 * official set never carries an invented number, so the demo's Thanh Hóa fills every gap for its
 * own region (Bắc Trung Bộ) with an ILLUSTRATIVE number: source "số liệu minh họa", never verified.
 * Stored as published sets owned by THANH-HOA, they judge Thọ Xuân's communes (nearest
 * adaptation above the unit) while reports stay filed under the national set.
 */

export const ILLUSTRATIVE_SOURCE = "số liệu minh họa";
const REGION = "BTB";
const YEARS = [2022, 2023, 2024, 2025] as const;

type Illustrative = number | boolean | Readonly<Record<(typeof YEARS)[number], number>>;

/**
 * Made-up thresholds for the demo, per indicator code; a per-year record where the national set
 * states the threshold year by year (income). Chosen to look plausible, not taken from any text.
 */
const NTM_ILLUSTRATIVE: Readonly<Record<string, Illustrative>> = {
  "2.1": 100,
  "2.2": 70,
  "2.3": 70,
  "2.4": 60,
  "4.2": 98,
  "9.2": 75,
  "10": { 2022: 45, 2023: 48, 2024: 52, 2025: 55 },
  "11": 5,
  "12.1": 70,
  "12.2": 25,
  // Placeholders the national set names but cannot describe: attested yes/no for the demo.
  "13.5": true,
  "14.2": 70,
  "14.3": true,
  "15.1": 85,
  "15.4": 50,
  "16": 70,
  // Thọ Xuân's review counts 17.1 as households on centralised clean water (nước sạch tập trung).
  "17.1": 50,
  "17.2": 100,
  "17.4": 2,
  "17.7": 70,
  "17.8": 70,
  "17.9": 100,
  "17.10": 30,
  "17.11": 50,
};

const NANG_CAO_ILLUSTRATIVE: Readonly<Record<string, Illustrative>> = {
  "10": { 2022: 55, 2023: 58, 2024: 62, 2025: 66 },
  // The midland-and-mountain (TDMNPB) figures the research confirmed, borrowed for the demo.
  "14.1": 95,
  "14.2": 90,
  "14.3": 40,
  "14.4": 70,
};

export const THANH_HOA_NTM_SET_ID = "thanh-hoa-ntm-xa-2021-2025-minh-hoa";
export const THANH_HOA_NANG_CAO_SET_ID = "thanh-hoa-ntm-nang-cao-xa-2021-2025-minh-hoa";

function provenance(code: string) {
  return {
    source: ILLUSTRATIVE_SOURCE,
    verified: false,
    note: `Ngưỡng minh họa của dữ liệu demo cho chỉ tiêu ${code} (vùng Bắc Trung Bộ); không phải số liệu chính thức.`,
  };
}

/** This set's rules for one indicator: one per year or one for every year, region BTB only. */
function illustrativeRules(code: string, value: Illustrative) {
  const when = { region: [REGION] };
  if (typeof value !== "object") return [{ when, value, provenance: provenance(code) }];
  return YEARS.map((year) => ({
    when,
    years: { from: year, to: year },
    value: value[year],
    provenance: provenance(code),
  }));
}

/**
 * An adaptation restating only the indicators it gives numbers to. Throws when the national set
 * still leaves a BTB threshold unknown that the table does not fill: the demo would show
 * "chưa có ngưỡng" where the review counts a verdict.
 */
function adaptationOf(
  nationalId: string,
  params: { id: string; title: string; table: Readonly<Record<string, Illustrative>> },
): CriteriaSetInput {
  const national = getOfficialCriteriaSet(nationalId);
  if (!national) throw new Error(`Official set ${nationalId} missing`);
  const criteria = national.criteria
    .map((criterion) => ({
      ...criterion,
      indicators: criterion.indicators
        .filter((indicator) => indicator.code in params.table)
        .map(
          (indicator): Indicator =>
            ({
              ...indicator,
              thresholds: illustrativeRules(indicator.code, params.table[indicator.code]!),
            }) as Indicator,
        ),
    }))
    .filter((criterion) => criterion.indicators.length > 0);
  const { official: _note, ...parent } = national;
  const adaptation: CriteriaSetInput = {
    id: params.id,
    version: "2022-minh-hoa",
    title: params.title,
    level: "commune",
    effective: { ...parent.effective },
    legalBasis: [{ source: ILLUSTRATIVE_SOURCE }],
    adapts: { id: parent.id },
    groups: [],
    criteria,
  };
  checkNoUnknownThreshold(adaptation, parent);
  return adaptation;
}

function checkNoUnknownThreshold(adaptation: CriteriaSetInput, parent: CriteriaSet): void {
  const compiled = compileCriteriaSet(criteriaSetSchema.parse(adaptation), { parent });
  const profile = compiled.tables.profileOf({ region: REGION, schools: "3_or_fewer" });
  for (const year of YEARS) {
    const entries = compiled.tables.entries(profile, year);
    const unknown = compiled.indicators
      .filter((ci) => !entries[ci.index]?.known)
      .map((c) => c.code);
    if (unknown.length > 0)
      throw new Error(`${adaptation.id}: no threshold in ${year} for ${unknown.join(", ")}`);
  }
}

/** The two adaptations, as the demo stores them (published, owned by THANH-HOA). */
export function thanhHoaAdaptations(): CriteriaSetInput[] {
  return [
    adaptationOf("ntm-xa-2021-2025", {
      id: THANH_HOA_NTM_SET_ID,
      title: "Bộ tiêu chí xã NTM 2021–2025 của tỉnh Thanh Hóa (điều chỉnh minh họa, số liệu demo)",
      table: NTM_ILLUSTRATIVE,
    }),
    adaptationOf("ntm-nang-cao-xa-2021-2025", {
      id: THANH_HOA_NANG_CAO_SET_ID,
      title:
        "Bộ tiêu chí xã NTM nâng cao 2021–2025 của tỉnh Thanh Hóa (điều chỉnh minh họa, số liệu demo)",
      table: NANG_CAO_ILLUSTRATIVE,
    }),
  ];
}
