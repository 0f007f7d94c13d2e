import type { CriterionVerdict, IndicatorVerdict } from "@datchuan/domain";

/** How a criterion's tile reads: the verdict, with met split by fragility, undetermined by why. */
export type TileStatus =
  | "met"
  | "fragile"
  | "not_met"
  | "missing"
  | "no_threshold"
  | "not_applicable";

export const TILE_STATUSES: readonly TileStatus[] = [
  "met",
  "fragile",
  "not_met",
  "missing",
  "no_threshold",
  "not_applicable",
];

export function tileStatus(criterion: CriterionVerdict): TileStatus {
  switch (criterion.status) {
    case "met":
      return criterion.fragile ? "fragile" : "met";
    case "not_met":
      return "not_met";
    case "not_applicable":
      return "not_applicable";
    case "undetermined":
      // Missing figures can be entered; a missing threshold waits for the province.
      return criterion.indicators.some((i) => i.status === "missing" || i.status === "stale")
        ? "missing"
        : "no_threshold";
  }
}

/** Status is colour plus text plus an icon, never colour alone. */
export const STATUS_ICON: Record<TileStatus | IndicatorVerdict["status"], string> = {
  met: "✓",
  fragile: "!",
  not_met: "✗",
  missing: "?",
  stale: "⌛",
  no_threshold: "–",
  not_applicable: "–",
};

/** Indicator verdicts say "met" for fragile ones too; the page shows them apart. */
export function indicatorDisplayStatus(verdict: IndicatorVerdict): TileStatus | "stale" {
  if (verdict.status === "met" && verdict.fragile) return "fragile";
  return verdict.status;
}
