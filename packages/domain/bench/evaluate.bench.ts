import jsonLogic from "json-logic-js";
import { compileCriteriaSet, evaluate, rollupUnits } from "../src/index";
import { buildBenchSet, buildCommunes, REGIONS } from "./synthetic";

/**
 * pnpm bench: 10 000 synthetic communes × 75 indicators, timed in one run for (a) explained
 * verdicts, (b) the roll-up fast path, (c) a plain hand-written loop, (d) json-logic-js.
 */

const UNITS = 10_000;
const AS_OF = "2024-12-31";
const { set, indicators } = buildBenchSet();
const compiled = compileCriteriaSet(set);
const communes = buildCommunes(UNITS, indicators);
const verdictsPerRun = UNITS * indicators.length;

function time(runs: number, fn: () => number): { ms: number; check: number } {
  fn(); // warm-up
  const samples: number[] = [];
  let check = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    check = fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)] ?? 0, check };
}

// (a) Full explained verdicts.
const full = time(5, () => {
  let met = 0;
  for (const c of communes) met += evaluate(compiled, c.unit, c.values, AS_OF).indicatorsMet;
  return met;
});

// (b) Roll-up path.
const inputs = communes.map((c) => ({ unit: c.unit, values: c.values }));
const roll = time(5, () => {
  const r = rollupUnits(compiled, inputs, AS_OF);
  return r.byScore.reduce((sum, g) => sum + g.indicatorsMet * g.count, 0);
});

// (c) Hand loop: thresholds pre-flattened per region, same value objects, criteria met counted.
const YEAR_OFFSET = 2; // 2024 in the 2022–2025 income table
const flat = REGIONS.map((_, r) =>
  indicators.map((ind) => (ind.byRegion[r] ?? 0) + YEAR_OFFSET * ind.yearStep),
);
const codes = indicators.map((i) => i.code);
const criterionOf = indicators.map((i) => Number(i.code.split(".")[0]) - 1);
const hand = time(5, () => {
  let met = 0;
  let criteriaMet = 0;
  const failed = new Uint8Array(19);
  for (const c of communes) {
    const thresholds = flat[c.region] as number[];
    failed.fill(0);
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
      else failed[criterionOf[i] as number] = 1;
    }
    for (let k = 0; k < 19; k++) if (failed[k] === 0) criteriaMet++;
  }
  return met + criteriaMet * 0;
});

// (d) json-logic-js on the same rules (data flattened to plain fields beforehand, untimed).
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
const logic = time(3, () => {
  let met = 0;
  communes.forEach((c, u) => {
    const rules = rulesByRegion[c.region] ?? [];
    const data = flatData[u];
    for (const rule of rules) if (jsonLogic.apply(rule as jsonLogic.RulesLogic, data)) met++;
  });
  return met;
});

const ns = (ms: number) => (ms * 1e6) / verdictsPerRun;
const row = (name: string, r: { ms: number; check: number }) =>
  `| ${name.padEnd(34)} | ${r.ms.toFixed(1).padStart(9)} | ${ns(r.ms).toFixed(1).padStart(11)} | ${(ns(r.ms) / ns(hand.ms)).toFixed(2).padStart(9)} | ${String(r.check).padStart(9)} |`;

console.log(
  `\n${UNITS} communes × ${indicators.length} indicators = ${verdictsPerRun} indicator verdicts per run (median)\n`,
);
console.log(
  `| ${"path".padEnd(34)} | ${"ms".padStart(9)} | ${"ns/verdict".padStart(11)} | ${"× hand".padStart(9)} | ${"met".padStart(9)} |`,
);
console.log(
  `|${"-".repeat(36)}|${"-".repeat(11)}|${"-".repeat(13)}|${"-".repeat(11)}|${"-".repeat(11)}|`,
);
console.log(row("(a) evaluate, explained verdicts", full));
console.log(row("(b) rollupUnits (roll-up path)", roll));
console.log(row("(c) hand-written loop", hand));
console.log(row("(d) json-logic-js, same rules", logic));
console.log(
  `\nGoals: roll-up ≤ 2.5× hand loop → ${(ns(roll.ms) / ns(hand.ms)).toFixed(2)}× ${ns(roll.ms) / ns(hand.ms) <= 2.5 ? "OK" : "MISSED"}; ` +
    `explained verdicts for ${UNITS} communes ≤ 300 ms → ${full.ms.toFixed(0)} ms ${full.ms <= 300 ? "OK" : "MISSED"}`,
);
if (full.check !== roll.check || roll.check !== hand.check)
  console.warn(
    `Met counts differ: evaluate ${full.check}, roll-up ${roll.check}, hand ${hand.check}`,
  );
