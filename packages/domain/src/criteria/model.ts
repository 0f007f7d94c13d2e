import { z } from "zod";
import { unitLevelSchema } from "../unit";

/**
 * The criteria-set model (Bộ tiêu chí): versioned, validated legal data. A criteria set holds
 * criteria (tiêu chí), each criterion holds indicators (chỉ tiêu), each indicator holds the rules
 * that choose its threshold (mức đạt chuẩn). Nothing here is specific to one decision: regions,
 * commune groups and special attributes are dimensions the set declares.
 */

/** "2022-03-08" */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

/** Where a rule comes from: the legal text, optionally its address and the quoted sentence. */
const NO_SOURCE = "Cần ghi văn bản căn cứ (số quyết định, thông tư…)";
export const legalSourceSchema = z.object({
  // Its own words: zod's would be "expected string, received undefined" beside an empty field.
  source: z.string({ error: NO_SOURCE }).min(1, { error: NO_SOURCE }),
  url: z.url().optional(),
  quote: z.string().optional(),
});
export type LegalSource = z.infer<typeof legalSourceSchema>;

/** A legal source plus whether someone checked the number against the decision itself. */
export const provenanceSchema = legalSourceSchema.extend({
  /** The article or clause of the decision (Điều 2, khoản 3), recorded when it is verified. */
  article: z.string().optional(),
  verified: z.boolean(),
  note: z.string().optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** Codes used as keys: criterion groups, dimension values, level codes, set ids. */
export const codeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/u, "Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch");

/** An indicator code as printed in the decision: "5", "17.1", "17.1a". */
export const indicatorCodeSchema = z
  .string()
  .regex(/^\d+(\.\d+)*[a-z]?$/u, "Mã chỉ tiêu có dạng 17.1");

/** Comparators: greater/less or equal are inclusive; `eq` is exact (used by yes/no and levels). */
export const comparatorSchema = z.enum(["gte", "gt", "lte", "lt", "eq"]);
export type Comparator = z.infer<typeof comparatorSchema>;

/**
 * A dimension (chiều phân loại) is a unit attribute that thresholds may depend on: the seven
 * socio-economic regions (vùng) for 2021–2025, commune groups (nhóm xã) for 2026–2030, or flags
 * such as especially disadvantaged commune (xã đặc biệt khó khăn) or island commune.
 */
export const dimensionSchema = z.object({
  id: codeSchema,
  name: z.string().min(1),
  values: z.array(z.object({ code: codeSchema, name: z.string().min(1) })).min(1),
  /** Used when a unit does not state this attribute; without it the attribute stays unknown. */
  default: codeSchema.optional(),
});
export type Dimension = z.infer<typeof dimensionSchema>;

/** Matches units whose attributes take one of the listed values, for every dimension named. */
export const dimensionMatchSchema = z.record(codeSchema, z.array(codeSchema).min(1));
export type DimensionMatch = z.infer<typeof dimensionMatchSchema>;

/**
 * The applied value (giá trị áp dụng) of a dimension can differ from the unit's own: QĐ 318 makes
 * especially disadvantaged communes use the TDMNPB thresholds whatever their region. The first
 * rule whose `when` matches the unit's own attributes wins.
 */
export const appliedDimensionRuleSchema = z.object({
  dimension: codeSchema,
  when: dimensionMatchSchema,
  value: codeSchema,
  provenance: provenanceSchema,
});
export type AppliedDimensionRule = z.infer<typeof appliedDimensionRuleSchema>;

/** Inclusive year range; open ends mean "from the start" / "until the end" of the set. */
export const yearRangeSchema = z.object({
  from: z.int().min(1900).max(2200).optional(),
  to: z.int().min(1900).max(2200).optional(),
});
export type YearRange = z.infer<typeof yearRangeSchema>;

const thresholdScope = {
  /** Applied dimension values this rule is for; absent = every unit. */
  when: dimensionMatchSchema.optional(),
  /** Years of the value's period this rule is for; absent = every year. */
  years: yearRangeSchema.optional(),
  provenance: provenanceSchema,
};

/**
 * A threshold relative to another set's threshold for the same unit and year, e.g. kiểu mẫu
 * income ≥ 110 % of the nâng cao income threshold (QĐ 319). `percent` keeps the factor exact.
 */
export const relativeThresholdSchema = z.object({
  set: codeSchema,
  indicator: indicatorCodeSchema,
  percent: z.number().positive(),
});
export type RelativeThreshold = z.infer<typeof relativeThresholdSchema>;

/** `value: null` records that the threshold is not known yet: the verdict is `no_threshold`. */
export const numericThresholdRuleSchema = z
  .object({
    ...thresholdScope,
    value: z.number().nullable().optional(),
    relativeTo: relativeThresholdSchema.optional(),
  })
  .refine((rule) => (rule.value === undefined) !== (rule.relativeTo === undefined), {
    message: "Ngưỡng cần đúng một trong hai: value (số hoặc null) hoặc relativeTo",
  });
export type NumericThresholdRule = z.infer<typeof numericThresholdRuleSchema>;

export const booleanThresholdRuleSchema = z.object({
  ...thresholdScope,
  value: z.boolean().nullable(),
});
export type BooleanThresholdRule = z.infer<typeof booleanThresholdRuleSchema>;

export const levelThresholdRuleSchema = z.object({
  ...thresholdScope,
  value: codeSchema.nullable(),
});
export type LevelThresholdRule = z.infer<typeof levelThresholdRuleSchema>;

/**
 * Where an indicator's value comes from. `entered`: typed in with evidence. `children`: from the
 * unit's children (share of villages with a cultural house). `indicators`: from other indicators
 * of the same set. `set_met`: whether the unit meets another set (kiểu mẫu requires nâng cao).
 */
export const valueSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("entered") }),
  z.object({
    kind: z.literal("children"),
    /** The children's indicator code; children's values are given with the unit. */
    indicator: indicatorCodeSchema,
    aggregate: z.enum(["share_true", "count_true", "sum", "min", "max"]),
  }),
  z.object({
    kind: z.literal("indicators"),
    inputs: z.array(indicatorCodeSchema).min(1),
    /** `ratio`: first input ÷ second input as a percentage; `count_met`: inputs that are met. */
    op: z.enum(["sum", "min", "max", "ratio", "count_met"]),
  }),
  z.object({ kind: z.literal("set_met"), set: codeSchema }),
]);
export type ValueSource = z.infer<typeof valueSourceSchema>;

/** Validity (hiệu lực) of a value past the end of its period, in whole months; default 0. */
export const validitySchema = z.object({ graceMonths: z.int().min(0).max(120) });
export type Validity = z.infer<typeof validitySchema>;

/** How often an indicator is reported (kỳ báo cáo): by month, quarter or year. */
export const reportingFrequencySchema = z.enum(["monthly", "quarterly", "yearly"]);
export type ReportingFrequency = z.infer<typeof reportingFrequencySchema>;

const indicatorCommon = {
  code: indicatorCodeSchema,
  name: z.string().min(1),
  /** Unit of measure (đơn vị tính): "%", "triệu đồng/người/năm", "m²/người", "" for yes/no. */
  unitOfMeasure: z.string(),
  /** "(nếu có)": the indicator may not apply to a unit; its verdict is then `not_applicable`. */
  optional: z.boolean().default(false),
  /** Overrides the criterion's responsible department for this indicator. */
  department: z.string().optional(),
  source: valueSourceSchema.default({ kind: "entered" }),
  validity: validitySchema.optional(),
  /**
   * How often values are reported; absent = yearly. Where a unit has figures for several
   * periods, the one of this frequency is the one in force (`valuesInForce`).
   */
  frequency: reportingFrequencySchema.optional(),
  provenance: provenanceSchema,
};

const numericCommon = {
  ...indicatorCommon,
  comparator: comparatorSchema,
  thresholds: z.array(numericThresholdRuleSchema),
  /** Met but within this distance of the threshold, in the unit of measure → fragile. */
  fragileMargin: z.number().min(0).optional(),
};

/** Yes/no, attested (Đạt / Không đạt, Có / Không). */
export const booleanIndicatorSchema = z.object({
  ...indicatorCommon,
  kind: z.literal("boolean"),
  thresholds: z.array(booleanThresholdRuleSchema),
});

export const numberIndicatorSchema = z.object({ ...numericCommon, kind: z.literal("number") });

/**
 * A share may exceed 100 % only where the indicator says so (one quantity against another, such
 * as a growth index); otherwise entry refuses a percentage above 100 or a numerator above its
 * denominator. A quantity that can be negative is a `number` in "%", not a percentage.
 */
const allowAbove100 = z.boolean().optional();

/** A value already in percent: 95.5 means 95,5 %. */
export const percentageIndicatorSchema = z.object({
  ...numericCommon,
  kind: z.literal("percentage"),
  allowAbove100,
});

/** Numerator and denominator are entered; the percentage is derived, gaps are in counts. */
export const ratioIndicatorSchema = z.object({
  ...numericCommon,
  kind: z.literal("ratio"),
  allowAbove100,
  /** What the numerator counts, for gaps: "người tham gia BHYT". */
  numeratorLabel: z.string().min(1),
  denominatorLabel: z.string().min(1),
});

/** A whole number of things: OCOP products, smart villages. */
export const countIndicatorSchema = z.object({ ...numericCommon, kind: z.literal("count") });

/** An ordered level such as Tốt / Khá / Trung bình; `levels` go from lowest to highest. */
export const levelIndicatorSchema = z.object({
  ...indicatorCommon,
  kind: z.literal("level"),
  levels: z.array(z.object({ code: codeSchema, name: z.string().min(1) })).min(2),
  comparator: comparatorSchema,
  thresholds: z.array(levelThresholdRuleSchema),
});

export const indicatorSchema = z.discriminatedUnion("kind", [
  booleanIndicatorSchema,
  numberIndicatorSchema,
  percentageIndicatorSchema,
  ratioIndicatorSchema,
  countIndicatorSchema,
  levelIndicatorSchema,
]);
export type Indicator = z.infer<typeof indicatorSchema>;
export type IndicatorKind = Indicator["kind"];
export type NumericIndicator = Extract<Indicator, { thresholds: NumericThresholdRule[] }>;

/**
 * A rule over items: indicator codes inside a criterion, criterion numbers at set level. `all`
 * and `any` without `of` cover every item; `at_least` needs `k` items met.
 */
export type Rule =
  | { op: "all"; of?: RuleItem[] }
  | { op: "any"; of?: RuleItem[] }
  | { op: "at_least"; k: number; of?: RuleItem[] };
export type RuleItem = string | number | Rule;

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z.object({ op: z.literal("all"), of: z.array(ruleItemSchema).optional() }),
    z.object({ op: z.literal("any"), of: z.array(ruleItemSchema).optional() }),
    z.object({
      op: z.literal("at_least"),
      k: z.int().min(1),
      of: z.array(ruleItemSchema).optional(),
    }),
  ]),
);
export const ruleItemSchema: z.ZodType<RuleItem> = z.lazy(() =>
  z.union([z.string(), z.int(), ruleSchema]),
);

export const criterionGroupSchema = z.object({ id: codeSchema, name: z.string().min(1) });
export type CriterionGroup = z.infer<typeof criterionGroupSchema>;

export const criterionSchema = z.object({
  number: z.int().min(1),
  name: z.string().min(1),
  group: codeSchema,
  /** Responsible department (ngành phụ trách): a code, assigned per province. */
  department: z.string().optional(),
  indicators: z.array(indicatorSchema),
  /** Default: all applicable indicators met. */
  rule: ruleSchema.optional(),
  provenance: provenanceSchema,
});
export type Criterion = z.infer<typeof criterionSchema>;

export const setReferenceSchema = z.object({ id: codeSchema, version: z.string().optional() });
export type SetReference = z.infer<typeof setReferenceSchema>;

export const criteriaSetSchema = z.object({
  id: codeSchema,
  version: z.string().min(1),
  title: z.string().min(1),
  /** The level of unit the set judges. */
  level: unitLevelSchema,
  effective: z.object({ from: isoDateSchema, to: isoDateSchema.optional() }),
  legalBasis: z.array(legalSourceSchema).min(1),
  /**
   * The set this one adapts (a province's version of the national set). Criteria merge by
   * number and indicators by code; this set's threshold rules are tried before the parent's.
   */
  adapts: setReferenceSchema.optional(),
  dimensions: z.array(dimensionSchema).default([]),
  appliedDimensionRules: z.array(appliedDimensionRuleSchema).default([]),
  groups: z.array(criterionGroupSchema),
  criteria: z.array(criterionSchema),
  /** Over criterion numbers; default: all criteria met. */
  rule: ruleSchema.optional(),
  /** Fragile margin defaults for indicators that set none. */
  fragile: z
    .object({
      /** Percentage points, for percentage and ratio indicators. */
      percentagePoints: z.number().min(0).default(2),
      /** Share of the threshold, for number and count indicators: 0.05 = 5 %. */
      relative: z.number().min(0).default(0.05),
    })
    .default({ percentagePoints: 2, relative: 0.05 }),
  /** Criteria whose failure counts as critical for revocation (QĐ 18/2022). */
  revocation: z
    .object({ criticalCriteria: z.array(z.int().min(1)), provenance: provenanceSchema })
    .optional(),
});
/** A criteria set as validated input (defaults applied). */
export type CriteriaSet = z.infer<typeof criteriaSetSchema>;
/** A criteria set as authored, before defaults. */
export type CriteriaSetInput = z.input<typeof criteriaSetSchema>;

/** The JSON Schema of a criteria set, for authors outside the code base. */
export function criteriaSetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(criteriaSetSchema, { io: "input" }) as Record<string, unknown>;
}
