import "../operations.css";
import "./units.css";
import {
  formatNumber,
  formatUnitName,
  matchesSearch,
  type UnitLevel,
  type UnitNode,
  unitLevelLabels,
} from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { scopeOptions } from "../users/scope-options";
import { managedUnits } from "./succession-units";
import { UnitAttributes } from "./unit-attributes";
import { UnitClusters } from "./unit-clusters";
import { UnitImport } from "./unit-import";
import { UnitLineage } from "./unit-lineage";
import { UnitMerge } from "./unit-merge";
import { UnitSplit } from "./unit-split";

function countByLevel(nodes: UnitNode[], counts = new Map<UnitLevel, number>()) {
  for (const node of nodes) {
    counts.set(node.level, (counts.get(node.level) ?? 0) + 1);
    countByLevel(node.children, counts);
  }
  return counts;
}

/** Keeps a node when it or anything below it matches, so matches are shown in context. */
function filterTree(nodes: UnitNode[], query: string): UnitNode[] {
  if (!query) return nodes;
  return nodes.flatMap((node) => {
    const children = filterTree(node.children, query);
    return matchesSearch(node.name, query) || children.length ? [{ ...node, children }] : [];
  });
}

/** The unit tree; on /don-vi (`manage`) also attributes and import for those who manage units. */
export default function UnitTreePage({ manage = false }: { manage?: boolean }) {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const manages =
    manage && Boolean(viewer?.roles.some((r) => r.role === "admin" || r.role === "system_admin"));
  const trpc = useTRPC();
  const tree = useQuery(trpc.unit.tree.queryOptions());
  const [query, setQuery] = useState("");
  const counts = tree.data ? countByLevel(tree.data) : null;
  const managed = useMemo(
    () => (manages && tree.data ? managedUnits(tree.data, viewer?.roles ?? []) : []),
    [manages, tree.data, viewer],
  );

  return (
    <>
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <QueryState
        isPending={tree.isPending}
        error={tree.error}
        onRetry={() => void tree.refetch()}
      />
      {counts ? (
        <table aria-label={t("levelCounts")}>
          <thead>
            <tr>
              <th scope="col">{t("level")}</th>
              <th scope="col">{t("count")}</th>
            </tr>
          </thead>
          <tbody>
            {[...counts].map(([level, count]) => (
              <tr key={level}>
                <td>{unitLevelLabels[level]}</td>
                <td>{formatNumber(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="field" style={{ marginTop: "1rem" }}>
        <label htmlFor="unit-filter">{t("filterLabel")}</label>
        <input
          id="unit-filter"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          autoComplete="off"
        />
      </div>
      {tree.data ? (
        <div className="tree card">
          <UnitBranch
            nodes={filterTree(tree.data, query)}
            open={Boolean(query)}
            depth={0}
            manage={manage}
          />
        </div>
      ) : null}
      {manages && tree.data ? (
        <div className="units-history">
          <UnitAttributes units={scopeOptions(tree.data, viewer?.roles ?? [])} />
          <UnitLineage units={managed} />
        </div>
      ) : null}
      {manages && managed.length ? (
        <>
          <UnitMerge units={managed} />
          <UnitSplit units={managed} />
          <UnitClusters units={managed} />
        </>
      ) : null}
      {manages ? <UnitImport /> : null}
    </>
  );
}

function UnitBranch({
  nodes,
  open,
  depth,
  manage,
}: {
  nodes: UnitNode[];
  open: boolean;
  depth: number;
  manage: boolean;
}) {
  const { t } = useTranslation();
  return nodes.map((node) =>
    node.children.length ? (
      <details key={node.code} open={open || depth < 2}>
        <summary>
          <strong>{formatUnitName(node)}</strong>{" "}
          <span className="muted">
            ({t("childCount", { count: node.children.length })}) · {node.code}
          </span>
          <RecognitionLink node={node} manage={manage} />
        </summary>
        <UnitBranch nodes={node.children} open={open} depth={depth + 1} manage={manage} />
      </details>
    ) : (
      <div key={node.code} style={{ marginLeft: "1rem" }}>
        {formatUnitName(node)} <span className="muted">· {node.code}</span>
        <RecognitionLink node={node} manage={manage} />
      </div>
    ),
  );
}

/** Communes and villages lead to their recognition lifecycle (on /don-vi). */
function RecognitionLink({ node, manage }: { node: UnitNode; manage: boolean }) {
  const { t } = useTranslation();
  if (!manage || (node.level !== "commune" && node.level !== "village")) return null;
  return (
    <>
      {" "}
      <Link
        to={`/don-vi/${node.code}/cong-nhan`}
        aria-label={`${t("recognition.link")}: ${node.name}`}
      >
        {t("recognition.link")}
      </Link>
    </>
  );
}
