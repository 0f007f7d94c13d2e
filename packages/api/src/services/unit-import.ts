import {
  type Executor,
  getUnitDetails,
  insertUnit,
  listHierarchies,
  lockUnitTree,
  recordAudit,
} from "@datchuan/db";
import {
  can,
  findForbiddenCharacter,
  foldForSearch,
  hierarchyOn,
  placementProblem,
  UNIT_TYPES,
  type UnitLevel,
  type UnitType,
  unitCodeSchema,
  unitNameSchema,
  unitTypeLabels,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { parse } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import type { Viewer } from "../trpc";

/** At most this many rows per file: a province's communes and villages fit many times over. */
export const MAX_IMPORT_ROWS = 5_000;

export interface ImportRow {
  line: number;
  code: string;
  name: string;
  level: UnitLevel;
  type: UnitType;
  parentCode: string | null;
}
export interface ImportProblem {
  line: number;
  message: string;
}

/** Column titles accepted, compared without tone marks or case: Vietnamese first. */
const COLUMNS: Record<keyof Omit<ImportRow, "line">, string[]> = {
  code: ["ma", "ma don vi", "code"],
  name: ["ten", "ten don vi", "name"],
  level: ["cap", "level"],
  type: ["loai", "loai don vi", "type"],
  parentCode: ["ma cap tren", "ma don vi cap tren", "parent", "parent code"],
};

const LEVELS: Record<string, UnitLevel> = {
  province: "province",
  tinh: "province",
  "cap tinh": "province",
  district: "district",
  huyen: "district",
  "cap huyen": "district",
  commune: "commune",
  xa: "commune",
  "cap xa": "commune",
  village: "village",
  thon: "village",
  "thon, ban": "village",
};

function typeOf(text: string): UnitType | undefined {
  const folded = foldForSearch(text).replace(/\s+/gu, " ").trim();
  return (
    UNIT_TYPES.find((type) => type === text.trim()) ??
    UNIT_TYPES.find((type) => foldForSearch(unitTypeLabels[type]) === folded)
  );
}

/** The file's cells as rows of text, line 1 being the header. */
async function readCells(fileName: string, content: Buffer): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  try {
    if (lower.endsWith(".xlsx")) {
      const sheet = await readSheet(content);
      return sheet.map((row) => row.map((cell) => (cell === null ? "" : String(cell))));
    }
    if (lower.endsWith(".csv")) {
      return parse(content.toString("utf8"), {
        bom: true,
        relax_column_count: true,
        skip_empty_lines: false,
      }) as string[][];
    }
  } catch {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Không đọc được tệp ${fileName}: tệp hỏng hoặc không đúng định dạng.`,
    });
  }
  throw new TRPCError({
    code: "BAD_REQUEST",
    message: "Chỉ nhận tệp .csv hoặc .xlsx.",
  });
}

function columnIndexes(header: string[]) {
  const folded = header.map((title) =>
    foldForSearch(title)
      .replace(/[\s_]+/gu, " ")
      .trim(),
  );
  const indexes = {} as Record<keyof typeof COLUMNS, number>;
  const missing: string[] = [];
  for (const [key, titles] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string[]]>) {
    const index = folded.findIndex((title) => titles.includes(title));
    if (index < 0 && key !== "parentCode") missing.push(titles[0]!);
    indexes[key] = index;
  }
  if (missing.length > 0)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Dòng tiêu đề thiếu cột: ${missing.join(", ")}. Cần các cột: ma, ten, cap, loai, ma_cap_tren.`,
    });
  return indexes;
}

/**
 * Reads and checks every row against the units already stored and each other: codes, names,
 * levels and types, the parent (stored or earlier in the file), the hierarchy in force on
 * `validFrom`, and that the viewer manages where each unit would go. Nothing is written.
 */
export async function checkImport(
  db: Executor,
  viewer: Viewer,
  input: { fileName: string; content: Buffer; validFrom: string },
): Promise<{ rows: ImportRow[]; problems: ImportProblem[] }> {
  const cells = await readCells(input.fileName, input.content);
  if (cells.length < 2)
    throw new TRPCError({ code: "BAD_REQUEST", message: "Tệp không có dòng dữ liệu nào." });
  if (cells.length - 1 > MAX_IMPORT_ROWS)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Tệp có quá ${MAX_IMPORT_ROWS} dòng; hãy chia nhỏ.`,
    });
  const columns = columnIndexes(cells[0]!);
  const hierarchy = hierarchyOn(await listHierarchies(db), input.validFrom);
  const problems: ImportProblem[] = [];
  const candidates: ImportRow[] = [];
  const seen = new Map<string, number>();

  for (const [index, row] of cells.entries()) {
    if (index === 0) continue;
    const line = index + 1;
    const cell = (key: keyof typeof COLUMNS) =>
      columns[key] >= 0 ? (row[columns[key]] ?? "").trim() : "";
    if (row.every((value) => !value.trim())) continue;
    const rowProblems: string[] = [];
    for (const value of row) {
      const bad = findForbiddenCharacter(value);
      if (bad) rowProblems.push(`chứa ký tự điều khiển hoặc ký tự ẩn (${bad})`);
    }
    const code = unitCodeSchema.safeParse(cell("code").toUpperCase());
    if (!code.success) rowProblems.push(code.error.issues[0]!.message);
    const name = unitNameSchema.safeParse(cell("name"));
    if (!name.success) rowProblems.push(name.error.issues[0]!.message);
    const level = LEVELS[foldForSearch(cell("level")).replace(/\s+/gu, " ").trim()];
    if (!level) rowProblems.push(`Cấp "${cell("level")}" không hợp lệ (tỉnh, huyện, xã, thôn).`);
    const type = typeOf(cell("type"));
    if (!type)
      rowProblems.push(`Loại đơn vị "${cell("type")}" không hợp lệ (ví dụ: xã, phường, thôn).`);
    const parentText = cell("parentCode").toUpperCase();
    const parent = parentText ? unitCodeSchema.safeParse(parentText) : null;
    if (parent && !parent.success)
      rowProblems.push(`Mã cấp trên: ${parent.error.issues[0]!.message}`);
    if (code.success) {
      const earlier = seen.get(code.data);
      if (earlier !== undefined) rowProblems.push(`Mã ${code.data} trùng với dòng ${earlier}.`);
      else seen.set(code.data, line);
      if (await getUnitDetails(db, code.data))
        rowProblems.push(`Mã đơn vị ${code.data} đã được dùng.`);
    }
    if (rowProblems.length > 0 || !code.success || !name.success || !level || !type) {
      problems.push({ line, message: [...new Set(rowProblems)].join(" ") });
      continue;
    }
    candidates.push({
      line,
      code: code.data,
      name: name.data,
      level,
      type,
      parentCode: parent?.success ? parent.data : null,
    });
  }

  // Parents: stored units, or rows of this file that are themselves placed (any order).
  const placed = new Map<string, { level: UnitLevel; storedPath: string }>();
  const rows: ImportRow[] = [];
  let pending = candidates;
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const next: ImportRow[] = [];
    for (const row of pending) {
      let parentLevel: UnitLevel | null = null;
      let storedPath = "/";
      if (row.parentCode) {
        const inFile = placed.get(row.parentCode);
        const stored = inFile ? undefined : await getUnitDetails(db, row.parentCode);
        if (!inFile && !stored) {
          if (candidates.some((c) => c.code === row.parentCode)) {
            next.push(row);
            continue;
          }
          problems.push({
            line: row.line,
            message: `Không tìm thấy đơn vị cấp trên ${row.parentCode}.`,
          });
          progress = true;
          continue;
        }
        parentLevel = inFile?.level ?? stored!.level;
        storedPath = inFile?.storedPath ?? stored!.path;
      }
      const problem = hierarchy
        ? placementProblem(hierarchy, row.level, parentLevel)
        : `Chưa cấu hình hệ thống đơn vị hành chính cho ngày ${input.validFrom}.`;
      if (problem) problems.push({ line: row.line, message: problem });
      else if (!can(viewer.roles, "unit.manage", { unitPath: storedPath }))
        problems.push({
          line: row.line,
          message: "Bạn không quản lý đơn vị cấp trên này, nên không thêm được đơn vị vào đó.",
        });
      else {
        placed.set(row.code, { level: row.level, storedPath });
        rows.push(row);
      }
      progress = true;
    }
    pending = next;
  }
  for (const row of pending)
    problems.push({
      line: row.line,
      message: `Không xác định được đơn vị cấp trên ${row.parentCode} (các dòng trỏ vòng lẫn nhau hoặc cấp trên có lỗi).`,
    });
  problems.sort((a, b) => a.line - b.line);
  return { rows, problems };
}

/** Imports every row in one transaction, parents first, or nothing when any row has a problem. */
export async function importUnits(
  db: Executor,
  viewer: Viewer,
  input: { fileName: string; content: Buffer; validFrom: string },
) {
  return db.transaction(async (tx) => {
    await lockUnitTree(tx);
    const { rows, problems } = await checkImport(tx, viewer, input);
    if (problems.length > 0)
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `Tệp còn ${problems.length} dòng lỗi (dòng ${problems
          .slice(0, 5)
          .map((p) => p.line)
          .join(
            ", ",
          )}${problems.length > 5 ? ", …" : ""}); chưa nhập đơn vị nào. Xem trước để sửa.`,
      });
    const created = new Map<string, { id: string; path: string }>();
    for (const row of rows) {
      const parent = row.parentCode
        ? (created.get(row.parentCode) ?? (await getUnitDetails(tx, row.parentCode))!)
        : null;
      const unit = await insertUnit(tx, { ...row, parent, validFrom: input.validFrom });
      created.set(unit.code, unit);
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "unit.create",
        entity: "unit",
        entityId: unit.id,
        unitPath: unit.path,
        after: {
          code: row.code,
          name: row.name,
          level: row.level,
          type: row.type,
          parentCode: row.parentCode,
          validFrom: input.validFrom,
          importedFrom: input.fileName,
          line: row.line,
        },
      });
    }
    return { imported: rows.length };
  });
}
