import {
  type CriteriaSet,
  normalizeName,
  type UnitProfile,
  unitCodeSchema,
} from "@datchuan/domain";
import { cleanCell } from "./cells";
import { type Problem, readCsv } from "./csv";

/**
 * units.csv: `code,name[,parent]` and one column per dimension of the set (`region`,
 * `special_status`, `group`…). A dimension cell may be empty: the dimension's default applies.
 * A row whose parent is another row of the file is that unit's child (a village of a commune):
 * its values feed the indicators derived from children, and it is not judged itself.
 */

export type UnitRow = UnitProfile & { name: string; parent: string | null; line: number };
export type UnitsTable = {
  /** Every unit read, in file order. */
  units: UnitRow[];
  /** The units judged against the set: those whose parent is not in the file. */
  judged: UnitRow[];
  /** A judged unit's children (rows naming it as parent), in file order. */
  children: Map<string, UnitRow[]>;
  /** Every code written in the file, also on bad rows, so values.csv is not blamed for them. */
  codes: Set<string>;
  problems: Problem[];
  warnings: Problem[];
};

const FIXED_COLUMNS = ["code", "name", "parent"];

export function parseUnitsCsv(text: string, file: string, set: CriteriaSet): UnitsTable {
  const table = readCsv(text, file, ["code", "name"]);
  const problems = [...table.problems];
  const warnings: Problem[] = [];
  const dimensions = new Map(set.dimensions.map((d) => [d.id, d]));
  for (const column of table.columns) {
    if (!FIXED_COLUMNS.includes(column) && !dimensions.has(column)) {
      const known = [...dimensions.keys()].join(", ") || "không có";
      warnings.push({
        file,
        line: 1,
        reason: `bỏ qua cột "${column}": bộ tiêu chí không có chiều này (có: ${known})`,
      });
    }
  }
  if (problems.some((p) => p.line === 1))
    return { units: [], judged: [], children: new Map(), codes: new Set(), problems, warnings };

  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  const codes = new Set<string>();
  for (const { line, cells } of table.rows) {
    const rowProblems: string[] = [];
    codes.add(cleanCell(cells.code ?? ""));
    const code = unitCodeSchema.safeParse(cleanCell(cells.code ?? ""));
    if (!code.success)
      rowProblems.push(`mã đơn vị "${cells.code ?? ""}": ${code.error.issues[0]?.message}`);
    else if (seen.has(code.data))
      rowProblems.push(`mã đơn vị "${code.data}" trùng với dòng ${seen.get(code.data)}`);
    const name = normalizeName(cells.name ?? "");
    if (name === "") rowProblems.push("thiếu tên đơn vị");
    const parentText = cleanCell(cells.parent ?? "");
    const parent = parentText === "" ? null : unitCodeSchema.safeParse(parentText);
    if (parent && !parent.success) rowProblems.push(`mã đơn vị cha "${parentText}" không hợp lệ`);

    const attributes: Record<string, string> = {};
    for (const [id, dimension] of dimensions) {
      const raw = cleanCell(cells[id] ?? "");
      if (raw === "") continue;
      // Codes are matched without case so that "btb" is BTB; names are accepted too.
      const key = raw.toLocaleLowerCase("vi-VN");
      const match = dimension.values.find(
        (v) =>
          v.code.toLocaleLowerCase("vi-VN") === key ||
          normalizeName(v.name).toLocaleLowerCase("vi-VN") === key,
      );
      if (match) attributes[id] = match.code;
      else {
        const allowed = dimension.values.map((v) => v.code).join(", ");
        rowProblems.push(`${id} "${raw}" không có trong ${dimension.name} (${allowed})`);
      }
    }
    for (const reason of rowProblems) problems.push({ file, line, reason });
    if (rowProblems.length > 0 || !code.success) continue;
    seen.set(code.data, line);
    units.push({
      code: code.data,
      name,
      parent: parent?.success ? parent.data : null,
      attributes,
      line,
    });
  }
  const tree = unitTree(units, file);
  problems.push(...tree.problems);
  return {
    units,
    ...tree,
    codes,
    problems: problems.sort((a, b) => a.line - b.line),
    warnings,
  };
}

/**
 * Splits the rows into judged units and their children by the `parent` column. Two levels only
 * (commune and village): a child's own child, or a cycle, is a problem on the row.
 */
function unitTree(
  units: readonly UnitRow[],
  file: string,
): Pick<UnitsTable, "judged" | "children" | "problems"> {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const judged: UnitRow[] = [];
  const children = new Map<string, UnitRow[]>();
  const problems: Problem[] = [];
  for (const unit of units) {
    const parent = unit.parent === null ? undefined : byCode.get(unit.parent);
    if (!parent) {
      judged.push(unit);
      continue;
    }
    const grandparent = parent.parent === null ? undefined : byCode.get(parent.parent);
    if (grandparent) {
      problems.push({
        file,
        line: unit.line,
        reason: `đơn vị "${unit.code}" thuộc "${parent.code}", mà "${parent.code}" lại thuộc "${grandparent.code}": tệp chỉ gồm hai cấp (đơn vị được đánh giá và thôn của nó)`,
      });
      continue;
    }
    const list = children.get(parent.code);
    if (list) list.push(unit);
    else children.set(parent.code, [unit]);
  }
  return { judged, children, problems };
}
