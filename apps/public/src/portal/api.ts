import type {
  PortalBulletin,
  PortalCriterion,
  PortalHome,
  PortalOverview,
  PortalScorecard,
  PortalSearch,
} from "@datchuan/api";
import { useQuery } from "@tanstack/react-query";

/** A reply from the public data routes that is not 2xx: 404 is "not found", not a broken link. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const isNotFound = (error: unknown) => error instanceof HttpError && error.status === 404;

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string };
    } | null;
    throw new HttpError(response.status, body?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

/** Open-data and portal addresses (README "Open data"): stable, shareable, cacheable. */
export const dataUrl = {
  home: () => "/data/v1/home.json",
  overview: (code: string) => `/data/v1/units/${encodeURIComponent(code)}/overview.json`,
  scorecard: (code: string) => `/data/v1/units/${encodeURIComponent(code)}/scorecard.json`,
  criterion: (setId: string, number: number, scope: string) =>
    `/data/v1/criteria/${encodeURIComponent(setId)}/${number}.json?scope=${encodeURIComponent(scope)}`,
  search: (q: string) => `/data/v1/search.json?q=${encodeURIComponent(q)}`,
  bulletin: (id: string) => `/data/v1/bulletins/${encodeURIComponent(id)}.json`,
  table: (
    code: string,
    table: "standing" | "failing-criteria" | "history",
    format: "csv" | "json",
    date: string,
  ) => `/data/v1/units/${encodeURIComponent(code)}/${table}.${format}?date=${date}`,
  criterionTable: (
    setId: string,
    number: number,
    scope: string,
    date: string,
    format: "csv" | "json",
  ) =>
    `/data/v1/criteria/${encodeURIComponent(setId)}/${number}.${format}?scope=${encodeURIComponent(scope)}&date=${date}${format === "json" ? "&table=1" : ""}`,
};

function usePortalQuery<T>(url: string | null) {
  return useQuery({
    queryKey: ["portal", url],
    queryFn: () => fetchJson<T>(url!),
    enabled: url !== null,
    // A 4xx answers the same when asked again; a dropped connection is worth one more try.
    retry: (failures, error) => failures < 1 && !(error instanceof HttpError && error.status < 500),
  });
}

export const useHome = () => usePortalQuery<PortalHome>(dataUrl.home());
export const useOverview = (code: string | null) =>
  usePortalQuery<PortalOverview>(code ? dataUrl.overview(code) : null);
export const useScorecard = (code: string) =>
  usePortalQuery<PortalScorecard>(dataUrl.scorecard(code));
export const useCriterion = (setId: string, number: number, scope: string | null) =>
  usePortalQuery<PortalCriterion>(scope ? dataUrl.criterion(setId, number, scope) : null);
export const useSearch = (q: string) =>
  usePortalQuery<PortalSearch>(q.trim() ? dataUrl.search(q.trim()) : null);
export const useBulletin = (id: string) => usePortalQuery<PortalBulletin>(dataUrl.bulletin(id));
