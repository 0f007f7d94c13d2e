import { type Executor, listTargets } from "@datchuan/db";
import {
  buildReviewReport,
  can,
  type ReportLateness,
  type ReviewReport,
  renderReviewReportText,
} from "@datchuan/domain";
import type { Viewer } from "../trpc";
import { reportStatesOf } from "./report-states";
import { summariseStanding } from "./review";
import type { ResolvedScope } from "./review-scope";

export interface ScopeReportQuery {
  setId: string;
  asOf: string;
  since?: string | undefined;
  working: boolean;
}

/**
 * The review report (báo cáo rà soát) of a scope on a date, from the same roll-up as
 * `review.standing` (so every number equals the dashboard's), plus what only the server knows:
 * the scope's targets for the year with their results, and, for readers of drafts, the late and
 * missing reports of the period.
 */
export async function buildScopeReport(
  db: Executor,
  viewer: Viewer | null,
  resolved: ResolvedScope,
  query: ScopeReportQuery,
): Promise<{ report: ReviewReport; text: string }> {
  const standing = await summariseStanding(db, {
    scope: resolved.scope,
    setId: query.setId,
    asOf: query.asOf,
    since: query.since,
    acceptedOnly: !query.working,
  });
  const year = Number(query.asOf.slice(0, 4));
  const targets = resolved.unit ? await listTargets(db, resolved.unit.id, year) : [];
  // Who has not sent the period's report is an office matter: readers of drafts only.
  let lateness: ReportLateness[] | undefined;
  if (resolved.unit && viewer && can(viewer.roles, "value.read_draft", resolved.target)) {
    const states = await reportStatesOf(db, {
      scopePath: resolved.unit.path,
      setId: query.setId,
      asOf: query.asOf,
    });
    lateness = states.map((s) => ({
      code: s.unitCode,
      name: s.unitName,
      period: s.period,
      dueDate: s.dueDate,
      missing: s.missing,
      late: s.late,
      daysLate: s.daysLate,
    }));
  }
  const report = buildReviewReport({
    scope: resolved.heading,
    asOf: query.asOf,
    since: query.since ?? null,
    units: standing.units,
    rollups: standing.rollups,
    set: { id: query.setId, title: query.setId },
    notReported: standing.notReported,
    changes: standing.changes,
    // Only recognised units can be at risk; with none the report has nothing to say of it.
    ...(standing.revocation.recognised > 0 ? { revocation: standing.revocation } : {}),
    targets: targets.map((t) => ({
      label: t.label,
      comparator: t.comparator as "gte" | "lte",
      value: t.value,
      unitOfMeasure: t.unitOfMeasure,
      actual: t.actual,
      actualSource: t.actualSource,
    })),
    targetYear: year,
    ...(lateness ? { lateness } : {}),
    illustrative: standing.units.some((u) => /minh[- ]h[oó]a/iu.test(u.setVersion)),
  });
  return { report, text: renderReviewReportText(report) };
}
