import { type Executor, listLatestVerdicts, listScopeUnits } from "@datchuan/db";
import type { ReviewScope } from "./review";

/** A scope's standing on one date, counted: what a progress chart plots. */
export interface ProgressPoint {
  asOf: string;
  /** Communes in the scope on that date. */
  communes: number;
  /** Communes with a verdict of the set whose period ended by then. */
  reported: number;
  /** Of those, meeting the whole set. */
  meeting: number;
  /** Percent of `reported` meeting the set. */
  share: number;
  /** Lượt tiêu chí: criteria met, summed over the reported communes. */
  criteriaMetTotal: number;
  criteriaMetAverage: number;
}

/**
 * The scope's standing at several dates from stored verdicts' counts only (no outlines, no
 * set loading): one query for the communes and one for their verdicts per date, where calling
 * `review.standing` per date would build every table each time.
 */
export async function progressOf(
  db: Executor,
  params: { scope: ReviewScope; setId: string; dates: readonly string[]; acceptedOnly: boolean },
): Promise<ProgressPoint[]> {
  const points: ProgressPoint[] = [];
  for (const asOf of params.dates) {
    const units = await listScopeUnits(db, { scope: params.scope, level: "commune", asOf });
    const rows = await listLatestVerdicts(db, {
      unitIds: units.map((u) => u.id),
      setId: params.setId,
      asOf,
      acceptedOnly: params.acceptedOnly,
    });
    const reported = rows.length;
    const meeting = rows.filter((r) => r.status === "met").length;
    const criteriaMetTotal = rows.reduce((sum, r) => sum + r.criteriaMet, 0);
    points.push({
      asOf,
      communes: units.length,
      reported,
      meeting,
      share: reported === 0 ? 0 : (meeting * 100) / reported,
      criteriaMetTotal,
      criteriaMetAverage: reported === 0 ? 0 : criteriaMetTotal / reported,
    });
  }
  return points;
}
