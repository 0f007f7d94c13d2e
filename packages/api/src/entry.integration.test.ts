import {
  findReport,
  getStoredVerdict,
  getUnitRef,
  THANH_HOA_VILLAGE_ROLLUP_SET_ID,
  THANH_HOA_VILLAGE_SET_ID,
  VILLAGE_CULTURAL_HOUSE,
} from "@datchuan/db";
import { evaluateEntry, type IndicatorValue, valuesBefore } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";
import { publishDemoVillageSets } from "./testing/village-sets";

const NTM = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.XUAN-MINH";
const VILLAGE = "THO-XUAN.XUAN-MINH.THON-1";
/** A value as it comes back over JSON. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);

  async function save(
    user: string,
    unitCode: string,
    setId: string,
    code: string,
    value: IndicatorValue,
  ) {
    const caller = await env.as(user);
    const current = await caller.report.entry({ unitCode, setId, period: value.period });
    const stored = current.values.find((v) => v.indicatorCode === code);
    return caller.report.saveValue({
      unitCode,
      setId,
      period: value.period,
      indicatorCode: code,
      value,
      expectedRowVersion: stored?.rowVersion ?? null,
    });
  }

  async function storedVerdict(unitCode: string, setId: string, period: string) {
    const unit = await getUnitRef(env.handle.db, unitCode);
    const report = await findReport(env.handle.db, { unitId: unit!.id, setId, period });
    return (await getStoredVerdict(env.handle.db, report!.id))?.verdict;
  }

  it("gives the page what the server judges by: the browser's verdict equals the stored one", async () => {
    await save("xa.xuanminh", COMMUNE, NTM, "3.1", { kind: "number", period: "2024", value: 85 });
    await save("xa.xuanminh", COMMUNE, NTM, "3.2", {
      kind: "boolean",
      period: "2024-04",
      value: true,
    });
    await save("xa.xuanminh", COMMUNE, NTM, "3.2", {
      kind: "boolean",
      period: "2024-05",
      value: false,
    });
    await save("xa.xuanminh", COMMUNE, NTM, "17.1", {
      kind: "ratio",
      period: "2024-05",
      numerator: 400,
      denominator: 1000,
    });
    const context = plain(
      await (await env.as("xa.xuanminh")).report.entry({
        unitCode: COMMUNE,
        setId: NTM,
        period: "2024-05",
      }),
    );
    expect(context.setId).toBe(NTM);
    expect(context.asOf).toBe("2024-05-31");
    expect(context.dueDate).toBe("2024-06-25");
    expect(context.entryBlock).toBeNull();
    expect(context.values.map((v) => v.indicatorCode)).toEqual(["17.1", "3.2"]);
    // Other periods only: the page lays its own typed values over these.
    expect(context.history.every((o) => o.value.period !== "2024-05")).toBe(true);
    const current = Object.fromEntries(context.values.map((v) => [v.indicatorCode, v.value]));
    const verdict = evaluateEntry({ ...context, current, children: context.children ?? undefined });
    expect(verdict).toEqual(plain(await storedVerdict(COMMUNE, NTM, "2024-05")));
    // The value in force before May: April's.
    expect(valuesBefore(context.tree, context.history, "2024-05")["3.2"]).toMatchObject({
      period: "2024-04",
      value: true,
    });
  });

  it("lists the sets a unit enters in a period, and says why a submitted report takes no values", async () => {
    const officer = await env.as("xa.xuanminh");
    const sets = await officer.report.entrySets({ unitCode: COMMUNE, period: "2024-05" });
    expect(sets[0]).toMatchObject({ setId: NTM, reported: true });
    expect(sets.map((s) => s.setId)).not.toContain("ntm-xa-2026-2030");
    const report = (
      await officer.report.entry({ unitCode: COMMUNE, setId: NTM, period: "2024-05" })
    ).report!;
    await officer.report.submit({
      unitCode: COMMUNE,
      setId: NTM,
      period: "2024-05",
      expectedRowVersion: report.rowVersion,
    });
    const after = await officer.report.entry({ unitCode: COMMUNE, setId: NTM, period: "2024-05" });
    expect(after.entryBlock?.kind).toBe("under_review");
    expect(after.entryBlock?.message).toContain("đang chờ thẩm định");
  });

  it("gives a commune its villages' values in force, and keeps a village officer to the village", async () => {
    await publishDemoVillageSets(await env.as("quantri"));
    const villager = await env.as("thon1.xuanminh");
    const villageSets = await villager.report.entrySets({ unitCode: VILLAGE, period: "2024-06" });
    expect(villageSets.map((s) => s.setId)).toEqual([THANH_HOA_VILLAGE_SET_ID]);
    await expect(
      villager.report.entry({
        unitCode: COMMUNE,
        setId: THANH_HOA_VILLAGE_ROLLUP_SET_ID,
        period: "2024-06",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A share of villages needs every village: the commune officer enters the others, who have one.
    const villages = await (await env.as(null)).unit.children({ code: COMMUNE });
    for (const village of villages.filter((v) => v.code !== VILLAGE))
      await save("xa.xuanminh", village.code, THANH_HOA_VILLAGE_SET_ID, VILLAGE_CULTURAL_HOUSE, {
        kind: "boolean",
        period: "2024-06",
        value: true,
      });
    const judged = async () => {
      const context = plain(
        await (await env.as("xa.xuanminh")).report.entry({
          unitCode: COMMUNE,
          setId: THANH_HOA_VILLAGE_ROLLUP_SET_ID,
          period: "2024-06",
        }),
      );
      const verdict = evaluateEntry({ ...context, current: {}, children: context.children ?? [] });
      return {
        context,
        derived: verdict.criteria[0]?.indicators[0],
        criterion: verdict.criteria[0],
      };
    };
    expect((await judged()).derived).toMatchObject({
      status: "missing",
      reason: "children_missing",
    });
    await save("thon1.xuanminh", VILLAGE, THANH_HOA_VILLAGE_SET_ID, VILLAGE_CULTURAL_HOUSE, {
      kind: "boolean",
      period: "2024-06",
      value: true,
    });
    const { context, derived, criterion } = await judged();
    expect(
      context.children?.find((c) => c.code === VILLAGE)?.values[VILLAGE_CULTURAL_HOUSE],
    ).toMatchObject({
      value: true,
    });
    expect(derived).toMatchObject({
      status: "met",
      value: { kind: "ratio", numerator: villages.length, denominator: villages.length },
    });
    expect(criterion?.status).toBe("met");
  });
});
