import {
  criteriaSetJsonSchema,
  evaluate,
  formatDate,
  formatNumber,
  rollup,
  type SetVerdict,
} from "@datchuan/domain";
import { officialCriteriaSets } from "@datchuan/domain/official";
import { type Command, parseCommandLine, USAGE, UsageError } from "./args";
import { formatProblem, type Problem } from "./csv";
import { buildReport, formatReportTable, formatSetsTable } from "./report";
import { classifySetArgument, compileForCli, InputError, officialIds, parseSetJson } from "./sets";
import { parseUnitsCsv } from "./units";
import { parseValuesCsv, valuesInForceByUnit } from "./values";

/**
 * The command as a function of its inputs, so tests can run it without a process: reading a
 * file and writing output are passed in. Exit codes: 0 done, 1 bad input files, 2 bad usage.
 */
export interface CliIo {
  /** Reads a file named as the user typed it; throws when it cannot be read. */
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Turns a path as the user typed it into one to open (relative to where they typed it). */
  resolvePath?(path: string): string;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`datchuan: ${error.message}. Xem "datchuan --help".`);
    return 2;
  }
  switch (command.command) {
    case "help":
      io.stdout(USAGE);
      return 0;
    case "schema":
      io.stdout(JSON.stringify(criteriaSetJsonSchema(), null, 2));
      return 0;
    case "sets":
      io.stdout(
        command.format === "json"
          ? JSON.stringify(
              officialCriteriaSets.map((s) => ({
                id: s.id,
                version: s.version,
                title: s.title,
                effective: s.effective,
                criteria: s.criteria.length,
                indicators: s.criteria.reduce((sum, c) => sum + c.indicators.length, 0),
                declared: s.official.declared,
              })),
              null,
              2,
            )
          : formatSetsTable(officialCriteriaSets),
      );
      return 0;
    case "backup":
    case "restore":
      return dataDirCommand(command, io);
    case "evaluate":
      try {
        return await evaluateCommand(command, io);
      } catch (error) {
        if (error instanceof UsageError) {
          io.stderr(`datchuan: ${error.message}. Xem "datchuan --help".`);
          return 2;
        }
        if (error instanceof InputError) {
          io.stderr(`datchuan: ${error.message}`);
          return 1;
        }
        throw error;
      }
  }
}

async function readInput(io: CliIo, path: string): Promise<string> {
  try {
    return await io.readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT" ? "không tìm thấy tệp" : `không đọc được tệp (${(error as Error).message})`;
    throw new InputError(`${path}: ${why}`);
  }
}

async function evaluateCommand(
  command: Extract<Command, { command: "evaluate" }>,
  io: CliIo,
): Promise<number> {
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

  // Both files are read in full and every bad row reported before anything is evaluated.
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
  const ownRows = values.rows.filter((row) => !childCodes.has(row.unit));
  const childRows = values.rows.filter((row) => childCodes.has(row.unit));
  const valuesByUnit = valuesInForceByUnit(ownRows, compiled, command.asOf);
  const childValues = valuesInForceByUnit(childRows, compiled, command.asOf, { of: "children" });
  const verdicts: SetVerdict[] = units.judged.map((unit) => {
    const children = units.children.get(unit.code);
    const profile = children
      ? {
          ...unit,
          children: children.map((c) => ({ code: c.code, values: childValues.get(c.code) ?? {} })),
        }
      : unit;
    return evaluate(compiled, profile, valuesByUnit.get(unit.code) ?? {}, command.asOf);
  });
  const summary = rollup(compiled, verdicts);
  if (command.format === "json") {
    io.stdout(JSON.stringify(buildReport(verdicts, summary, command.asOf), null, 2));
  } else {
    const names = new Map(units.judged.map((u) => [u.code, u.name]));
    io.stdout(formatReportTable(verdicts, summary, names, command.asOf));
  }
  return 0;
}

/**
 * Backup and restore of the embedded database. Loaded only when asked for: the database engine
 * is heavy, and evaluating CSV files needs none of it.
 */
async function dataDirCommand(
  command: Extract<Command, { command: "backup" | "restore" }>,
  io: CliIo,
): Promise<number> {
  const { DatabaseConfigError, backupDataDir, restoreDataDir } = await import(
    "@datchuan/db/backup"
  );
  const path = (p: string) => io.resolvePath?.(p) ?? p;
  try {
    if (command.command === "backup") {
      const { bytes } = await backupDataDir({
        dataDir: path(command.dataDir),
        out: path(command.out),
      });
      io.stdout(
        `Đã sao lưu ${path(command.dataDir)} vào ${path(command.out)} (${formatNumber(Math.round(bytes / 1024))} KB).`,
      );
    } else {
      const { units } = await restoreDataDir({
        from: path(command.from),
        dataDir: path(command.dataDir),
      });
      io.stdout(
        `Đã khôi phục ${path(command.from)} vào ${path(command.dataDir)} (${formatNumber(units)} đơn vị). Chạy máy chủ với DATA_DIR=${path(command.dataDir)}.`,
      );
    }
    return 0;
  } catch (error) {
    // The operator's mistakes (a running server, a folder that is not empty…) in one line.
    if (!(error instanceof DatabaseConfigError)) throw error;
    io.stderr(`datchuan: ${(error as Error).message}`);
    return 1;
  }
}
