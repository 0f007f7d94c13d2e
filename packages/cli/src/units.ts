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
 */

export type UnitRow = UnitProfile & { name: string; parent: string | null; line: number };
export type UnitsTable = {
  units: UnitRow[];
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
    return { units: [], codes: new Set(), problems, warnings };

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
  return { units, codes, problems: problems.sort((a, b) => a.line - b.line), warnings };
}
