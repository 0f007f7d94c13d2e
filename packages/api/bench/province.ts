import { randomUUID } from "node:crypto";
import {
  type Database,
  hashPassword,
  insertRoleAssignment,
  insertUser,
  verdictOutcomeRows,
} from "@datchuan/db";
import {
  indicatorValue,
  report,
  storedVerdict,
  storedVerdictOutcome,
  unit,
  unitAttribute,
} from "@datchuan/db/schema";
import {
  type CompiledCriteriaSet,
  evaluate,
  foldForSearch,
  type IndicatorValue,
  periodValidUntil,
  periodYear,
  valuesInForce,
} from "@datchuan/domain";
import { loadJudgingSet } from "../src/services/criteria-sets";

/**
 * A made-up province for `pnpm bench:api`, written straight into the database with bulk inserts:
 * districts of 20 communes, 10 villages per commune, a commune's values for the national NTM set
 * over five years (2021's before the set took effect, so unjudged), a few values missing and a
 * few failing per commune, every judged period's verdict evaluated by the domain exactly as the
 * API does (values in force up to the date) and stored with its outcome rows. All periods are
 * accepted and signed except the last, a draft the write cases save into.
 */

export const SET_ID = "ntm-xa-2021-2025";
export const PROVINCE = "BENCH";
export const BENCH_PASSWORD = "bench-only-password";
/** The judged periods; the first has values but no set in force, the last is a draft. */
const PERIODS = ["2021-12", "2022-12", "2023-12", "2024-12", "2025-06"] as const;
export const DRAFT_PERIOD = "2025-06";
export const ACCEPTED_PERIOD = "2024-12";
const COMMUNES_PER_DISTRICT = 20;
const VILLAGES_PER_COMMUNE = 10;
const CHUNK = 500;

export interface GeneratedProvince {
  districts: string[];
  communes: string[];
  villages: number;
  reports: number;
  values: number;
  verdicts: number;
  /** The commune whose draft report the write cases save into, and its officer. */
  writeCommune: string;
  officer: string;
  admin: string;
  seconds: number;
}

/** A small deterministic PRNG (mulberry32): the same province on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let k = 0; k < rows.length; k += CHUNK) await insert(rows.slice(k, k + CHUNK) as T[]);
}

/** A value on the passing or failing side of the threshold judging the unit that year. */
function valueFor(
  compiled: CompiledCriteriaSet,
  code: string,
  period: string,
  pass: boolean,
  spread: number,
): IndicatorValue | undefined {
  const ci = compiled.indicators[compiled.indicatorIndex.get(code)!]!;
  const entries = compiled.tables.entries(
    compiled.tables.profileOf({ region: "BTB" }),
    periodYear(period),
  );
  const threshold = entries[ci.index]?.applied;
  if (!threshold || threshold.value === null) return undefined;
  const t = threshold.value;
  const up = threshold.comparator === "gte" || threshold.comparator === "gt";
  if (typeof t === "boolean") return { kind: "boolean", period, value: pass ? t : !t };
  if (typeof t === "string") {
    const levels = ci.indicator.kind === "level" ? ci.indicator.levels.map((l) => l.code) : [];
    const rank = levels.indexOf(t);
    const value = pass ? t : levels[up ? rank - 1 : rank + 1];
    return value === undefined ? undefined : { kind: "level", period, value };
  }
  const step = ci.percent ? 3 + (spread % 5) : Math.max(1, t * (0.06 + (spread % 5) / 100));
  let value = Math.round((t + (pass ? 1 : -1) * (up ? 1 : -1) * step) * 10) / 10;
  if (ci.percent) value = Math.min(100, Math.max(0, value));
  if (ci.kind === "count") value = Math.max(0, Math.round(value));
  return { kind: "number", period, value };
}

export async function generateProvince(
  db: Database,
  options: { communes: number; log: (line: string) => void },
): Promise<GeneratedProvince> {
  const started = performance.now();
  const rand = random(13);
  const districtCount = Math.ceil(options.communes / COMMUNES_PER_DISTRICT);
  const provinceId = randomUUID();
  const units: Array<typeof unit.$inferInsert> = [
    {
      id: provinceId,
      code: PROVINCE,
      name: "Tỉnh đo tải",
      nameSearch: foldForSearch("Tỉnh đo tải"),
      level: "province",
      type: "tinh",
      path: `/${PROVINCE}/`,
    },
  ];
  const districts: string[] = [];
  const communes: Array<{ id: string; code: string; name: string; path: string }> = [];
  for (let d = 1; d <= districtCount; d++) {
    const code = `${PROVINCE}.H${String(d).padStart(3, "0")}`;
    const id = randomUUID();
    const path = `/${PROVINCE}/${code}/`;
    districts.push(code);
    units.push({
      id,
      code,
      name: `Huyện ${d}`,
      nameSearch: foldForSearch(`Huyện ${d}`),
      level: "district",
      type: "huyen",
      parentId: provinceId,
      path,
      sortOrder: d,
    });
    for (let c = 1; c <= COMMUNES_PER_DISTRICT && communes.length < options.communes; c++) {
      const commune = {
        id: randomUUID(),
        code: `${code}.X${String(c).padStart(2, "0")}`,
        name: `Xã ${d}-${c}`,
        path: "",
      };
      commune.path = `${path}${commune.code}/`;
      communes.push(commune);
      units.push({
        id: commune.id,
        code: commune.code,
        name: commune.name,
        nameSearch: foldForSearch(commune.name),
        level: "commune",
        type: "xa",
        parentId: id,
        path: commune.path,
        sortOrder: c,
      });
      for (let v = 1; v <= VILLAGES_PER_COMMUNE; v++) {
        const villageCode = `${commune.code}.T${String(v).padStart(2, "0")}`;
        units.push({
          code: villageCode,
          name: `Thôn ${v}`,
          nameSearch: foldForSearch(`Thôn ${v}`),
          level: "village",
          type: "thon",
          parentId: commune.id,
          path: `${commune.path}${villageCode}/`,
          sortOrder: v,
        });
      }
    }
  }
  await insertChunked(units, (rows) => db.insert(unit).values(rows));
  await insertChunked(communes, (rows) =>
    db.insert(unitAttribute).values(
      rows.map((c) => ({
        unitId: c.id,
        name: "region",
        value: "BTB",
        effectiveFrom: "2021-01-01",
      })),
    ),
  );
  options.log(`  ${units.length} units (${communes.length} communes) inserted`);

  // Accounts: a province admin reads the dashboards, a commune officer writes.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const admin = await insertUser(db, {
    username: "bench.tinh",
    displayName: "Đo tải — tỉnh",
    passwordHash,
  });
  await insertRoleAssignment(db, { userId: admin.id, role: "admin", scopeUnitId: provinceId });
  const writeCommune = communes[0]!;
  const officer = await insertUser(db, {
    username: "bench.xa",
    displayName: "Đo tải — xã",
    passwordHash,
  });
  await insertRoleAssignment(db, {
    userId: officer.id,
    role: "commune_officer",
    scopeUnitId: writeCommune.id,
  });

  const judging = new Map<string, NonNullable<Awaited<ReturnType<typeof loadJudgingSet>>>>();
  for (const period of PERIODS) {
    const loaded = await loadJudgingSet(db, {
      setId: SET_ID,
      unitPath: `/${PROVINCE}/`,
      asOf: periodValidUntil(period),
    });
    if (loaded) judging.set(period, loaded);
  }
  const anySet = [...judging.values()][0]!.compiled;
  const entered = anySet.indicators.filter((ci) => ci.entered).map((ci) => ci.code);

  let reports = 0;
  let values = 0;
  let verdicts = 0;
  // A district at a time: a few thousand rows per statement, memory bounded at country scale.
  for (let start = 0; start < communes.length; start += COMMUNES_PER_DISTRICT) {
    const reportRows: Array<typeof report.$inferInsert> = [];
    const valueRows: Array<typeof indicatorValue.$inferInsert> = [];
    const verdictRows: Array<typeof storedVerdict.$inferInsert> = [];
    const outcomes: Array<typeof storedVerdictOutcome.$inferInsert> = [];
    for (const commune of communes.slice(start, start + COMMUNES_PER_DISTRICT)) {
      // Each commune fails a few indicators, fewer as the years go on, and misses a few values.
      const weak = entered.filter(() => rand() < 0.08);
      const observations: Array<{ indicator: string; value: IndicatorValue }> = [];
      for (const [p, period] of PERIODS.entries()) {
        const draft = period === DRAFT_PERIOD;
        const reportId = randomUUID();
        reportRows.push({
          id: reportId,
          unitId: commune.id,
          setId: SET_ID,
          period,
          status: draft ? "draft" : "accepted",
          locked: !draft,
          submittedAt: draft ? null : new Date(`${periodValidUntil(period)}T03:00:00Z`),
        });
        const compiled = judging.get(period)?.compiled ?? anySet;
        for (const code of entered) {
          if (rand() < 0.03) continue; // not reported this period
          const pass = !weak.includes(code) || rand() < p * 0.2;
          const value = valueFor(compiled, code, period, pass, Math.floor(rand() * 100));
          if (!value) continue;
          observations.push({ indicator: code, value });
          valueRows.push({
            reportId,
            indicatorCode: code,
            value,
            reviewStatus: draft ? "draft" : "accepted",
            enteredBy: officer.id,
          });
        }
        const set = judging.get(period);
        if (!set) continue;
        const asOf = periodValidUntil(period);
        const verdict = evaluate(
          set.compiled,
          { code: commune.code, name: commune.name, attributes: { region: "BTB" } },
          valuesInForce(set.compiled, observations, asOf),
          asOf,
        );
        const verdictId = randomUUID();
        verdictRows.push({
          id: verdictId,
          reportId,
          setRowId: set.row.id,
          setId: verdict.set.id,
          setVersion: verdict.set.version,
          basis: set.basis,
          asOf: verdict.asOf,
          status: verdict.status,
          criteriaMet: verdict.criteriaMet,
          criteriaTotal: verdict.criteriaTotal,
          indicatorsMet: verdict.indicatorsMet,
          indicatorsTotal: verdict.indicatorsTotal,
          summary: verdict.summary,
          verdict,
          evaluatedAt: new Date(`${asOf}T02:00:00Z`),
          signedAt: draft ? null : new Date(`${asOf}T04:00:00Z`),
        });
        outcomes.push(...verdictOutcomeRows(verdictId, verdict));
      }
    }
    await db.transaction(async (tx) => {
      await insertChunked(reportRows, (rows) => tx.insert(report).values(rows));
      await insertChunked(valueRows, (rows) => tx.insert(indicatorValue).values(rows));
      // Explained verdicts are ~50 KB each: fewer per statement.
      for (let k = 0; k < verdictRows.length; k += 25)
        await tx.insert(storedVerdict).values(verdictRows.slice(k, k + 25));
      await insertChunked(outcomes, (rows) => tx.insert(storedVerdictOutcome).values(rows));
    });
    reports += reportRows.length;
    values += valueRows.length;
    verdicts += verdictRows.length;
    if (
      (start / COMMUNES_PER_DISTRICT) % 10 === 9 ||
      start + COMMUNES_PER_DISTRICT >= communes.length
    )
      options.log(
        `  ${Math.min(start + COMMUNES_PER_DISTRICT, communes.length)}/${communes.length} communes: ${reports} reports, ${values} values, ${verdicts} verdicts`,
      );
  }
  return {
    districts,
    communes: communes.map((c) => c.code),
    villages: communes.length * VILLAGES_PER_COMMUNE,
    reports,
    values,
    verdicts,
    writeCommune: writeCommune.code,
    officer: "bench.xa",
    admin: "bench.tinh",
    seconds: (performance.now() - started) / 1000,
  };
}
