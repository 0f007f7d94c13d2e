import {
  type CriteriaSet,
  type CriteriaSetInput,
  criteriaSetSchema,
  type Provenance,
} from "./model";

/** Builders for small synthetic sets in tests; not exported from the package. */

export const unverified: Provenance = { source: "Bộ tiêu chí thử nghiệm", verified: false };
export const verified: Provenance = { source: "Quyết định thử nghiệm", verified: true };

export const REGIONS = ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"] as const;

/** Declares the seven regions and a yes/no "especially disadvantaged" flag, QĐ 318 style. */
export const regionDimensions: CriteriaSetInput["dimensions"] = [
  { id: "region", name: "Vùng", values: REGIONS.map((code) => ({ code, name: code })) },
  {
    id: "dbkk",
    name: "Xã đặc biệt khó khăn",
    values: [
      { code: "yes", name: "Có" },
      { code: "no", name: "Không" },
    ],
    default: "no",
  },
];

type CriterionInput = CriteriaSetInput["criteria"][number];
type IndicatorInput = CriterionInput["indicators"][number];

/** A criterion with the given indicators, in group "G". */
export function criterion(
  number: number,
  indicators: IndicatorInput[],
  extra: Partial<CriterionInput> = {},
): CriterionInput {
  return {
    number,
    name: `Tiêu chí ${number}`,
    group: "G",
    indicators,
    provenance: unverified,
    ...extra,
  };
}

/** A set from criteria, validated by the schema so defaults apply as in production. */
export function buildSet(
  criteria: CriterionInput[],
  extra: Partial<CriteriaSetInput> = {},
): CriteriaSet {
  return criteriaSetSchema.parse({
    id: "test-set",
    version: "1",
    title: "Bộ thử nghiệm",
    level: "commune",
    effective: { from: "2022-01-01" },
    legalBasis: [{ source: "QĐ thử nghiệm" }],
    dimensions: regionDimensions,
    appliedDimensionRules: [
      { dimension: "region", when: { dbkk: ["yes"] }, value: "TDMNPB", provenance: verified },
    ],
    groups: [{ id: "G", name: "Nhóm" }],
    criteria,
    ...extra,
  });
}

/** A percentage indicator "≥ value" for every unit. */
export function percentAtLeast(
  code: string,
  value: number | null,
): Extract<IndicatorInput, { kind: "percentage" }> {
  return {
    code,
    name: `Chỉ tiêu ${code}`,
    unitOfMeasure: "%",
    kind: "percentage",
    comparator: "gte",
    thresholds: [{ value, provenance: unverified }],
    provenance: unverified,
  };
}

/** A yes/no indicator that must be attested. */
export function attested(
  code: string,
  optional = false,
): Extract<IndicatorInput, { kind: "boolean" }> {
  return {
    code,
    name: `Chỉ tiêu ${code}`,
    unitOfMeasure: "",
    kind: "boolean",
    optional,
    thresholds: [{ value: true, provenance: unverified }],
    provenance: unverified,
  };
}

/** A level indicator (Trung bình / Khá / Tốt) "≥ Khá" for every unit. */
export function levelAtLeastKha(code: string): Extract<IndicatorInput, { kind: "level" }> {
  return {
    code,
    name: `Chỉ tiêu ${code}`,
    unitOfMeasure: "",
    kind: "level",
    levels: [
      { code: "tb", name: "Trung bình" },
      { code: "kha", name: "Khá" },
      { code: "tot", name: "Tốt" },
    ],
    comparator: "gte",
    thresholds: [{ value: "kha", provenance: unverified }],
    provenance: unverified,
  };
}
