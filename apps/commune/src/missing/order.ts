import type { IndicatorVerdict, SetVerdict } from "@datchuan/domain";

export interface MissingEntry {
  criterion: number;
  criterionName: string;
  verdict: IndicatorVerdict;
  /** How far from the threshold, relative to it (0.05: 5 %); null when it cannot be measured. */
  distance: number | null;
}

/**
 * The relative distance of a failing indicator from its threshold: |value − threshold| over
 * |threshold| for figures (over 1 when the threshold is 0); a yes/no or level not reached is
 * the whole way (1). Null for an indicator without a figure.
 */
export function relativeDistance(verdict: IndicatorVerdict): number | null {
  if (verdict.status !== "not_met") return null;
  const threshold = verdict.threshold.value;
  const measured = verdict.measured;
  if (typeof threshold === "number" && typeof measured === "number")
    return Math.abs(measured - threshold) / (Math.abs(threshold) || 1);
  return 1;
}

/**
 * What is missing: failing indicators closest to their threshold first (the quickest to
 * reach), then indicators without figures (missing or lapsed), each by code.
 */
export function missingIndicators(verdict: Pick<SetVerdict, "criteria">): MissingEntry[] {
  const entries: MissingEntry[] = verdict.criteria.flatMap((criterion) =>
    criterion.indicators
      .filter((i) => i.status === "not_met" || i.status === "missing" || i.status === "stale")
      .map((i) => ({
        criterion: criterion.number,
        criterionName: criterion.name,
        verdict: i,
        distance: relativeDistance(i),
      })),
  );
  const byCode = (a: MissingEntry, b: MissingEntry) =>
    a.verdict.code.localeCompare(b.verdict.code, "vi", { numeric: true });
  return entries.sort((a, b) => {
    if (a.distance === null || b.distance === null)
      return a.distance === b.distance ? byCode(a, b) : a.distance === null ? 1 : -1;
    return a.distance - b.distance || byCode(a, b);
  });
}
