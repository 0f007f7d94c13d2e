import {
  type CompiledCriteriaSet,
  evaluate,
  formatDate,
  periodValidUntil,
  type SetVerdict,
} from "@datchuan/domain";
import { UsageError } from "./args";
import { formatProblem, type Problem } from "./csv";
import type { CliIo } from "./run";
import { classifySetArgument, compileForCli, InputError, officialIds, parseSetJson } from "./sets";
import { parseUnitsCsv, type UnitsTable } from "./units";
import { parseValuesCsv, type ValueRow, valuesInForceByUnit } from "./values";

export async function readInput(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT" ? "không tìm thấy tệp" : `không đọc được tệp (${(error as Error).message})`;
    throw new InputError(`${path}: ${why}`);
  }
}

/** The files read, checked and compiled: what `evaluate` and `report` judge. */
/** The files read, checked and compiled: what `evaluate` and `report` judge. */
export interface ReadInputs {
  compiled: CompiledCriteriaSet;
  units: UnitsTable;
  ownRows: ValueRow[];
  childRows: ValueRow[];
}

/**
 * Reads the set and both files in full, reporting every bad row before anything is judged.
 * Returns the exit code instead when the files have problems.
 */
export async function readInputs(
  command: { set: string; units: string; values: string; asOf: string },
  io: CliIo,
): Promise<ReadInputs | number> {
  const argument = classifySetArgument(command.set);
  if (argument.kind === "unknown") {
    throw new UsageError(
      `không có bộ tiêu chí "${command.set}" (có: ${officialIds()}; hoặc đường dẫn tới tệp .json)`,
    );
  }
  const set =
    argument.kind === "official"
      ? argument.set
      : parseSetJson(await readInput(io, argument.path), argument.path);
  const compiled = compileForCli(set, command.set);
  // An adapted set is read with its parent merged in: the parent's indicators and dimensions.
  const merged = compiled.set;
  const [unitsText, valuesText] = await Promise.all([
    readInput(io, command.units),
    readInput(io, command.values),
  ]);

  const units = parseUnitsCsv(unitsText, command.units, merged);
  const childCodes = new Set([...units.children.values()].flat().map((c) => c.code));
  const values = parseValuesCsv(valuesText, command.values, merged, units.codes, childCodes);
  for (const warning of units.warnings) io.stderr(`cảnh báo: ${formatProblem(warning)}`);
  const problems: Problem[] = [...units.problems, ...values.problems];
  if (problems.length > 0) {
    for (const problem of problems) io.stderr(formatProblem(problem));
    const badRows = new Set(problems.map((p) => `${p.file}:${p.line}`)).size;
    io.stderr(`datchuan: ${badRows} dòng lỗi; chưa đánh giá.`);
    return 1;
  }

  // Evaluating against a set outside its period is allowed (what-if reviews) but worth a word.
  const { from, to } = merged.effective;
  if (command.asOf < from || (to !== undefined && command.asOf > to)) {
    io.stderr(
      `cảnh báo: ngày ${formatDate(command.asOf)} nằm ngoài thời gian hiệu lực của bộ ${merged.id} (${formatDate(from)} → ${to ? formatDate(to) : "…"})`,
    );
  }
  return {
    compiled,
    units,
    ownRows: values.rows.filter((row) => !childCodes.has(row.unit)),
    childRows: values.rows.filter((row) => childCodes.has(row.unit)),
  };
}

/** Each judged unit's verdict on `asOf` from the values in force then. */
export function judgeOn(inputs: ReadInputs, asOf: string): SetVerdict[] {
  const { compiled, units } = inputs;
  const valuesByUnit = valuesInForceByUnit(inputs.ownRows, compiled, asOf);
  const childValues = valuesInForceByUnit(inputs.childRows, compiled, asOf, { of: "children" });
  return units.judged.flatMap((unit) => {
    const children = units.children.get(unit.code);
    const own = valuesByUnit.get(unit.code);
    const profile = children
      ? {
          ...unit,
          children: children.map((c) => ({ code: c.code, values: childValues.get(c.code) ?? {} })),
        }
      : unit;
    return [evaluate(compiled, profile, own ?? {}, asOf)];
  });
}

/**
 * Each unit's verdict as the server keeps it for a review date: judged at the end of the latest
 * period it reported that ended on or before `asOf` (a report is judged as of its period's end
 * when accepted). Units with no such period have no result and are left out.
 */
export function judgeLatestPeriods(inputs: ReadInputs, asOf: string): SetVerdict[] {
  const { compiled, units } = inputs;
  const periodsOf = new Map<string, Set<string>>();
  const childParent = new Map<string, string>();
  for (const [parent, children] of units.children)
    for (const child of children) childParent.set(child.code, parent);
  for (const row of [...inputs.ownRows, ...inputs.childRows]) {
    const unit = childParent.get(row.unit) ?? row.unit;
    const set = periodsOf.get(unit) ?? new Set<string>();
    set.add(row.value.period);
    periodsOf.set(unit, set);
  }
  return units.judged.flatMap((unit) => {
    const ends = [...(periodsOf.get(unit.code) ?? [])]
      .map((p) => periodValidUntil(p))
      .filter((end) => end <= asOf)
      .sort();
    const end = ends[ends.length - 1];
    if (end === undefined) return [];
    const own = valuesInForceByUnit(
      inputs.ownRows.filter((r) => r.unit === unit.code),
      compiled,
      end,
    ).get(unit.code);
    const children = units.children.get(unit.code);
    const childValues = children
      ? valuesInForceByUnit(
          inputs.childRows.filter((r) => childParent.get(r.unit) === unit.code),
          compiled,
          end,
          { of: "children" },
        )
      : undefined;
    const profile = children
      ? {
          ...unit,
          children: children.map((c) => ({ code: c.code, values: childValues?.get(c.code) ?? {} })),
        }
      : unit;
    return [evaluate(compiled, profile, own ?? {}, end)];
  });
}
