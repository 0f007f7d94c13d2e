import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import jsonLogic from "json-logic-js";
import { compileCriteriaSet, evaluate, rollupUnits } from "../src/index";
import { buildBenchSet, buildCommunes, REGIONS } from "./synthetic";

/**
 * pnpm bench: 10 000 synthetic communes × 75 indicators, timed for (a) explained verdicts,
 * (b) the roll-up fast path, (c) a plain hand-written loop, (d) json-logic-js on the same rules.
 * Each path runs in its own process: measured in one process, whichever path runs first
 * changes how V8 optimises the others (up to 60 % apart), so the ratios would depend on order.
 */

const UNITS = 10_000;
const AS_OF = "2024-12-31";
const RUNS = 15;
type Path = "a" | "b" | "c" | "d";

function measure(path: Path): { ms: number; met: number } {
  const { set, indicators } = buildBenchSet();
  const compiled = compileCriteriaSet(set);
  const communes = buildCommunes(UNITS, indicators);
  const inputs = communes.map((c) => ({ unit: c.unit, values: c.values }));

  // (c) Thresholds pre-flattened per region (2024 column of the income table), same value objects.
  const flat = REGIONS.map((_, r) =>
    indicators.map((ind) => (ind.byRegion[r] ?? 0) + 2 * ind.yearStep),
  );
  const codes = indicators.map((i) => i.code);
  const hand = () => {
    let met = 0;
    for (const c of communes) {
      const thresholds = flat[c.region] as number[];
      for (let i = 0; i < codes.length; i++) {
        const v = c.values[codes[i] as string];
        const ind = indicators[i];
        if (!v || !ind) continue;
        const t = thresholds[i] as number;
        let ok: boolean;
        if (v.kind === "boolean") ok = v.value;
        else if (v.kind === "level") ok = v.value !== "tb";
        else if (v.kind === "ratio") ok = v.numerator * 100 >= t * v.denominator;
        else if (v.kind === "number") ok = ind.comparator === "gte" ? v.value >= t : v.value <= t;
        else ok = false;
        if (ok) met++;
      }
    }
    return met;
  };

  // (d) The same rules in json-logic, data flattened to plain fields beforehand (untimed).
  const rulesByRegion = flat.map((thresholds) =>
    indicators.map((ind, i) => {
      const key = `i${i}`;
      const t = thresholds[i] as number;
      if (ind.kind === "boolean") return { "==": [{ var: key }, true] };
      if (ind.kind === "level") return { ">=": [{ var: key }, 1] };
      if (ind.kind === "ratio")
        return { ">=": [{ "*": [{ "/": [{ var: `${key}n` }, { var: `${key}d` }] }, 100] }, t] };
      return { [ind.comparator === "gte" ? ">=" : "<="]: [{ var: key }, t] };
    }),
  );
  const LEVEL_RANK: Record<string, number> = { tb: 0, kha: 1, tot: 2 };
  const flatData = communes.map((c) => {
    const data: Record<string, unknown> = {};
    indicators.forEach((ind, i) => {
      const v = c.values[ind.code];
      if (!v) return;
      if (v.kind === "ratio") {
        data[`i${i}n`] = v.numerator;
        data[`i${i}d`] = v.denominator;
      } else if (v.kind === "level") data[`i${i}`] = LEVEL_RANK[v.value];
      else if (v.kind !== "not_applicable") data[`i${i}`] = v.value;
    });
    return data;
  });
  const logic = () => {
    let met = 0;
    communes.forEach((c, u) => {
      for (const rule of rulesByRegion[c.region] ?? [])
        if (jsonLogic.apply(rule as jsonLogic.RulesLogic, flatData[u])) met++;
    });
    return met;
  };

  const fns: Record<Path, () => number> = {
    a: () => {
      let met = 0;
      for (const c of communes) met += evaluate(compiled, c.unit, c.values, AS_OF).indicatorsMet;
      return met;
    },
    b: () => {
      const r = rollupUnits(compiled, inputs, AS_OF);
      return r.byScore.reduce((sum, g) => sum + g.indicatorsMet * g.count, 0);
    },
    c: hand,
    d: logic,
  };
  const fn = fns[path];
  let met = fn(); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < (path === "d" ? 3 : RUNS); r++) {
    const start = performance.now();
    met = fn();
    samples.push(performance.now() - start);
  }
  samples.sort((x, y) => x - y);
  return { ms: samples[Math.floor(samples.length / 2)] ?? 0, met };
}

const only = process.argv[2] as Path | undefined;
if (only) {
  process.stdout.write(JSON.stringify(measure(only)));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (path: Path) =>
    JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, self, path], { encoding: "utf8" }),
    ) as { ms: number; met: number };
  const results = { a: run("a"), b: run("b"), c: run("c"), d: run("d") };
  const verdicts = UNITS * 75;
  const ns = (ms: number) => (ms * 1e6) / verdicts;
  const hand = ns(results.c.ms);
  const row = (name: string, r: { ms: number; met: number }) =>
    `| ${name.padEnd(34)} | ${r.ms.toFixed(1).padStart(9)} | ${ns(r.ms).toFixed(1).padStart(11)} | ${(ns(r.ms) / hand).toFixed(2).padStart(9)} | ${String(r.met).padStart(9)} |`;
  console.log(`\n${UNITS} communes × 75 indicators = ${verdicts} indicator verdicts per run`);
  console.log(
    `median of ${RUNS} runs after a warm-up (json-logic: 3), each path in its own process\n`,
  );
  console.log(
    `| ${"path".padEnd(34)} | ${"ms".padStart(9)} | ${"ns/verdict".padStart(11)} | ${"× hand".padStart(9)} | ${"met".padStart(9)} |`,
  );
  console.log(
    `|${"-".repeat(36)}|${"-".repeat(11)}|${"-".repeat(13)}|${"-".repeat(11)}|${"-".repeat(11)}|`,
  );
  console.log(row("(a) evaluate, explained verdicts", results.a));
  console.log(row("(b) rollupUnits (roll-up path)", results.b));
  console.log(row("(c) hand-written loop", results.c));
  console.log(row("(d) json-logic-js, same rules", results.d));
  const ratio = ns(results.b.ms) / hand;
  console.log(
    `\nGoals: roll-up ≤ 2.5× hand loop → ${ratio.toFixed(2)}× ${ratio <= 2.5 ? "OK" : "MISSED"}; ` +
      `explained verdicts for ${UNITS} communes ≤ 300 ms → ${results.a.ms.toFixed(0)} ms ${results.a.ms <= 300 ? "OK" : "MISSED"}`,
  );
  const mets = new Set(Object.values(results).map((r) => r.met));
  if (mets.size !== 1)
    console.warn(`The paths disagree on indicators met: ${[...mets].join(", ")}`);
}
