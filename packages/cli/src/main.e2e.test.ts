import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "./run";

/**
 * The command on the fixture files. The first case runs the real command in a child process, as
 * `pnpm datchuan` does: node with the tsx loader, INIT_CWD set to the folder the user typed in,
 * relative paths resolved against it. The others call `run` with the same wiring as main.ts: a
 * child process per case would only compile the same TypeScript again on a busy machine.
 */
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const fixtures = fileURLToPath(new URL("../test/fixtures/", import.meta.url));

type Result = { code: number; stdout: string; stderr: string };

async function datchuan(args: string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    readFile: (path) => readFile(resolve(fixtures, path), "utf8"),
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    resolvePath: (path) => resolve(fixtures, path),
  });
  return { code, stdout, stderr };
}

function datchuanProcess(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "src/main.ts", ...args],
      { cwd: packageDir, env: { ...process.env, INIT_CWD: fixtures }, encoding: "utf8" },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

type Verdict = {
  criterion: number;
  indicator: string;
  status: string;
  value: unknown;
  threshold: unknown;
};
type Unit = {
  code: string;
  standardMet: boolean;
  criteria: { met: number; total: number };
  verdicts: Verdict[];
};

function verdictOf(
  report: { units: Unit[] },
  unit: string,
  indicator: string,
): Verdict | undefined {
  return report.units.find((u) => u.code === unit)?.verdicts.find((v) => v.indicator === indicator);
}

// Only the child-process case: tsx compiles the CLI and the official sets as it starts, which
// on a loaded 2-core machine has taken tens of seconds.
const PROCESS_TIMEOUT = 120_000;

describe("datchuan (child process)", () => {
  it(
    "evaluates communes against the official NTM 2021-2025 set",
    async () => {
      const result = await datchuanProcess([
        "evaluate",
        "--set",
        "ntm-xa-2021-2025",
        "--units",
        "units.csv",
        "--values",
        "values.csv",
        "--as-of",
        "2024-12-31",
      ]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(Object.keys(report)).toEqual(["set", "asOf", "units", "rollup"]);
      expect(report.set).toEqual({ id: "ntm-xa-2021-2025", version: "2022-03-08" });
      expect(report.asOf).toBe("2024-12-31");
      expect(Object.keys(report.rollup)).toEqual([
        "byScore",
        "failingByCriterion",
        "failingByIndicator",
        "criteriaMetTotal",
        "criteriaMetAverage",
      ]);
      const [first] = report.units;
      expect(Object.keys(first)).toEqual([
        "code",
        "standardMet",
        "criteria",
        "indicators",
        "verdicts",
      ]);
      expect(first.verdicts).toHaveLength(57);
      expect(Object.keys(first.verdicts[0])).toEqual([
        "criterion",
        "indicator",
        "status",
        "value",
        "threshold",
        "comparator",
        "thresholdVerified",
        "gap",
      ]);
      // "85,5" read as 85.5 against the verified 80 % for every region.
      expect(verdictOf(report, "XA-AN-PHU", "3.1")).toMatchObject({
        status: "met",
        value: 85.5,
        threshold: 80,
      });
      // An especially disadvantaged commune in BTB uses the TDMNPB cap of 24 %.
      expect(verdictOf(report, "XA-BINH-MINH", "15.3")).toMatchObject({
        status: "met",
        threshold: 24,
      });
      // More than 3 schools outside DBSH/DNB: 70 % at CSVC level 1.
      expect(verdictOf(report, "XA-BINH-MINH", "5")).toMatchObject({
        status: "not_met",
        value: 65,
        threshold: 70,
      });
      // Income has no confirmed threshold: nothing entered, so the verdict is missing.
      expect(verdictOf(report, "XA-AN-PHU", "10")).toMatchObject({
        status: "missing",
        threshold: null,
      });
      expect(report.rollup.failingByCriterion.map((c: { number: number }) => c.number)).toEqual([
        3, 5,
      ]);
    },
    PROCESS_TIMEOUT,
  );

  it("evaluates a custom set from a JSON file and prints a table", async () => {
    const args = [
      "evaluate",
      "--set",
      "./custom-set.json",
      "--units",
      "custom-units.csv",
      "--values",
      "custom-values.csv",
    ];
    const json = await datchuan([...args, "--as-of", "2024-12-31"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.set).toEqual({ id: "thon-mau-thu-nghiem", version: "2024-01" });
    expect(report.units.map((u: Unit) => [u.code, u.standardMet, u.criteria])).toEqual([
      ["XA-1", false, { met: 1, total: 2 }],
      ["XA-2", true, { met: 2, total: 2 }],
    ]);
    // Group 1 needs 95 %; "94,9" misses by 0.1 points. "1234/1300" is a ratio (94,9 %) ≥ 90.
    expect(verdictOf(report, "XA-1", "1.1")).toMatchObject({
      status: "not_met",
      value: 94.9,
      threshold: 95,
    });
    expect(verdictOf(report, "XA-2", "1.1")).toMatchObject({ status: "met", threshold: 90 });

    const table = await datchuan([...args, "--as-of", "2024-12-31", "--format", "table"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Xã Một");
    expect(table.stdout).toContain("Đạt chuẩn");
  });

  it("reports every bad row with file and line, exits 1 and writes nothing on stdout", async () => {
    const result = await datchuan([
      "evaluate",
      "--set",
      "ntm-xa-2021-2025",
      "--units",
      "units.csv",
      "--values",
      "bad-values.csv",
      "--as-of",
      "2024-12-31",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'bad-values.csv:3: giá trị "abc" không phải số',
      'bad-values.csv:4: đơn vị "XA-KHONG-CO" không có trong tệp đơn vị',
      'bad-values.csv:5: chỉ tiêu "99.9" không có trong bộ tiêu chí ntm-xa-2021-2025',
      'bad-values.csv:6: kỳ "2024-13" không đúng dạng 2024, 2024-Q2 hoặc 2024-07',
      'bad-values.csv:7: giá trị "có lẽ" không phải đạt/không đạt (true/false, có/không)',
      "bad-values.csv:8: trùng với dòng 2 (cùng đơn vị, chỉ tiêu và kỳ)",
      'bad-values.csv:9: mức "Mức độ 9" không có trong Chưa đạt chuẩn, Mức độ 1, Mức độ 2, Mức độ 3',
      "datchuan: 7 dòng lỗi; chưa đánh giá.",
    ]);
  });

  it("refuses an unknown set id with a usage error (exit 2)", async () => {
    const result = await datchuan([
      "evaluate",
      "--set",
      "ntm-2099",
      "--units",
      "u",
      "--values",
      "v",
      "--as-of",
      "2024-01-01",
    ]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('không có bộ tiêu chí "ntm-2099"');
  });
});
