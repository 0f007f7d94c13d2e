import {
  COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE,
  COMMUNE_VILLAGE_PLAN,
  findReport,
  getStoredVerdict,
  getUnitRef,
  THANH_HOA_VILLAGE_ROLLUP_SET_ID,
  THANH_HOA_VILLAGE_SET_ID,
  VILLAGE_CULTURAL_HOUSE,
} from "@datchuan/db";
import type { IndicatorValue, IndicatorVerdict, SetVerdict } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { evaluateAndStore } from "./services/evaluation";
import { testDatabases, useTestDatabase } from "./testing";
import { publishDemoVillageSets } from "./testing/village-sets";

const NTM = "ntm-xa-2021-2025";
const VILLAGES = THANH_HOA_VILLAGE_SET_ID;
const ROLLUP = THANH_HOA_VILLAGE_ROLLUP_SET_ID;
const HOUSE = VILLAGE_CULTURAL_HOUSE;
const SHARE = COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE;

function indicatorOf(verdict: SetVerdict | undefined, code: string): IndicatorVerdict | undefined {
  return verdict?.criteria.flatMap((c) => c.indicators).find((i) => i.code === code);
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);

  async function save(unitCode: string, setId: string, code: string, value: IndicatorValue) {
    const caller = await env.as("quantri");
    const current = await caller.report.get({ unitCode, setId, period: value.period });
    const stored = current?.values.find((v) => v.indicatorCode === code);
    return caller.report.saveValue({
      unitCode,
      setId,
      period: value.period,
      indicatorCode: code,
      value,
      expectedRowVersion: stored?.rowVersion ?? null,
    });
  }

  async function verdictOf(unitCode: string, setId: string, period: string) {
    const unit = await getUnitRef(env.handle.db, unitCode);
    const report = await findReport(env.handle.db, { unitId: unit!.id, setId, period });
    return report ? (await getStoredVerdict(env.handle.db, report.id))?.verdict : undefined;
  }

  describe("a unit's standing on a date", () => {
    const commune = "THO-XUAN.XUAN-MINH";

    it("judges a monthly report by every value in force on its date, yearly figures included", async () => {
      // A June figure is entered first: it must not count for May.
      await save(commune, NTM, "19.1", { kind: "boolean", period: "2024-06", value: true });
      await save(commune, NTM, "7", { kind: "boolean", period: "2023", value: true });
      await save(commune, NTM, "3.1", { kind: "number", period: "2024", value: 85 });
      await save(commune, NTM, "1.1", { kind: "boolean", period: "2024", value: true });
      await save(commune, NTM, "3.2", { kind: "boolean", period: "2024-05", value: true });

      const may = await verdictOf(commune, NTM, "2024-05");
      expect(may?.asOf).toBe("2024-05-31");
      // The yearly figures of 2024 are in force in May: entered in the year's report, counted.
      expect(indicatorOf(may, "3.1")).toMatchObject({ status: "met", value: { period: "2024" } });
      expect(indicatorOf(may, SHARE)).toMatchObject({ status: "met" });
      expect(indicatorOf(may, "3.2")).toMatchObject({ status: "met" });
      expect(may?.criteria.find((c) => c.number === 3)?.status).toBe("met");
      // 2023's figure lapsed on 31/12/2023: stale, not missing.
      expect(indicatorOf(may, "7")).toMatchObject({ status: "stale" });
      // June had not begun on 31 May.
      expect(indicatorOf(may, "19.1")?.status).toBe("missing");
      // June's report was judged before the year's figures came: saving them judged it again.
      expect(indicatorOf(await verdictOf(commune, NTM, "2024-06"), "3.1")?.status).toBe("met");

      // A year's figure entered after May's report re-judges May too.
      await save(commune, NTM, "8.1", { kind: "boolean", period: "2024", value: true });
      expect(indicatorOf(await verdictOf(commune, NTM, "2024-05"), "8.1")?.status).toBe("met");
      // …but not 2023's report, which ended before 2024 began.
      expect(indicatorOf(await verdictOf(commune, NTM, "2023"), "8.1")?.status).toBe("missing");
    });

    // PGlite runs one transaction at a time: only PostgreSQL can show a deadlock or a lost verdict.
    it.runIf(database.name === "PostgreSQL")(
      "takes saves of the year and of its months at once without deadlock, every verdict current",
      async () => {
        const months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];
        const yearly = ["1.1", "1.2", "6.1", "6.2", "8.1"];
        const communes = (await (await env.as(null)).unit.children({ code: "THO-XUAN" }))
          .slice(10, 14)
          .map((c) => c.code);
        for (const unitCode of communes) {
          for (const period of months)
            await save(unitCode, NTM, "7", { kind: "boolean", period, value: true });
          const writers = await Promise.all([...yearly, ...months].map(() => env.as("quantri")));
          const saves = [
            ...yearly.map((indicatorCode) => ({ indicatorCode, period: "2024" })),
            ...months.map((period) => ({ indicatorCode: "3.2", period })),
          ];
          const outcomes = await Promise.allSettled(
            saves.map(({ indicatorCode, period }, i) =>
              writers[i]!.report.saveValue({
                unitCode,
                setId: NTM,
                period,
                indicatorCode,
                value: { kind: "boolean", period, value: true },
                expectedRowVersion: null,
              }),
            ),
          );
          expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
          for (const period of months) {
            const stored = await verdictOf(unitCode, NTM, period);
            for (const code of [...yearly, "3.2", "7"])
              expect([period, code, indicatorOf(stored, code)?.status]).toEqual([
                period,
                code,
                "met",
              ]);
            const unit = await getUnitRef(env.handle.db, unitCode);
            const report = await findReport(env.handle.db, {
              unitId: unit!.id,
              setId: NTM,
              period,
            });
            const fresh = await env.handle.db.transaction((tx) => evaluateAndStore(tx, report!));
            expect(stored).toEqual(fresh);
          }
        }
      },
    );
  });

  describe("roll-up of villages into their commune", () => {
    const commune = "THO-XUAN.XUAN-HONG";

    it("publishes the demo's village sets", async () => {
      await publishDemoVillageSets(await env.as("quantri"));
    });

    it("re-judges the commune's reports of the period when a village's value changes", async () => {
      const villages = (await (await env.as(null)).unit.children({ code: commune })).map(
        (v) => v.code,
      );
      expect(villages.length).toBeGreaterThanOrEqual(4);
      await save(commune, ROLLUP, COMMUNE_VILLAGE_PLAN, {
        kind: "boolean",
        period: "2024",
        value: true,
      });
      await save(commune, ROLLUP, COMMUNE_VILLAGE_PLAN, {
        kind: "boolean",
        period: "2023",
        value: true,
      });
      expect(indicatorOf(await verdictOf(commune, ROLLUP, "2024"), SHARE)?.status).toBe("missing");

      for (const village of villages)
        await save(village, VILLAGES, HOUSE, { kind: "boolean", period: "2024", value: true });
      const all = await verdictOf(commune, ROLLUP, "2024");
      expect(indicatorOf(all, SHARE)).toMatchObject({ status: "met", measured: 100 });
      expect(all?.status).toBe("met");

      // Two villages lose their house: the share is (n − 2)/n, met or not by the 70 % threshold.
      await save(villages[0]!, VILLAGES, HOUSE, { kind: "boolean", period: "2024", value: false });
      await save(villages[1]!, VILLAGES, HOUSE, { kind: "boolean", period: "2024", value: false });
      const two = await verdictOf(commune, ROLLUP, "2024");
      const share = ((villages.length - 2) * 100) / villages.length;
      const derived = indicatorOf(two, SHARE);
      expect(derived && "measured" in derived ? derived.measured : undefined).toBeCloseTo(share, 6);
      expect(indicatorOf(two, SHARE)?.status).toBe(share >= 70 ? "met" : "not_met");

      // 2023's report ends before 2024 begins: village figures of 2024 say nothing about it.
      expect(indicatorOf(await verdictOf(commune, ROLLUP, "2023"), SHARE)?.status).toBe("missing");
    });
  });

  describe("a changed attribute", () => {
    const commune = "THO-XUAN.XUAN-TIN";

    it("re-judges the unit's reports from the date it takes effect", async () => {
      // 15.3 (stunting, ≤): 25 % in the North Central region, 16,5 % in the Red River Delta.
      await save(commune, NTM, "15.3", { kind: "number", period: "2024", value: 20 });
      expect(indicatorOf(await verdictOf(commune, NTM, "2024"), "15.3")?.status).toBe("met");

      const admin = await env.as("huyen.thoxuan");
      const later = await admin.unit.setAttribute({
        code: commune,
        name: "region",
        value: "DBSH",
        effectiveFrom: "2025-01-01",
        expected: { value: "BTB", effectiveFrom: "2022-03-08" },
      });
      expect(later.reevaluatedReports).toBe(0);
      expect(indicatorOf(await verdictOf(commune, NTM, "2024"), "15.3")?.status).toBe("met");

      const earlier = await admin.unit.setAttribute({
        code: commune,
        name: "region",
        value: "DBSH",
        effectiveFrom: "2024-06-01",
        expected: { value: "BTB", effectiveFrom: "2022-03-08" },
      });
      expect(earlier.reevaluatedReports).toBe(1);
      expect(indicatorOf(await verdictOf(commune, NTM, "2024"), "15.3")).toMatchObject({
        status: "not_met",
        threshold: { value: 16.5 },
      });
    });
  });
});
