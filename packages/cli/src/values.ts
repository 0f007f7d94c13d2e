import {
  type CompiledCriteriaSet,
  type CriteriaSet,
  entryProblem,
  type Indicator,
  type IndicatorValue,
  valuesInForce,
} from "@datchuan/domain";
import {
  cleanCell,
  formatPeriodCell,
  isAmbiguousNumber,
  parseBooleanCell,
  parseNumberCell,
  parsePeriodCell,
  parseRatioCell,
} from "./cells";
import { type Problem, readCsv } from "./csv";

/**
 * values.csv: `unit_code,indicator_code,period,value`, one figure per row. Each cell is read
 * according to the indicator's kind; every row that cannot be read is reported, none is guessed.
 */

export type ValueRow = { line: number; unit: string; indicator: string; value: IndicatorValue };
export type ValuesTable = { rows: ValueRow[]; problems: Problem[] };

const NOT_APPLICABLE = new Set(["không áp dụng", "n/a", "na"]);

function indicatorsOf(set: CriteriaSet): Map<string, Indicator> {
  return new Map(set.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i] as const)));
}

/**
 * What a child unit (a village) reports: the indicator codes the set's children-derived
 * indicators read, as yes/no for shares and counts, as numbers for sums, minima and maxima.
 */
function childIndicatorsOf(set: CriteriaSet): Map<string, Indicator> {
  const found = new Map<string, Indicator>();
  for (const criterion of set.criteria)
    for (const derived of criterion.indicators) {
      const source = derived.source;
      if (source.kind !== "children" || found.has(source.indicator)) continue;
      const common = {
        code: source.indicator,
        name: `${derived.name} (số liệu của thôn)`,
        optional: true,
        source: { kind: "entered" as const },
        provenance: derived.provenance,
      };
      found.set(
        source.indicator,
        source.aggregate === "share_true" || source.aggregate === "count_true"
          ? { ...common, kind: "boolean", unitOfMeasure: "", thresholds: [] }
          : {
              ...common,
              kind: "number",
              unitOfMeasure: derived.unitOfMeasure,
              comparator: "gte",
              thresholds: [],
            },
      );
    }
  return found;
}

/**
 * Reads one value cell for an indicator: the value, or the reason it is not one. A value that
 * reads but cannot be entered (a percentage above 100, more insured than residents) is refused
 * by the domain's entry rule, the one the server and the browser apply.
 */
export function readValueCell(
  indicator: Indicator,
  text: string,
  period: string,
): { value: IndicatorValue } | { reason: string } {
  const read = parseValueCell(indicator, text, period);
  if ("reason" in read || indicator.source.kind !== "entered") return read;
  const problem = entryProblem(indicator, read.value);
  return problem === null ? read : { reason: problem.replace(/\.$/u, "") };
}

function parseValueCell(
  indicator: Indicator,
  text: string,
  period: string,
): { value: IndicatorValue } | { reason: string } {
  const cell = cleanCell(text);
  if (cell === "") return { reason: "thiếu giá trị" };
  if (NOT_APPLICABLE.has(cell.toLocaleLowerCase("vi-VN"))) {
    return indicator.optional
      ? { value: { kind: "not_applicable", period } }
      : { reason: `chỉ tiêu ${indicator.code} không thuộc loại "(nếu có)", không thể "${cell}"` };
  }
  const ambiguous = cell.split("/").find((part) => isAmbiguousNumber(part));
  if (ambiguous !== undefined && indicator.kind !== "boolean" && indicator.kind !== "level") {
    const digits = ambiguous.trim().replace(".", "");
    return {
      reason: `giá trị "${ambiguous.trim()}" không rõ là ${digits} hay ${ambiguous.trim().replace(".", ",")}: viết ${digits} hoặc "${ambiguous.trim().replace(".", ",")}"`,
    };
  }
  switch (indicator.kind) {
    case "boolean": {
      const value = parseBooleanCell(cell);
      return value === undefined
        ? { reason: `giá trị "${cell}" không phải đạt/không đạt (true/false, có/không)` }
        : { value: { kind: "boolean", value, period } };
    }
    case "level": {
      const key = cell.toLocaleLowerCase("vi-VN");
      const level = indicator.levels.find(
        (l) =>
          l.code.toLocaleLowerCase("vi-VN") === key ||
          cleanCell(l.name).toLocaleLowerCase("vi-VN") === key,
      );
      return level
        ? { value: { kind: "level", value: level.code, period } }
        : {
            reason: `mức "${cell}" không có trong ${indicator.levels.map((l) => l.name).join(", ")}`,
          };
    }
    case "ratio":
    case "percentage": {
      if (cell.includes("/")) {
        const ratio = parseRatioCell(cell);
        return ratio
          ? { value: { kind: "ratio", ...ratio, period } }
          : { reason: `giá trị "${cell}" không phải tỷ số tử/mẫu (mẫu số lớn hơn 0)` };
      }
      if (indicator.kind === "ratio")
        return { reason: `chỉ tiêu ${indicator.code} cần dạng tử/mẫu, ví dụ "45/50"` };
      const value = parseNumberCell(cell);
      return value === undefined
        ? { reason: `giá trị "${cell}" không phải số` }
        : { value: { kind: "number", value, period } };
    }
    case "count":
    case "number": {
      const value = parseNumberCell(cell);
      if (value === undefined) return { reason: `giá trị "${cell}" không phải số` };
      if (indicator.kind === "count" && (!Number.isInteger(value) || value < 0)) {
        return { reason: `giá trị "${cell}" không phải số đếm (số nguyên không âm)` };
      }
      return { value: { kind: "number", value, period } };
    }
  }
}

/**
 * Reads values.csv against the set. Rows of `childCodes` (villages) carry what the set's
 * children-derived indicators read; the other rows carry the set's own entered indicators.
 */
export function parseValuesCsv(
  text: string,
  file: string,
  set: CriteriaSet,
  unitCodes: ReadonlySet<string>,
  childCodes: ReadonlySet<string> = new Set(),
): ValuesTable {
  const table = readCsv(text, file, ["unit_code", "indicator_code", "period", "value"]);
  const problems = [...table.problems];
  if (problems.some((p) => p.line === 1)) return { rows: [], problems };
  const ownIndicators = indicatorsOf(set);
  const childIndicators = childIndicatorsOf(set);
  const rows: ValueRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    const report = (reason: string) => problems.push({ file, line, reason });
    const unit = cleanCell(cells.unit_code ?? "");
    const code = cleanCell(cells.indicator_code ?? "");
    const periodText = cleanCell(cells.period ?? "");
    let ok = true;
    if (!unitCodes.has(unit)) {
      report(`đơn vị "${unit}" không có trong tệp đơn vị`);
      ok = false;
    }
    const child = childCodes.has(unit);
    const indicator = (child ? childIndicators : ownIndicators).get(code);
    if (!indicator) {
      report(
        child
          ? `đơn vị "${unit}" là thôn: chỉ nhập chỉ tiêu mà bộ tiêu chí ${set.id} tổng hợp từ thôn (${[...childIndicators.keys()].join(", ") || "không có"}), không nhập "${code}"`
          : `chỉ tiêu "${code}" không có trong bộ tiêu chí ${set.id}`,
      );
      ok = false;
    } else if (indicator.source.kind !== "entered") {
      report(`chỉ tiêu ${code} được tính tự động, không nhập giá trị`);
      ok = false;
    }
    const period = parsePeriodCell(periodText);
    if (!period) {
      report(`kỳ "${periodText}" không đúng dạng 2024, 2024-Q2 hoặc 2024-07`);
      ok = false;
    }
    // The value is checked whenever its indicator is known, so one pass shows every mistake.
    const canonical = period ? formatPeriodCell(period) : "0000";
    const read = indicator ? readValueCell(indicator, cells.value ?? "", canonical) : undefined;
    if (read && "reason" in read) {
      report(read.reason);
      ok = false;
    }
    if (!ok || !read || "reason" in read) continue;
    const key = `${unit}\u0000${code}\u0000${canonical}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(`trùng với dòng ${first} (cùng đơn vị, chỉ tiêu và kỳ)`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, unit, indicator: code, value: read.value });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

/**
 * Each unit's values in force as of a date, by the domain's one rule (`valuesInForce`): later
 * periods are ignored, so one file can serve several review dates.
 */
export function valuesInForceByUnit(
  rows: readonly ValueRow[],
  set: CriteriaSet | CompiledCriteriaSet,
  asOf: string,
  options: { of?: "unit" | "children" } = {},
): Map<string, Record<string, IndicatorValue>> {
  const byUnit = new Map<string, ValueRow[]>();
  for (const row of rows) {
    const list = byUnit.get(row.unit);
    if (list) list.push(row);
    else byUnit.set(row.unit, [row]);
  }
  const inForce = new Map<string, Record<string, IndicatorValue>>();
  for (const [unit, list] of byUnit) {
    const values = valuesInForce(set, list, asOf, options);
    if (Object.keys(values).length > 0) inForce.set(unit, values);
  }
  return inForce;
}
