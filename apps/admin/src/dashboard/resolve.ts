import { scopeUnitCode } from "@datchuan/domain";
import { useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import type { SetOption } from "./controls";
import { type DashboardParams, DEFAULT_SET, readParams, writeParams } from "./params";
import { type ReviewableUnit, reviewableUnits } from "./use-dashboard";

/** The criteria sets a review can read on a date: national ones already in force by then. */
export function setOptionsOn(
  sets: ReadonlyArray<{
    setId: string;
    title: string;
    status: string;
    ownerPath: string | null;
    effectiveFrom: string | null;
  }>,
  asOf: string,
): SetOption[] {
  const seen = new Set<string>();
  return sets.flatMap((set) => {
    if (set.status !== "published" || set.ownerPath !== null || seen.has(set.setId)) return [];
    if (set.effectiveFrom && set.effectiveFrom > asOf) return [];
    seen.add(set.setId);
    return [{ setId: set.setId, title: set.title }];
  });
}

/** The parameters with a unit and a set the viewer may read, from the address or by default. */
export function useResolvedParams() {
  const trpc = useTRPC();
  const { viewer } = useSession();
  const [search, setSearch] = useSearchParams();
  const tree = useQuery(trpc.unit.tree.queryOptions());
  const sets = useQuery(trpc.criteriaSet.list.queryOptions());
  const asked = readParams(search);
  const units = tree.data && viewer ? reviewableUnits(tree.data, viewer.roles) : null;
  const setOptions = sets.data ? setOptionsOn(sets.data, asked.asOf) : null;
  let resolved: (DashboardParams & { unitCode: string }) | null = null;
  let unit: ReviewableUnit | undefined;
  if (units && setOptions && viewer) {
    const home = viewer.roles.flatMap((r) => (r.scopePath ? [scopeUnitCode(r.scopePath)] : []));
    unit =
      units.find((u) => u.code === asked.unitCode) ??
      units.find((u) => home.includes(u.code)) ??
      units[0];
    const setId = setOptions.some((s) => s.setId === asked.setId)
      ? asked.setId
      : (setOptions.find((s) => s.setId === DEFAULT_SET)?.setId ?? setOptions[0]?.setId);
    if (unit && setId) resolved = { ...asked, unitCode: unit.code, setId };
  }
  return {
    tree,
    sets,
    units,
    unit,
    setOptions,
    resolved,
    apply: (next: DashboardParams) => setSearch(writeParams(next)),
    search,
  };
}
