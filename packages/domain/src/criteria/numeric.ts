import type { Comparator } from "./model";

/**
 * Threshold semantics, defined once (see README "Threshold semantics"). Every comparison in the
 * package reduces to the sign of (value − threshold), computed exactly, then `satisfies`.
 * Decimals are compared at a resolution of one millionth, so 0.1 + 0.2 equals 0.3; ratios are
 * compared by cross-multiplying integers, never through a rounded percentage.
 */
export const MICRO = 1_000_000;

/** A number in millionths, as an integer: the exact form every comparison uses. */
export function toMicro(value: number): number {
  return Math.round(value * MICRO);
}

/**
 * Which signs of (value − threshold) each comparator accepts, as bits for −1, 0, +1: the one
 * place the bounds are defined. ≥ and ≤ include equality; > and < do not.
 */
const COMPARATOR_MASK: Record<Comparator, number> = {
  gte: 0b110,
  gt: 0b100,
  lte: 0b011,
  lt: 0b001,
  eq: 0b010,
};

/** The accepted-signs mask of a comparator, for hot loops (see `holds`). */
export function comparatorMask(comparator: Comparator): number {
  return COMPARATOR_MASK[comparator];
}

/** Whether a comparator mask accepts the sign (−1, 0 or 1) of (value − threshold). */
export function holds(mask: number, sign: number): boolean {
  return ((mask >> (sign + 1)) & 1) === 1;
}

/** Whether the comparator holds for the sign of (value − threshold). */
export function satisfies(comparator: Comparator, sign: number): boolean {
  return holds(COMPARATOR_MASK[comparator], sign);
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** Sign of (a − b) for plain numbers, at micro resolution. */
export function compareNumbers(a: number, b: number): number {
  return sign(toMicro(a) - toMicro(b));
}

const HUNDRED_MICRO = 100 * MICRO;

/**
 * Sign of (numerator ÷ denominator × 100 − thresholdPercent), exactly: numerator × 10⁸ against
 * threshold(µ%) × denominator. Falls back to BigInt past 2⁵³.
 */
export function compareRatio(numerator: number, denominator: number, thresholdPercent: number) {
  return compareRatioMicro(numerator, denominator, toMicro(thresholdPercent));
}

/** `compareRatio` with the threshold already in millionths of a percent. */
export function compareRatioMicro(numerator: number, denominator: number, thresholdMicro: number) {
  const left = numerator * HUNDRED_MICRO;
  const right = thresholdMicro * denominator;
  if (left < MAX_EXACT && right < MAX_EXACT && right > -MAX_EXACT)
    return left > right ? 1 : left < right ? -1 : 0;
  return compareRatioBig(numerator, denominator, thresholdMicro);
}

const MAX_EXACT = 2 ** 53;

/**
 * Whether numerator ÷ denominator × 100 lies within `marginMicro` (millionths of a percentage
 * point) of the threshold, bound included: the fragile margin of a ratio; never with a
 * negative margin.
 */
export function ratioWithinMicro(
  numerator: number,
  denominator: number,
  thresholdMicro: number,
  marginMicro: number,
): boolean {
  return (
    marginMicro >= 0 &&
    Math.abs(numerator * HUNDRED_MICRO - thresholdMicro * denominator) <= marginMicro * denominator
  );
}

// Kept apart so the common path stays small enough to inline in the judging loop.
function compareRatioBig(numerator: number, denominator: number, thresholdMicro: number) {
  if (Number.isInteger(numerator) && Number.isInteger(denominator)) {
    const diff =
      BigInt(numerator) * BigInt(HUNDRED_MICRO) - BigInt(thresholdMicro) * BigInt(denominator);
    return diff > 0n ? 1 : diff < 0n ? -1 : 0;
  }
  return sign(numerator * HUNDRED_MICRO - thresholdMicro * denominator);
}

/**
 * Whether `count` of `total` is at least `percent` %, inclusive, exactly: the rule for shares of
 * criteria and communes (revocation, district conditions). Nothing is a share of zero.
 */
export function atLeastPercent(count: number, total: number, percent: number): boolean {
  return total > 0 && compareRatio(count, total, percent) >= 0;
}

/** The derived percentage of a ratio, for display and margins; never for the verdict itself. */
export function ratioPercent(numerator: number, denominator: number): number {
  return (numerator * 100) / denominator;
}

/**
 * How many more (or fewer) counted things the numerator needs for the ratio to meet the
 * threshold, denominator fixed: the least whole number, so "cần thêm 152 người" always suffices.
 */
export function ratioCountGap(
  numerator: number,
  denominator: number,
  comparator: Comparator,
  thresholdPercent: number,
): number {
  const t = toMicro(thresholdPercent);
  // In units of 10⁻⁸ of a counted thing: how far the numerator is from the boundary.
  const boundaryDiff = t * denominator - numerator * HUNDRED_MICRO;
  switch (comparator) {
    case "gte":
      return Math.max(0, Math.ceil(boundaryDiff / HUNDRED_MICRO));
    case "gt":
      return Math.max(0, Math.floor(boundaryDiff / HUNDRED_MICRO) + 1);
    case "lte":
      return Math.max(0, Math.ceil(-boundaryDiff / HUNDRED_MICRO));
    case "lt":
      return Math.max(0, Math.floor(-boundaryDiff / HUNDRED_MICRO) + 1);
    case "eq":
      return Math.abs(Math.round(boundaryDiff / HUNDRED_MICRO));
  }
}

/** |a − b| rounded to micro resolution, so gaps print without float noise (3.2, not 3.1999…). */
export function exactDistance(a: number, b: number): number {
  return Math.abs(toMicro(a) - toMicro(b)) / MICRO;
}

/** Whether the comparator points upwards (more is better). */
export function wantsMore(comparator: Comparator): boolean {
  return comparator === "gte" || comparator === "gt";
}
