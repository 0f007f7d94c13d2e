import {
  formatUnitName,
  type RoleAssignment,
  type UnitLevel,
  type UnitNode,
  type UnitType,
} from "@datchuan/domain";

/** A unit of the tree as the merge, split and cluster forms pick it: with its place and children. */
export interface PlacedUnit {
  code: string;
  label: string;
  level: UnitLevel;
  type: UnitType;
  path: string;
  depth: number;
  children: UnitNode[];
}

/**
 * The units a viewer manages, in tree order: everything for a system admin, else the subtrees
 * of their admin scopes. The server checks again; this only keeps out choices it would refuse.
 */
export function managedUnits(
  tree: readonly UnitNode[],
  roles: readonly RoleAssignment[],
): PlacedUnit[] {
  const all = roles.some((r) => r.role === "system_admin");
  const scopes = roles.flatMap((r) => (r.role === "admin" && r.scopePath ? [r.scopePath] : []));
  const out: PlacedUnit[] = [];
  const walk = (nodes: readonly UnitNode[], parentPath: string, depth: number) => {
    for (const node of nodes) {
      const path = `${parentPath}${node.code}/`;
      if (all || scopes.some((s) => path.startsWith(s)))
        out.push({
          code: node.code,
          label: formatUnitName(node),
          level: node.level,
          type: node.type,
          path,
          depth,
          children: node.children,
        });
      walk(node.children, path, depth + 1);
    }
  };
  walk(tree, "/", 0);
  return out;
}

/** "  Xã Xuân Minh": a unit's label indented by its depth, for a select. */
export function indented(unit: PlacedUnit): string {
  return `${"\u00a0\u00a0".repeat(unit.depth)}${unit.label}`;
}

/** The first message of each field, from a client or server `fieldErrors`. */
export function firstErrors(
  ...sources: Array<Record<string, string[] | undefined> | undefined>
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const source of sources)
    for (const [key, messages] of Object.entries(source ?? {}))
      if (messages?.length && !out[key]) out[key] = messages.slice(0, 1);
  return out;
}
