import { z } from "zod";
import { codeSchema, indicatorCodeSchema, isoDateSchema } from "./model";

/** A period (kỳ số liệu): a year "2024", a quarter "2024-Q2" or a month "2024-05". */
export const periodSchema = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/u, "Kỳ có dạng 2024, 2024-Q2 hoặc 2024-05");
export type Period = z.infer<typeof periodSchema>;

const valueCommon = {
  period: periodSchema,
  /** Overrides the end of validity derived from the period (an OCOP certificate's expiry). */
  validUntil: isoDateSchema.optional(),
};

/** One figure for one indicator of one unit, for one period. */
export const indicatorValueSchema = z.discriminatedUnion("kind", [
  z.object({ ...valueCommon, kind: z.literal("boolean"), value: z.boolean() }),
  /** Numbers, percentages (95.5 = 95,5 %) and counts. */
  z.object({ ...valueCommon, kind: z.literal("number"), value: z.number().finite() }),
  z.object({
    ...valueCommon,
    kind: z.literal("ratio"),
    numerator: z.number().finite().min(0),
    denominator: z.number().finite().positive(),
  }),
  z.object({ ...valueCommon, kind: z.literal("level"), value: codeSchema }),
  /** "(nếu có)" indicators that do not apply to this unit. */
  z.object({ ...valueCommon, kind: z.literal("not_applicable"), note: z.string().optional() }),
]);
export type IndicatorValue = z.infer<typeof indicatorValueSchema>;

/** A unit's values keyed by indicator code. */
export const valueMapSchema = z.record(indicatorCodeSchema, indicatorValueSchema);
export type ValueMap = Readonly<Record<string, IndicatorValue | undefined>>;

/** A child unit (a village of a commune) with its own values, for derived indicators. */
export const childUnitSchema = z.object({ code: z.string().min(1), values: valueMapSchema });
export type ChildUnit = z.infer<typeof childUnitSchema>;

/**
 * What the evaluator needs to know about a unit: its code, its attributes keyed by the set's
 * dimension ids (`{ region: "BTB", dbkk: "yes" }`) and, when some indicator is derived from
 * children, the children's values.
 */
export const unitProfileSchema = z.object({
  code: z.string().min(1),
  name: z.string().optional(),
  attributes: z.record(z.string(), z.string()).default({}),
  children: z.array(childUnitSchema).optional(),
});
export type UnitProfile = z.infer<typeof unitProfileSchema>;

const QUARTER_END_MONTH = [3, 6, 9, 12];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The year a period belongs to: the year whose threshold applies. */
export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

/** First day of a period, as an ISO date. */
export function periodStart(period: string): string {
  const year = periodYear(period);
  if (period.length === 4) return isoDay(year, 1, 1);
  if (period[5] === "Q") return isoDay(year, (Number(period[6]) - 1) * 3 + 1, 1);
  return isoDay(year, Number(period.slice(5, 7)), 1);
}

/** Last day a value for this period stays current, `graceMonths` after the period ends. */
export function periodValidUntil(period: string, graceMonths = 0): string {
  const year = periodYear(period);
  let endMonth: number;
  if (period.length === 4) endMonth = 12;
  else if (period[5] === "Q") endMonth = QUARTER_END_MONTH[Number(period[6]) - 1] ?? 12;
  else endMonth = Number(period.slice(5, 7));
  const monthIndex = year * 12 + (endMonth - 1) + graceMonths;
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  return isoDay(y, m, daysInMonth(y, m));
}
