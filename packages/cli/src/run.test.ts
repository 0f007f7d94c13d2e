import { describe, expect, it } from "vitest";
import { type CliIo, run } from "./run";

/** Runs the command on in-memory files; returns exit code and what was written. */
async function runWith(argv: string[], files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = await run(argv, io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const UNITS = "code,name,region\nXA-A,An Phú,DBSH\nXA-B,Bình Minh,TDMNPB\n";
const VALUES =
  'unit_code,indicator_code,period,value\nXA-A,3.1,2024,"80,0"\nXA-B,3.1,2024,"79,5"\n';
const evaluateArgs = (set: string, format = "json") => [
  "evaluate",
  "--set",
  set,
  "--units",
  "u.csv",
  "--values",
  "v.csv",
  "--as-of",
  "2024-12-31",
  "--format",
  format,
];

describe("run", () => {
  it("prints the criteria-set JSON Schema for outside authors", async () => {
    const result = await runWith(["schema"], {});
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(
      expect.arrayContaining(["id", "version", "title", "level", "criteria"]),
    );
    // The reporting frequency and the above-100 % permission are published for authors.
    for (const frequency of ["monthly", "quarterly", "yearly"])
      expect(result.stdout).toContain(`"${frequency}"`);
    expect(result.stdout).toContain('"frequency"');
    expect(result.stdout).toContain('"allowAbove100"');
  });

  it("evaluates an official set to JSON", async () => {
    const result = await runWith(evaluateArgs("ntm-xa-2021-2025"), {
      "u.csv": UNITS,
      "v.csv": VALUES,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout);
    expect(report.units.map((u: { code: string }) => u.code)).toEqual(["XA-A", "XA-B"]);
    const verdict31 = (unit: number) =>
      report.units[unit].verdicts.find((v: { indicator: string }) => v.indicator === "3.1");
    expect(verdict31(0)).toMatchObject({
      status: "met",
      value: 80,
      threshold: 80,
      comparator: "gte",
    });
    expect(verdict31(1)).toMatchObject({
      status: "not_met",
      value: 79.5,
      gap: { kind: "percentage_points", amount: 0.5 },
    });
  });

  it("prints a Vietnamese table", async () => {
    const result = await runWith(evaluateArgs("ntm-xa-2021-2025", "table"), {
      "u.csv": UNITS,
      "v.csv": VALUES,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Bình Minh");
    expect(result.stdout).toContain("Tiêu chí chưa đạt");
    expect(result.stdout).toContain("3. Thủy lợi và phòng, chống thiên tai");
    expect(result.stdout).toContain("Tổng số lượt tiêu chí đạt: 0; bình quân 0 tiêu chí/đơn vị.");
  });

  it("warns when the date is outside the set's period, and still evaluates", async () => {
    const argv = evaluateArgs("ntm-xa-2026-2030").map((a) => (a === "v.csv" ? "empty.csv" : a));
    const result = await runWith(argv, {
      "u.csv": "code,name,group\nXA-A,An,1\n",
      "empty.csv": "unit_code,indicator_code,period,value\n",
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "cảnh báo: ngày 31/12/2024 nằm ngoài thời gian hiệu lực của bộ ntm-xa-2026-2030 (15/02/2026 → 31/12/2030)",
    );
    // Criterion 3 has four known indicators and six empty slots: undetermined, so counted.
    expect(JSON.parse(result.stdout).units[0].criteria).toEqual({ met: 0, total: 1 });
  });

  it("lists the built-in sets", async () => {
    const table = await runWith(["sets"], {});
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ntm-xa-2026-2030.*│ 10 +│ 10 +│ 10 \/ 47/u);
    expect(table.stdout).toMatch(/ntm-nang-cao-xa-2021-2025.*│ 19 +│ 7 +│ 19 \/ \?/u);
    const json = JSON.parse((await runWith(["sets", "--format", "json"], {})).stdout);
    expect(
      json.map((s: { id: string; criteria: number; indicators: number }) => [
        s.id,
        s.criteria,
        s.indicators,
      ]),
    ).toEqual([
      ["ntm-xa-2021-2025", 19, 57],
      ["ntm-nang-cao-xa-2021-2025", 19, 7],
      ["ntm-kieu-mau-xa-2021-2025", 4, 4],
      ["ntm-xa-2026-2030", 10, 10],
    ]);
  });

  it.each([
    [
      ["evaluate", "--set", "khong-co", "--units", "u", "--values", "v", "--as-of", "2024-01-01"],
      2,
      'không có bộ tiêu chí "khong-co"',
    ],
    [
      [
        "evaluate",
        "--set",
        "ntm-xa-2021-2025",
        "--units",
        "u",
        "--values",
        "v",
        "--as-of",
        "2024-31-12",
      ],
      2,
      "--as-of phải là ngày",
    ],
    [evaluateArgs("ntm-xa-2021-2025"), 1, "u.csv: không tìm thấy tệp"],
    [evaluateArgs("mine.json"), 1, "mine.json: không tìm thấy tệp"],
  ])("%j fails with exit code %i and one line on stderr", async (argv, code, message) => {
    const result = await runWith(argv, {});
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it("refuses a custom set that does not validate, naming the file", async () => {
    const result = await runWith(evaluateArgs("mine.json"), {
      "mine.json": '{"id": "x"}',
      "u.csv": UNITS,
      "v.csv": VALUES,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("mine.json: bộ tiêu chí không hợp lệ");
  });

  it("reports the bad rows of both files and evaluates nothing", async () => {
    const result = await runWith(evaluateArgs("ntm-xa-2021-2025"), {
      "u.csv": "code,name,region\nXA-A,An,VUNG-X\n",
      "v.csv": "unit_code,indicator_code,period,value\nXA-A,3.1,2024,abc\n",
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      expect.stringMatching(/^u\.csv:2: region "VUNG-X" không có trong/u),
      'v.csv:2: giá trị "abc" không phải số',
      "datchuan: 2 dòng lỗi; chưa đánh giá.",
    ]);
  });
});
