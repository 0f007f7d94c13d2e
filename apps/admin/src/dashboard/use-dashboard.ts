import type { RoleAssignment, UnitNode } from "@datchuan/domain";
import { useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { type DashboardParams, progressDates } from "./params";
import { reviewScope } from "./scope-name";
import { progressRow, registrationRows } from "./tables";

/** A unit with communes under it that a viewer may review: a province or a district. */
export interface ReviewableUnit {
  code: string;
  name: string;
  type: UnitNode["type"];
  level: UnitNode["level"];
  path: string;
}

/** Provinces and districts inside the viewer's scopes, in tree order. */
export function reviewableUnits(
  tree: readonly UnitNode[],
  roles: readonly RoleAssignment[],
): ReviewableUnit[] {
  const scopes = roles.map((r) => r.scopePath);
  const out: ReviewableUnit[] = [];
  const walk = (nodes: readonly UnitNode[], parentPath: string) => {
    for (const node of nodes) {
      const path = `${parentPath}${node.code}/`;
      const inScope = scopes.some((s) => s === null || path.startsWith(s));
      if (inScope && (node.level === "province" || node.level === "district"))
        out.push({ code: node.code, name: node.name, type: node.type, level: node.level, path });
      walk(node.children, path);
    }
  };
  walk(tree, "/");
  return out;
}

/** Everything the dashboard reads for its parameters: one batch of tRPC calls. */
export function useDashboardData(params: DashboardParams & { unitCode: string }) {
  const trpc = useTRPC();
  // A cluster narrows the review to its members; registrations and targets stay the unit's.
  const scope = reviewScope(params);
  const standing = useQuery(
    trpc.review.standing.queryOptions({
      ...scope,
      setId: params.setId,
      asOf: params.asOf,
      ...(params.since ? { since: params.since } : {}),
      working: params.working,
    }),
  );
  const registrations = useQuery(
    trpc.planning.registrations.queryOptions({ scopeCode: params.unitCode }),
  );
  const year = Number(params.asOf.slice(0, 4));
  const targets = useQuery(trpc.planning.targets.queryOptions({ unitCode: params.unitCode, year }));
  // Counts only, at each half-year end: one call, not one full standing per date.
  const dates = useMemo(() => progressDates(params.asOf), [params.asOf]);
  const progress = useQuery(
    trpc.review.progress.queryOptions({
      ...scope,
      setId: params.setId,
      dates,
      working: params.working,
    }),
  );
  const progressRows = progress.data?.map(progressRow) ?? null;
  const registrationTable =
    standing.data && registrations.data
      ? registrationRows(registrations.data, standing.data, params.setId)
      : null;
  return { standing, registrations, targets, year, progress, progressRows, registrationTable };
}
