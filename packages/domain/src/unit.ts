import { z } from "zod";
import { normalizeName } from "./text";
import { UNIT_LEVELS, UNIT_TYPES, unitLevelLabels } from "./unit-names";

/**
 * Administrative units (đơn vị). The levels and types with their labels are in unit-names.ts,
 * free of zod, so the apps can name units without loading the schemas.
 */
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const unitTypeSchema = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof unitTypeSchema>;

/** A unit code: upper-case letters, digits, dots and dashes, e.g. "THO-XUAN.XUAN-MINH". */
export const unitCodeSchema = z
  .string()
  .trim()
  .min(1, "Mã đơn vị không được để trống")
  .max(64, "Mã đơn vị dài quá 64 ký tự")
  .regex(
    /^[A-Z0-9][A-Z0-9.-]*$/u,
    "Mã đơn vị chỉ gồm chữ in hoa không dấu, số, dấu chấm và gạch ngang",
  );

export const unitNameSchema = z
  .string()
  .transform(normalizeName)
  .pipe(
    z.string().min(1, "Tên đơn vị không được để trống").max(200, "Tên đơn vị dài quá 200 ký tự"),
  );

export const unitSchema = z.object({
  code: unitCodeSchema,
  name: unitNameSchema,
  level: unitLevelSchema,
  type: unitTypeSchema,
  parentCode: unitCodeSchema.nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

export type UnitNode = Unit & { children: UnitNode[] };

/**
 * Builds the tree from a flat list. Children keep the order of the input list; a unit whose
 * parent is not in the list becomes a root, so a subtree can be built from a slice.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of units) nodes.set(unit.code, { ...unit, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The levels a hierarchy uses, top down, from a date: before 1 July 2025 province → district →
 * commune → village; from then on province → commune → village. Configured as data.
 */
export const hierarchySchema = z.object({
  name: z.string().min(1),
  effectiveFrom: z.iso.date(),
  levels: z.array(unitLevelSchema).min(2),
});
export type Hierarchy = z.infer<typeof hierarchySchema>;

/** The hierarchy in force on a date: the latest one that started on or before it. */
export function hierarchyOn(
  hierarchies: readonly Hierarchy[],
  date: string,
): Hierarchy | undefined {
  let found: Hierarchy | undefined;
  for (const hierarchy of hierarchies) {
    if (
      hierarchy.effectiveFrom <= date &&
      (!found || hierarchy.effectiveFrom > found.effectiveFrom)
    )
      found = hierarchy;
  }
  return found;
}

/** Why a unit of `level` cannot sit under a parent of `parentLevel` (Vietnamese), or null. */
export function placementProblem(
  hierarchy: Hierarchy,
  level: UnitLevel,
  parentLevel: UnitLevel | null,
): string | null {
  const index = hierarchy.levels.indexOf(level);
  if (index < 0)
    return `${unitLevelLabels[level]} không có trong hệ thống đơn vị "${hierarchy.name}".`;
  if (index === 0)
    return parentLevel === null
      ? null
      : `${unitLevelLabels[level]} là cấp cao nhất, không có đơn vị cấp trên.`;
  const expected = hierarchy.levels[index - 1]!;
  if (parentLevel !== expected) {
    return `Theo hệ thống "${hierarchy.name}", đơn vị ${unitLevelLabels[level].toLowerCase()} phải thuộc một đơn vị ${unitLevelLabels[expected].toLowerCase()}.`;
  }
  return null;
}

/** The hierarchies of Vietnam before and after the 2025 reform that abolished districts. */
export const VIETNAM_HIERARCHIES: readonly Hierarchy[] = [
  {
    name: "Bốn cấp (trước 01/7/2025)",
    effectiveFrom: "1900-01-01",
    levels: ["province", "district", "commune", "village"],
  },
  {
    name: "Chính quyền hai cấp (từ 01/7/2025)",
    effectiveFrom: "2025-07-01",
    levels: ["province", "commune", "village"],
  },
];
