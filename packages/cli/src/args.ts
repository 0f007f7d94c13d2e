import { parseArgs } from "node:util";
import { z } from "zod";

/**
 * The command line, parsed into a closed union. Everything that is wrong here is a usage error
 * (exit code 2); the caller prints the message on one line.
 */

export const USAGE = [
  "Cách dùng:",
  "  datchuan sets",
  "  datchuan schema        (JSON Schema của một bộ tiêu chí, cho người soạn bộ tiêu chí)",
  "  datchuan evaluate --set <mã bộ tiêu chí | tệp.json> --units <units.csv> --values <values.csv> --as-of <YYYY-MM-DD> [--format json|table]",
  '  datchuan report --set <mã bộ | tệp.json> --units <units.csv> --values <values.csv> --as-of <YYYY-MM-DD> [--since <YYYY-MM-DD>] [--scope "huyện Thọ Xuân"] [--format text|docx|xlsx] [--out <tệp>]',
  "                         (báo cáo rà soát; docx, xlsx ghi vào --out, hoặc ra stdout khi stdout không phải màn hình: > baocao.docx)",
  "  datchuan backup --data-dir <thư mục dữ liệu> --out <tệp.tar.gz>      (sao lưu CSDL nhúng; dừng máy chủ trước)",
  "  datchuan restore --from <tệp.tar.gz> --data-dir <thư mục mới>       (khôi phục vào một thư mục trống)",
].join("\n");

export type Command =
  | { command: "help" }
  | { command: "sets"; format: OutputFormat }
  | { command: "schema" }
  | {
      command: "evaluate";
      set: string;
      units: string;
      values: string;
      asOf: string;
      format: OutputFormat;
    }
  | {
      command: "report";
      set: string;
      units: string;
      values: string;
      asOf: string;
      since: string | null;
      /** The scope as the title names it ("huyện Thọ Xuân"); null: the units in the file. */
      scope: string | null;
      format: ReportFormat;
      out: string | null;
    }
  | { command: "backup"; dataDir: string; out: string }
  | { command: "restore"; from: string; dataDir: string };

export const outputFormatSchema = z.enum(["json", "table"]);
export type OutputFormat = z.infer<typeof outputFormatSchema>;

export const reportFormatSchema = z.enum(["text", "docx", "xlsx"]);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function parseFormat(raw: string | undefined, defaultFormat: OutputFormat): OutputFormat {
  if (raw === undefined) return defaultFormat;
  const parsed = outputFormatSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`--format phải là "json" hoặc "table", không phải "${raw}"`);
  return parsed.data;
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === "") throw new UsageError(`thiếu tùy chọn ${option}`);
  return value.trim();
}

/** argv without the node executable and the script, e.g. ["evaluate", "--set", "…"]. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgsStrict>;
  try {
    parsed = parseArgsStrict(argv);
  } catch (error) {
    // node:util reports unknown options in English; keep its detail but say it in Vietnamese.
    throw new UsageError(`tham số không hợp lệ: ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`tham số thừa: ${rest.join(" ")}`);
  switch (command) {
    case undefined:
      return { command: "help" };
    case "sets":
      return { command: "sets", format: parseFormat(values.format, "table") };
    case "schema":
      return { command: "schema" };
    case "evaluate": {
      const asOf = required(values["as-of"], "--as-of");
      if (!isIsoDate(asOf))
        throw new UsageError(`--as-of phải là ngày dạng YYYY-MM-DD, không phải "${asOf}"`);
      return {
        command: "evaluate",
        set: required(values.set, "--set"),
        units: required(values.units, "--units"),
        values: required(values.values, "--values"),
        asOf,
        format: parseFormat(values.format, "json"),
      };
    }
    case "report": {
      const asOf = required(values["as-of"], "--as-of");
      if (!isIsoDate(asOf))
        throw new UsageError(`--as-of phải là ngày dạng YYYY-MM-DD, không phải "${asOf}"`);
      const since = values.since?.trim() || null;
      if (since !== null && !isIsoDate(since))
        throw new UsageError(`--since phải là ngày dạng YYYY-MM-DD, không phải "${since}"`);
      if (since !== null && since >= asOf)
        throw new UsageError("--since phải là ngày trước --as-of");
      const format = reportFormatSchema.safeParse(values.format ?? "text");
      if (!format.success)
        throw new UsageError(
          `--format của report phải là "text", "docx" hoặc "xlsx", không phải "${values.format}"`,
        );
      return {
        command: "report",
        set: required(values.set, "--set"),
        units: required(values.units, "--units"),
        values: required(values.values, "--values"),
        asOf,
        since,
        scope: values.scope?.trim().normalize("NFC") || null,
        format: format.data,
        out: values.out?.trim() || null,
      };
    }
    case "backup":
      return {
        command: "backup",
        dataDir: required(values["data-dir"], "--data-dir"),
        out: required(values.out, "--out"),
      };
    case "restore":
      return {
        command: "restore",
        from: required(values.from, "--from"),
        dataDir: required(values["data-dir"], "--data-dir"),
      };
    default:
      throw new UsageError(
        `lệnh không rõ: "${command}" (dùng "sets", "evaluate", "report", "backup" hoặc "restore")`,
      );
  }
}

function parseArgsStrict(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      set: { type: "string" },
      units: { type: "string" },
      values: { type: "string" },
      "as-of": { type: "string" },
      format: { type: "string" },
      "data-dir": { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      since: { type: "string" },
      scope: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
