import { describe, expect, it } from "vitest";
import { type CliIo, run } from "./run";

/**
 * Through `run` (no process): a units file with villages feeds children-derived indicators, and a
 * set file may adapt a built-in set.
 */
async function runWith(set: string, files: Record<string, string>) {
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
  const argv = ["evaluate", "--set", set, "--units", "u.csv", "--values", "v.csv"];
  const code = await run([...argv, "--as-of", "2024-12-31", "--format", "json"], io);
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

type Verdict = { indicator: string; status: string; value: unknown; threshold: unknown };
type ReportUnit = { code: string; verdicts: Verdict[] };
const verdictOf = (stdout: string, unit: string, indicator: string) =>
  (JSON.parse(stdout).units as ReportUnit[])
    .find((u) => u.code === unit)
    ?.verdicts.find((v) => v.indicator === indicator);

const provenance = { source: "Bộ thử nghiệm", verified: false };
const villageSet = JSON.stringify({
  id: "thu-thon",
  version: "1",
  title: "Bộ thử: nhà văn hóa thôn",
  level: "commune",
  effective: { from: "2022-01-01" },
  legalBasis: [{ source: "Thử nghiệm" }],
  groups: [{ id: "G", name: "Nhóm" }],
  criteria: [
    {
      number: 6,
      name: "Cơ sở vật chất văn hóa",
      group: "G",
      provenance,
      indicators: [
        {
          code: "6.3",
          name: "Tỷ lệ thôn có nhà văn hóa",
          unitOfMeasure: "%",
          kind: "ratio",
          comparator: "gte",
          numeratorLabel: "thôn có nhà văn hóa",
          denominatorLabel: "thôn",
          source: { kind: "children", indicator: "1", aggregate: "share_true" },
          thresholds: [{ value: 100, provenance }],
          provenance,
        },
        {
          code: "6.4",
          name: "Số người tập thể thao ở các thôn",
          unitOfMeasure: "người",
          kind: "number",
          comparator: "gte",
          source: { kind: "children", indicator: "2", aggregate: "sum" },
          thresholds: [{ value: 100, provenance }],
          provenance,
        },
      ],
    },
  ],
});

describe("the unit tree from the parent column", () => {
  const units = [
    "code,name,parent",
    "XA-A,An,HUYEN",
    "THON-A1,Thôn 1,XA-A",
    "THON-A2,Thôn 2,XA-A",
    "XA-B,Bình,",
    "THON-B1,Thôn 1,XA-B",
    "XA-C,Cát,",
  ].join("\n");

  it.each([
    // unit, indicator, village values (code,indicator,period,value), expected status and value
    ["XA-A", "6.3", ["THON-A1,1,2024,có", "THON-A2,1,2024,có"], "met", 100],
    ["XA-A", "6.3", ["THON-A1,1,2024,có", "THON-A2,1,2024,không"], "not_met", 50],
    ["XA-A", "6.3", ["THON-A1,1,2024,có"], "missing", null],
    ["XA-A", "6.3", ["THON-A1,1,2024,có", "THON-A2,1,2023,có"], "stale", null],
    ["XA-A", "6.3", ["THON-A1,1,2024,có", "THON-A2,1,2023,có", "THON-A2,1,2024,có"], "met", 100],
    ["XA-A", "6.4", ["THON-A1,2,2024,60", "THON-A2,2,2024,50"], "met", 110],
    ["XA-A", "6.4", ["THON-A1,2,2024,60", "THON-A2,2,2024,30"], "not_met", 90],
    ["XA-B", "6.3", ["THON-B1,1,2024,đạt"], "met", 100],
    ["XA-C", "6.3", ["THON-A1,1,2024,có"], "missing", null],
  ])("%s %s from villages %j → %s (%s)", async (unit, indicator, rows, status, value) => {
    const result = await runWith("set.json", {
      "set.json": villageSet,
      "u.csv": units,
      "v.csv": ["unit_code,indicator_code,period,value", ...rows].join("\n"),
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const verdict = verdictOf(result.stdout, unit, indicator);
    expect(verdict?.status).toBe(status);
    if (value !== null) expect(verdict?.value).toBe(value);
  });

  it("judges the communes only, not their villages", async () => {
    const result = await runWith("set.json", {
      "set.json": villageSet,
      "u.csv": units,
      "v.csv": "unit_code,indicator_code,period,value\n",
    });
    expect(JSON.parse(result.stdout).units.map((u: ReportUnit) => u.code)).toEqual([
      "XA-A",
      "XA-B",
      "XA-C",
    ]);
  });

  it.each([
    [
      "a village's own village",
      "code,name,parent\nXA-A,An,\nTHON-1,Thôn 1,XA-A\nXOM-1,Xóm 1,THON-1\n",
      "unit_code,indicator_code,period,value\n",
      'u.csv:4: đơn vị "XOM-1" thuộc "THON-1", mà "THON-1" lại thuộc "XA-A"',
    ],
    [
      "a cycle",
      "code,name,parent\nXA-A,An,XA-B\nXA-B,Bình,XA-A\n",
      "unit_code,indicator_code,period,value\n",
      'u.csv:2: đơn vị "XA-A" thuộc "XA-B", mà "XA-B" lại thuộc "XA-A"',
    ],
    [
      "a village value for an indicator not read from villages",
      "code,name,parent\nXA-A,An,\nTHON-1,Thôn 1,XA-A\n",
      "unit_code,indicator_code,period,value\nTHON-1,6.3,2024,80\n",
      'v.csv:2: đơn vị "THON-1" là thôn: chỉ nhập chỉ tiêu mà bộ tiêu chí thu-thon tổng hợp từ thôn (1, 2), không nhập "6.3"',
    ],
    [
      "a village yes/no that is not one",
      "code,name,parent\nXA-A,An,\nTHON-1,Thôn 1,XA-A\n",
      "unit_code,indicator_code,period,value\nTHON-1,1,2024,80\n",
      'v.csv:2: giá trị "80" không phải đạt/không đạt (true/false, có/không)',
    ],
  ])("refuses %s, naming the row", async (_, unitsText, valuesText, message) => {
    const result = await runWith("set.json", {
      "set.json": villageSet,
      "u.csv": unitsText,
      "v.csv": valuesText,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });
});

describe("a set file adapting a built-in set", () => {
  const adapted = (adapts: Record<string, string>) =>
    JSON.stringify({
      id: "tinh-thu-ntm-xa",
      version: "2024-01-01",
      title: "Bộ tiêu chí xã NTM của tỉnh thử",
      level: "commune",
      effective: { from: "2024-01-01", to: "2025-12-31" },
      legalBasis: [{ source: "Quyết định của UBND tỉnh (thử)" }],
      adapts,
      groups: [],
      criteria: [
        {
          number: 3,
          name: "Thủy lợi và phòng, chống thiên tai",
          group: "II_HA_TANG_KT_XH",
          provenance,
          indicators: [
            {
              code: "3.1",
              name: "Tỷ lệ diện tích đất sản xuất nông nghiệp được tưới và tiêu nước chủ động",
              unitOfMeasure: "%",
              kind: "percentage",
              comparator: "gte",
              thresholds: [{ value: 85, years: { from: 2024, to: 2025 }, provenance }],
              provenance,
            },
          ],
        },
      ],
    });
  const files = (set: string) => ({
    "set.json": set,
    "u.csv": "code,name,region\nXA-A,An,DBSH\n",
    "v.csv": 'unit_code,indicator_code,period,value\nXA-A,3.1,2024,"82"\nXA-A,3.2,2024,đạt\n',
  });

  it.each([
    ["by id", { id: "ntm-xa-2021-2025" }],
    ["by id and version", { id: "ntm-xa-2021-2025", version: "2022-03-08" }],
  ])(
    "is compiled with its parent %s: own thresholds first, the parent's indicators kept",
    async (_, adapts) => {
      const result = await runWith("set.json", files(adapted(adapts)));
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(verdictOf(result.stdout, "XA-A", "3.1")).toMatchObject({
        status: "not_met",
        threshold: 85,
      });
      expect(verdictOf(result.stdout, "XA-A", "3.2")).toMatchObject({ status: "met" });
      expect(JSON.parse(result.stdout).units[0].indicators.total).toBe(57);
    },
  );

  it.each([
    [{ id: "ntm-tinh-khac" }, 'điều chỉnh bộ "ntm-tinh-khac", không phải bộ có sẵn'],
    [
      { id: "ntm-xa-2021-2025", version: "2021-01-01" },
      'điều chỉnh phiên bản 2021-01-01 của bộ "ntm-xa-2021-2025", nhưng bộ có sẵn là phiên bản 2022-03-08',
    ],
  ])("is refused when its parent %j is not built in", async (adapts, message) => {
    const result = await runWith("set.json", files(adapted(adapts)));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
  });
});
