import { criteriaSetJsonSchema, formatNumber, rollup } from "@datchuan/domain";
import { officialCriteriaSets } from "@datchuan/domain/official";
import { type Command, parseCommandLine, USAGE, UsageError } from "./args";
import { judgeOn, readInputs } from "./inputs";
import { buildReport, formatReportTable, formatSetsTable } from "./report";
import { reportCommand } from "./review-report";
import { InputError } from "./sets";

/**
 * The command as a function of its inputs, so tests can run it without a process: reading a
 * file and writing output are passed in. Exit codes: 0 done, 1 bad input files, 2 bad usage.
 */
export interface CliIo {
  /** Reads a file named as the user typed it; throws when it cannot be read. */
  readFile(path: string): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes a file (a .docx or .xlsx report named by --out). */
  writeFile?(path: string, bytes: Uint8Array): Promise<void>;
  /** Writes bytes to standard output, when it is not a terminal (`> baocao.docx`). */
  stdoutBytes?(bytes: Uint8Array): void;
  stdoutIsTTY?: boolean;
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
    case "report":
      try {
        return command.command === "evaluate"
          ? await evaluateCommand(command, io)
          : await reportCommand(command, io);
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

async function evaluateCommand(
  command: Extract<Command, { command: "evaluate" }>,
  io: CliIo,
): Promise<number> {
  const inputs = await readInputs(command, io);
  if (typeof inputs === "number") return inputs;
  const verdicts = judgeOn(inputs, command.asOf);
  const summary = rollup(inputs.compiled, verdicts);
  if (command.format === "json") {
    io.stdout(JSON.stringify(buildReport(verdicts, summary, command.asOf), null, 2));
  } else {
    const names = new Map(inputs.units.judged.map((u) => [u.code, u.name]));
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
