import { readFileSync } from "node:fs";
import { readDocxParagraphs, readXlsxSheets } from "@datchuan/reports/testing";
import { describe, expect, it } from "vitest";
import { type CliIo, run } from "./run";

/** The examples shipped with the CLI, read as the user would pass them. */
const files: Record<string, string> = {
  "units.csv": readFileSync(new URL("../examples/units.csv", import.meta.url), "utf8"),
  "values.csv": readFileSync(new URL("../examples/values.csv", import.meta.url), "utf8"),
};

async function report(extra: string[], io: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, Uint8Array>();
  const code = await run(
    [
      "report",
      "--set",
      "ntm-xa-2021-2025",
      "--units",
      "units.csv",
      "--values",
      "values.csv",
      "--as-of",
      "2024-12-31",
      ...extra,
    ],
    {
      readFile: async (path) => files[path]!,
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      writeFile: async (path, bytes) => {
        written.set(path, bytes);
      },
      ...io,
    },
  );
  return { code, stdout: out.join("\n"), stderr: err.join("\n"), written };
}

describe("datchuan report", () => {
  it("prints the review report of the units in the files, in the offices' sentences", async () => {
    const { code, stdout } = await report(["--scope", "huyện Ví Dụ"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Báo cáo kết quả rà soát .*, huyện Ví Dụ, ngày 31\/12\/2024\n/u);
    expect(stdout).toMatch(/Qua rà soát có \d\d xã/u);
    expect(stdout).toMatch(/Tổng số tiêu chí hoàn thành toàn huyện là \d+ lượt tiêu chí/u);
  });

  it("writes .docx and .xlsx to --out, and refuses them on a terminal without --out", async () => {
    const text = (await report([])).stdout;
    const docx = await report(["--format", "docx", "--out", "r.docx"]);
    expect(docx.code).toBe(0);
    const paragraphs = readDocxParagraphs(docx.written.get("r.docx")!);
    const opening = text.split("\n").find((l) => l.startsWith("Qua rà soát"))!;
    expect(paragraphs).toContain(opening);
    const xlsx = await report(["--format", "xlsx", "--out", "r.xlsx"]);
    const sheets = await readXlsxSheets(xlsx.written.get("r.xlsx")!);
    expect(sheets.get("Báo cáo")!.flat()).toContain(opening);

    const refused = await report(["--format", "docx"], { stdoutIsTTY: true });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--format docx cần --out");
    const piped: Uint8Array[] = [];
    const toPipe = await report(["--format", "docx"], {
      stdoutIsTTY: false,
      stdoutBytes: (bytes) => piped.push(bytes),
    });
    expect(toPipe.code).toBe(0);
    expect(readDocxParagraphs(piped[0]!)).toContain(opening);
  });

  it("refuses a comparison date that is not before the review date", async () => {
    const { code, stderr } = await report(["--since", "2025-01-01"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--since phải là ngày trước --as-of");
  });
});
