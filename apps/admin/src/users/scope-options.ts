import {
  formatUnitName,
  type RoleAssignment,
  scopeUnitCode,
  type UnitNode,
} from "@datchuan/domain";

export interface ScopeOption {
  code: string;
  label: string;
  depth: number;
}

function flatten(nodes: readonly UnitNode[], depth: number, into: ScopeOption[]): ScopeOption[] {
  for (const node of nodes) {
    into.push({ code: node.code, label: formatUnitName(node), depth });
    flatten(node.children, depth + 1, into);
  }
  return into;
}

function findNode(nodes: readonly UnitNode[], code: string): UnitNode | undefined {
  for (const node of nodes) {
    if (node.code === code) return node;
    const found = findNode(node.children, code);
    if (found) return found;
  }
  return undefined;
}

/**
 * The units a manager may give as a scope: the whole tree for a system admin, else each subtree
 * where they manage users, in tree order, indented by depth.
 */
export function scopeOptions(tree: readonly UnitNode[], roles: readonly RoleAssignment[]) {
  if (roles.some((r) => r.role === "system_admin")) return flatten(tree, 0, []);
  const options: ScopeOption[] = [];
  for (const role of roles) {
    if (role.role !== "admin" || !role.scopePath) continue;
    const code = scopeUnitCode(role.scopePath);
    const node = code ? findNode(tree, code) : undefined;
    if (node && !options.some((o) => o.code === node.code)) flatten([node], 0, options);
  }
  return options;
}
