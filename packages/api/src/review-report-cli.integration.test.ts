import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliIo, run } from "@datchuan/cli/run";
import {
  getSetDefinition,
  getUnitAttributes,
  getUnitById,
  getUnitRef,
  listReportStates,
  listReportValues,
} from "@datchuan/db";
import type { IndicatorValue } from "@datchuan/domain";
import { afterAll, describe, expect, it } from "vitest";
import { loadJudgingSet } from "./services/criteria-sets";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * The CLI's report from files equals the server's for the same data: the demo's Thọ Xuân
 * communes, their attributes and the values of their accepted April 2023 reports are written
 * as the CSV files an office would keep, with the set that judged them as JSON, and
 * `datchuan report` run on them (as a function) prints the text `review.report` returns.
 */

const NTM = "ntm-xa-2021-2025";
const AS_OF = "2023-05-19";
const dir = mkdtempSync(join(tmpdir(), "datchuan-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value as a values.csv cell: decimal commas, so "1.234" is never read as 1234. */
function cell(value: IndicatorValue): string {
  const number = (n: number) => String(n).replace(".", ",");
  switch (value.kind) {
    case "boolean":
      return value.value ? "true" : "false";
    case "number":
      return number(value.value);
    case "ratio":
      return `${number(value.numerator)}/${number(value.denominator)}`;
    case "level":
      return value.value;
    case "not_applicable":
      return "không áp dụng";
  }
}

const csv = (rows: string[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\n]/u.test(c) ? `"${c.replace(/"/gu, '""')}"` : c)).join(",")).join("\n")}\n`;

async function getUnitByRef(db: Parameters<typeof getUnitRef>[0], code: string) {
  const ref = await getUnitRef(db, code);
  return ref ? getUnitById(db, ref.id) : undefined;
}

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);

  async function writeDemoFiles() {
    const db = env.handle.db;
    const states = await listReportStates(db, {
      scopePath: "/THANH-HOA/THO-XUAN/",
      level: "commune",
      setId: NTM,
      period: "2023-04",
      asOf: AS_OF,
    });
    const first = (await getUnitByRef(db, states[0]!.unitCode))!;
    const judging = (await loadJudgingSet(db, { setId: NTM, unitPath: first.path, asOf: AS_OF }))!;
    const definition = (await getSetDefinition(db, judging.row.id))!;
    const dimensions = judging.compiled.set.dimensions.map((d) => d.id);
    const units: string[][] = [["code", "name", ...dimensions]];
    const values: string[][] = [["unit_code", "indicator_code", "period", "value"]];
    for (const state of states) {
      const unit = (await getUnitByRef(db, state.unitCode))!;
      const attributes = await getUnitAttributes(db, unit.id, AS_OF);
      units.push([unit.code, unit.name, ...dimensions.map((d) => attributes[d] ?? "")]);
      if (state.status !== "accepted" || !state.reportId) continue;
      for (const v of await listReportValues(db, state.reportId))
        values.push([unit.code, v.indicatorCode, v.value.period, cell(v.value)]);
    }
    writeFileSync(join(dir, "set.json"), JSON.stringify(definition));
    writeFileSync(join(dir, "units.csv"), csv(units));
    writeFileSync(join(dir, "values.csv"), csv(values));
  }

  it("prints the server's report text from the same data in files", async () => {
    await writeDemoFiles();
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      readFile: async (path) => readFileSync(join(dir, path), "utf8"),
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
    };
    const code = await run(
      [
        "report",
        "--set",
        "./set.json",
        "--units",
        "units.csv",
        "--values",
        "values.csv",
        "--as-of",
        AS_OF,
        "--scope",
        "huyện Thọ Xuân",
      ],
      io,
    );
    expect(err.join("\n")).toBe("");
    expect(code).toBe(0);
    const server = await (await env.as(null)).review.report({
      unitCode: "THO-XUAN",
      setId: NTM,
      asOf: AS_OF,
    });
    expect(`${out.join("\n")}\n`).toBe(server.text);
    expect(server.text).toContain("có 04 xã gồm: Xuân Minh, Xuân Tín, Trường Xuân và Xuân Lập");
  });
});
