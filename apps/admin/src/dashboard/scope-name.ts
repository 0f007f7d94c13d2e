import { formatUnitName } from "@datchuan/domain";
import { useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { DashboardParams } from "./params";
import type { ReviewableUnit } from "./use-dashboard";

/**
 * The name of what a review covers: the unit's, or a cluster's with its unit ("Cụm sông Chu
 * (Huyện Thọ Xuân)") when the address names one of the unit's clusters.
 */
export function useScopeName(
  params: Pick<DashboardParams, "unitCode" | "clusterId"> | null,
  unit: ReviewableUnit | undefined,
): string {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const clusters = useQuery({
    ...trpc.unit.clusters.queryOptions({ ownerCode: params?.unitCode ?? "X" }),
    enabled: Boolean(params?.unitCode && params.clusterId),
  });
  if (!unit) return "";
  const cluster = clusters.data?.find((c) => c.id === params?.clusterId);
  return cluster
    ? t("dashboard.clusterOf", { cluster: cluster.name, unit: formatUnitName(unit) })
    : formatUnitName(unit);
}

/** What review.standing and review.progress read: the cluster when one is chosen, else the unit. */
export function reviewScope(params: { unitCode: string; clusterId: string | null }) {
  return params.clusterId ? { clusterId: params.clusterId } : { unitCode: params.unitCode };
}
