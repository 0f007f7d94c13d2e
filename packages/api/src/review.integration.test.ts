import { readFileSync } from "node:fs";
import { run } from "@datchuan/cli/run";
import { findReport, getStoredVerdict, getUnitRef, listVerdictOutlines } from "@datchuan/db";
import { storedVerdict } from "@datchuan/db/schema";
import type { IndicatorValue } from "@datchuan/domain";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

const SET = "xa-thu-tong-hop";
const provenance = { source: "dữ liệu thử", verified: false };
const CODES = ["1.1", "2.1", "3.1", "4.1", "5.1"] as const;

/** Five criteria of one indicator each, 2.1 a share (≥ 80 %), criterion 5 critical. Test data. */
const testSet = {
  id: SET,
  version: "2024-01-01",
  title: "Bộ tiêu chí xã tổng hợp (thử)",
  level: "commune",
  effective: { from: "2024-01-01", to: "2025-12-31" },
  legalBasis: [{ source: "Quyết định thử" }],
  groups: [{ id: "I", name: "Thử" }],
  revocation: { criticalCriteria: [5], provenance },
  criteria: CODES.map((code, k) => ({
    number: k + 1,
    name: ["Quy hoạch", "Giao thông", "Thủy lợi", "Điện", "An ninh"][k]!,
    group: "I",
    provenance,
    indicators: [
      code === "2.1"
        ? {
            code,
            name: "Tỷ lệ đường được cứng hóa",
            unitOfMeasure: "%",
            kind: "percentage",
            comparator: "gte",
            thresholds: [{ value: 80, provenance }],
            provenance,
          }
        : {
            code,
            name: `Chỉ tiêu ${code}`,
            unitOfMeasure: "",
            kind: "boolean",
            thresholds: [{ value: true, provenance }],
            provenance,
          },
    ],
  })),
};

type Figures = Record<(typeof CODES)[number], boolean | number>;
interface Filing {
  unit: string;
  period: string;
  figures: Figures;
  accepted: boolean;
}

const all = (share: number): Figures => ({
  "1.1": true,
  "2.1": share,
  "3.1": true,
  "4.1": true,
  "5.1": true,
});
const X = (name: string) => `THO-XUAN.${name}`;

/** What the test files: accepted reports for 2024 and 2025, and one working report. */
const FILINGS: Filing[] = [
  { unit: X("XUAN-MINH"), period: "2024", figures: all(81), accepted: true },
  { unit: X("XUAN-TIN"), period: "2024", figures: all(95), accepted: true },
  { unit: X("TRUONG-XUAN"), period: "2024", figures: all(95), accepted: true },
  {
    unit: X("XUAN-LAP"),
    period: "2024",
    figures: { ...all(70), "1.1": false },
    accepted: true,
  },
  { unit: X("XUAN-HONG"), period: "2024", figures: { ...all(90), "5.1": false }, accepted: true },
  { unit: X("XUAN-PHU"), period: "2024", figures: all(99), accepted: false },
  {
    unit: X("XUAN-MINH"),
    period: "2025",
    figures: { ...all(70), "1.1": false },
    accepted: true,
  },
  {
    unit: X("XUAN-TIN"),
    period: "2025",
    figures: { ...all(95), "4.1": false, "5.1": false },
    accepted: true,
  },
  {
    unit: X("TRUONG-XUAN"),
    period: "2025",
    figures: { ...all(70), "1.1": false, "3.1": false },
    accepted: true,
  },
  { unit: X("XUAN-LAP"), period: "2025", figures: all(85), accepted: true },
];

// The test's own count, from the figures and the thresholds it wrote: not from the server.
const meets = (v: boolean | number) => (typeof v === "boolean" ? v : v >= 80);
const metCodes = (f: Figures) => CODES.filter((c) => meets(f[c]));
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function standingOn(asOf: string, working: boolean): Map<string, Filing> {
  const latest = new Map<string, Filing>();
  for (const f of FILINGS)
    if ((f.accepted || working) && `${f.period}-12-31` <= asOf) {
      const before = latest.get(f.unit);
      if (!before || before.period < f.period) latest.set(f.unit, f);
    }
  return latest;
}

function expectedByScore(standing: Map<string, Filing>) {
  const groups = new Map<number, string[]>();
  for (const [unit, f] of standing) {
    const met = metCodes(f.figures).length;
    groups.set(met, [...(groups.get(met) ?? []), unit]);
  }
  return [...groups]
    .sort((a, b) => b[0] - a[0])
    .map(([met, units]) => ({
      criteriaMet: met,
      count: units.length,
      units: units.sort(),
      text: `${pad(units.length)} xã đạt ${met}/5 tiêu chí, ${met}/5 chỉ tiêu`,
    }));
}

function expectedFailing(standing: Map<string, Filing>) {
  return CODES.flatMap((code, k) => {
    const units = [...standing]
      .filter(([, f]) => !meets(f.figures[code]))
      .map(([u]) => u)
      .sort();
    return units.length ? [{ number: k + 1, code, units }] : [];
  });
}

/** QĐ 18/2022 by hand: ≥ 50 % of criteria failed, or ≥ 30 % with the critical criterion 5. */
function expectedRevoked(asOf: string) {
  const recognised = new Set(
    FILINGS.filter(
      (f) => f.accepted && `${f.period}-12-31` <= asOf && metCodes(f.figures).length === 5,
    ).map((f) => f.unit),
  );
  const revoked = [...standingOn(asOf, false)]
    .filter(([unit, f]) => {
      const failed = 5 - metCodes(f.figures).length;
      return recognised.has(unit) && (failed >= 2.5 || (failed >= 1.5 && !meets(f.figures["5.1"])));
    })
    .map(([unit]) => unit)
    .sort();
  return { recognised: recognised.size, revoked };
}

function figureValue(period: string, figure: boolean | number): IndicatorValue {
  return typeof figure === "boolean"
    ? { kind: "boolean", period, value: figure }
    : { kind: "number", period, value: figure };
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);

  async function file(filing: Filing) {
    const admin = await env.as("quantri");
    const key = { unitCode: filing.unit, setId: SET, period: filing.period };
    for (const code of CODES)
      await admin.report.saveValue({
        ...key,
        indicatorCode: code,
        value: figureValue(filing.period, filing.figures[code]),
        expectedRowVersion: null,
      });
    if (!filing.accepted) return;
    const draft = (await admin.report.get(key))!;
    await admin.report.submit({ ...key, expectedRowVersion: draft.report.rowVersion });
    for (const value of (await admin.report.get(key))!.values)
      await admin.report.review({
        valueId: value.id,
        decision: "accepted",
        expectedRowVersion: value.rowVersion,
      });
    expect((await admin.report.get(key))?.report.status).toBe("accepted");
  }

  it("files the test set's reports for six of the 22 communes", async () => {
    const admin = await env.as("quantri");
    const draft = await admin.criteriaSet.createDraft({ definition: testSet, ownerUnitCode: null });
    await admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
    for (const filing of FILINGS) await file(filing);
    // Recognition is a decision: the office records one where a signed verdict first met the set.
    const recognised = new Set<string>();
    for (const filing of [...FILINGS].sort((a, b) => a.period.localeCompare(b.period))) {
      if (!filing.accepted || metCodes(filing.figures).length !== 5 || recognised.has(filing.unit))
        continue;
      recognised.add(filing.unit);
      await admin.recognition.recordDecision({
        unitCode: filing.unit,
        setId: SET,
        level: "ntm",
        number: `${recognised.size}/QĐ-UBND (thử)`,
        decidedOn: `${filing.period}-12-31`,
        signer: "Chủ tịch UBND tỉnh (thử)",
      });
    }
  });

  it("rolls up the district's signed verdicts on a date, as the test counts them", async () => {
    const review = await (await env.as(null)).review.standing({
      unitCode: "THO-XUAN",
      setId: SET,
      asOf: "2024-12-31",
    });
    const standing = standingOn("2024-12-31", false);
    expect(review.communes).toBe(22);
    expect(review.units.map((u) => u.code).sort()).toEqual([...standing.keys()].sort());
    expect(review.notReported).toHaveLength(22 - standing.size);
    expect(review.units.every((u) => u.signed)).toBe(true);
    expect(review.rollups).toHaveLength(1);
    const [rollup] = review.rollups;
    expect(
      rollup!.byScore.map((g) => ({
        criteriaMet: g.criteriaMet,
        count: g.count,
        units: [...g.units].sort(),
        text: g.text,
      })),
    ).toEqual(expectedByScore(standing));
    expect(rollup!.byScore[0]?.text).toBe("03 xã đạt 5/5 tiêu chí, 5/5 chỉ tiêu");

    const failing = expectedFailing(standing);
    expect(
      rollup!.failingByCriterion.map((f) => ({ number: f.number, units: [...f.units].sort() })),
    ).toEqual(failing.map(({ number, units }) => ({ number, units })));
    expect(
      rollup!.failingByIndicator.map((f) => ({ code: f.code, units: [...f.units].sort() })),
    ).toEqual(failing.map(({ code, units }) => ({ code, units })));

    const met = [...standing.values()].map((f) => metCodes(f.figures).length);
    const total = met.reduce((a, b) => a + b, 0);
    expect(rollup!.criteriaMetTotal).toBe(total);
    expect(rollup!.criteriaMetAverage).toBeCloseTo(total / standing.size, 9);
    const meeting = met.filter((m) => m === 5).length;
    expect(rollup!.unitsMeetingStandard).toBe(meeting);
    expect(rollup!.shareMeetingStandard).toBeCloseTo((meeting * 100) / standing.size, 9);
    // Ranked by distance to the standard: criteria to go never decreases down the list.
    const toGo = rollup!.ranking.map((r) => r.criteriaToGo);
    expect(toGo).toEqual([...met].map((m) => 5 - m).sort((a, b) => a - b));

    // 81 % against ≥ 80 % is within the 2-point fragile margin; 95 % and 90 % are not.
    expect(review.fragile).toEqual([
      { code: "2.1", criterion: 2, units: [X("XUAN-MINH")], count: 1 },
    ]);
    expect(review.revocation.recognised).toBe(expectedRevoked("2024-12-31").recognised);
    expect(review.revocation.inZone).toEqual([]);
  });

  it("shows working verdicts only to readers of drafts", async () => {
    await expect(
      (await env.as(null)).review.standing({
        unitCode: "THO-XUAN",
        setId: SET,
        asOf: "2024-12-31",
        working: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const review = await (await env.as("huyen.thoxuan")).review.standing({
      unitCode: "THO-XUAN",
      setId: SET,
      asOf: "2024-12-31",
      working: true,
    });
    const standing = standingOn("2024-12-31", true);
    expect(review.units.map((u) => u.code).sort()).toEqual([...standing.keys()].sort());
    expect(review.units.find((u) => u.code === X("XUAN-PHU"))?.signed).toBe(false);
    expect(review.rollups[0]?.unitsMeetingStandard).toBe(
      [...standing.values()].filter((f) => metCodes(f.figures).length === 5).length,
    );
  });

  it("says what regressed and improved since an earlier date, and who is in the revocation zone", async () => {
    const review = await (await env.as(null)).review.standing({
      unitCode: "THO-XUAN",
      setId: SET,
      asOf: "2025-12-31",
      since: "2024-12-31",
    });
    const before = standingOn("2024-12-31", false);
    const after = standingOn("2025-12-31", false);
    const expected = [...after]
      .flatMap(([unit, now]) => {
        const then = before.get(unit);
        if (!then) return [];
        const regressed = CODES.filter((c) => meets(then.figures[c]) && !meets(now.figures[c]));
        const improved = CODES.filter((c) => !meets(then.figures[c]) && meets(now.figures[c]));
        return regressed.length || improved.length ? [{ unit, regressed, improved }] : [];
      })
      .sort((a, b) => a.unit.localeCompare(b.unit));
    expect(
      review.changes
        .map((c) => ({
          unit: c.unit,
          regressed: c.regressed.filter((x) => x.level === "indicator").map((x) => x.code),
          improved: c.improved.filter((x) => x.level === "indicator").map((x) => x.code),
        }))
        .sort((a, b) => a.unit.localeCompare(b.unit)),
    ).toEqual(expected);
    // XUAN-HONG filed nothing in 2025: its 2024 verdict still stands on 31/12/2025.
    expect(review.units.find((u) => u.code === X("XUAN-HONG"))?.period).toBe("2024");

    const { recognised, revoked } = expectedRevoked("2025-12-31");
    expect(review.revocation.recognised).toBe(recognised);
    expect(
      review.revocation.inZone
        .filter((a) => a.assessment.status === "revoke")
        .map((a) => a.unit)
        .sort(),
    ).toEqual(revoked);
    expect(review.revocation.district).toMatchObject({
      total: 22,
      revoked: revoked.length,
      status: revoked.length * 100 >= 30 * 22 ? "revoke" : "keep",
    });
  });

  it("reads the same for the province and for a cluster of its members", async () => {
    const province = await (await env.as(null)).review.standing({
      unitCode: "THANH-HOA",
      setId: SET,
      asOf: "2024-12-31",
    });
    expect(province.communes).toBe(22);
    expect(province.units).toHaveLength(standingOn("2024-12-31", false).size);

    const cluster = await (await env.as("huyen.thoxuan")).unit.createCluster({
      ownerCode: "THO-XUAN",
      name: "Cụm thử",
      memberCodes: [X("XUAN-MINH"), X("XUAN-HONG"), X("THO-DIEN")],
    });
    const review = await (await env.as(null)).review.standing({
      clusterId: cluster.id,
      setId: SET,
      asOf: "2024-12-31",
    });
    expect(review.communes).toBe(3);
    expect(review.units.map((u) => u.code).sort()).toEqual([X("XUAN-HONG"), X("XUAN-MINH")]);
    expect(review.notReported).toEqual([expect.objectContaining({ code: X("THO-DIEN") })]);
  });

  it("checks QĐ 320's shares: every commune NTM, at least 10 % nâng cao", async () => {
    const result = await (await env.as(null)).review.districtConditions({
      unitCode: "THO-XUAN",
      asOf: "2025-12-31",
      ntmSetId: SET,
    });
    const meeting = [...standingOn("2025-12-31", false).values()].filter(
      (f) => metCodes(f.figures).length === 5,
    ).length;
    expect(result.communes).toBe(22);
    expect(result.conditions[0]).toMatchObject({
      status: "not_met",
      unitsMeeting: meeting,
      units: 22,
    });
    // No nâng cao report was filed.
    expect(result.conditions[1]?.status).toBe("missing");
  });

  it("judges as the CLI does, given the same units and values", async () => {
    const units = [...new Set(FILINGS.map((f) => f.unit))];
    const files: Record<string, string> = {
      "set.json": JSON.stringify(testSet),
      "units.csv": ["code,name", ...units.map((u) => `${u},${u}`)].join("\n"),
      "values.csv": [
        "unit_code,indicator_code,period,value",
        ...FILINGS.flatMap((f) => CODES.map((c) => `${f.unit},${c},${f.period},${f.figures[c]}`)),
      ].join("\n"),
    };
    for (const period of ["2024", "2025"]) {
      let out = "";
      const code = await run(
        [
          "evaluate",
          "--set",
          "set.json",
          "--units",
          "units.csv",
          "--values",
          "values.csv",
          "--as-of",
          `${period}-12-31`,
          "--format",
          "json",
        ],
        {
          readFile: async (path) => files[path] ?? Promise.reject(new Error(path)),
          stdout: (text) => {
            out += text;
          },
          stderr: () => {},
        },
      );
      expect(code).toBe(0);
      const cli = JSON.parse(out) as {
        units: Array<{
          code: string;
          standardMet: boolean;
          criteria: { met: number };
          indicators: { met: number };
          verdicts: Array<{ indicator: string; status: string }>;
        }>;
      };
      const filed = FILINGS.filter((f) => f.period === period);
      expect(filed.length).toBeGreaterThan(0);
      for (const filing of filed) {
        const unit = await getUnitRef(env.handle.db, filing.unit);
        const report = await findReport(env.handle.db, { unitId: unit!.id, setId: SET, period });
        const server = (await getStoredVerdict(env.handle.db, report!.id))!.verdict;
        const mine = cli.units.find((u) => u.code === filing.unit)!;
        expect({
          unit: filing.unit,
          met: mine.standardMet,
          criteria: mine.criteria.met,
          indicators: mine.indicators.met,
          statuses: Object.fromEntries(mine.verdicts.map((v) => [v.indicator, v.status])),
        }).toEqual({
          unit: filing.unit,
          met: server.status === "met",
          criteria: server.criteriaMet,
          indicators: server.indicatorsMet,
          statuses: Object.fromEntries(
            server.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i.status]),
          ),
        });
      }
    }
  });

  it("keeps each verdict's statuses in rows SQL can count, as the explained verdict has them", async () => {
    const db = env.handle.db;
    async function expectOutlinesAsExplained() {
      const verdicts = await db
        .select({ id: storedVerdict.id, verdict: storedVerdict.verdict })
        .from(storedVerdict);
      const outlines = await listVerdictOutlines(
        db,
        verdicts.map((v) => v.id),
      );
      for (const { id, verdict } of verdicts)
        expect(outlines.get(id)).toEqual(
          verdict.criteria.map((c) => ({
            number: c.number,
            status: c.status,
            indicators: c.indicators.map((i) => ({
              code: i.code,
              status: i.status,
              fragile: i.status === "met" && i.fragile,
            })),
          })),
        );
      return verdicts.length;
    }
    expect(await expectOutlinesAsExplained()).toBeGreaterThanOrEqual(FILINGS.length);

    // How many communes fail each criterion in their signed 2024 verdicts, counted by SQL.
    const result = await db.execute(sql`
      select o.criterion, count(*)::int as communes from stored_verdict_outcome o
      join stored_verdict v on v.id = o.verdict_id join report r on r.id = v.report_id
      where r.set_id = ${SET} and r.period = '2024' and v.signed_at is not null
        and o.indicator is null and o.status = 'not_met'
      group by o.criterion order by o.criterion`);
    expect((result as unknown as { rows: unknown[] }).rows).toEqual(
      expectedFailing(standingOn("2024-12-31", false)).map((f) => ({
        criterion: f.number,
        communes: f.units.length,
      })),
    );

    // Verdicts stored before the table existed get their rows from the migration's backfill.
    const migration = readFileSync(
      new URL("../../db/drizzle/0004_verdict_outcomes.sql", import.meta.url),
      "utf8",
    );
    await db.execute(sql`delete from stored_verdict_outcome`);
    await db.execute(sql.raw(migration.split("--> statement-breakpoint").at(-1)!));
    expect(await expectOutlinesAsExplained()).toBeGreaterThanOrEqual(FILINGS.length);
  });
});
