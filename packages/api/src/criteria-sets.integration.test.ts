import { getStoredVerdict, getUnitAttributes, getUnitRef, listRoleAssignments } from "@datchuan/db";
import { storedVerdict, unitAttribute } from "@datchuan/db/schema";
import type { IndicatorVerdict, SetVerdict } from "@datchuan/domain";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadJudgingSet } from "./services/criteria-sets";
import { runPendingJobs } from "./services/reevaluation";
import { testDatabases, useTestDatabase } from "./testing";

const NTM = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.XUAN-MINH";
const provenance = { source: "dữ liệu thử", verified: false };

/** The national set with one threshold changed, as a new version. Test data only. */
function nationalVersion(version: string, code: string, value: number, from = "2022-03-08") {
  const { official: _note, ...set } = getOfficialCriteriaSet(NTM)!;
  const criteria = set.criteria.map((criterion) => ({
    ...criterion,
    indicators: criterion.indicators.map((indicator) =>
      indicator.code === code ? { ...indicator, thresholds: [{ value, provenance }] } : indicator,
    ),
  }));
  return { ...set, version, effective: { ...set.effective, from }, criteria };
}

/** Thọ Xuân's adaptation: clean water 17.1 at 60 % from 2024, everything else national. */
function thoXuanAdaptation(id = "ntm-xa-tho-xuan", adapts = NTM) {
  const water = getOfficialCriteriaSet(NTM)!.criteria.find((c) => c.number === 17)!;
  const indicator = water.indicators.find((i) => i.code === "17.1")!;
  return {
    id,
    version: "2024-01-01",
    title: "Bộ tiêu chí xã NTM huyện Thọ Xuân (thử)",
    level: "commune" as const,
    effective: { from: "2024-01-01", to: "2025-12-31" },
    legalBasis: [{ source: "Quyết định thử của UBND huyện" }],
    adapts: { id: adapts },
    groups: [],
    criteria: [
      {
        number: 17,
        name: water.name,
        group: water.group,
        provenance,
        indicators: [{ ...indicator, thresholds: [{ value: 60, provenance }] }],
      },
    ],
  };
}

function indicatorOf(verdict: SetVerdict | undefined, code: string): IndicatorVerdict | undefined {
  return verdict?.criteria.flatMap((c) => c.indicators).find((i) => i.code === code);
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  async function saveValue(
    period: string,
    indicatorCode: string,
    value: number | boolean,
    setId = NTM,
  ) {
    return (await as("xa.xuanminh")).report.saveValue({
      unitCode: COMMUNE,
      setId,
      period,
      indicatorCode,
      value:
        typeof value === "boolean"
          ? { kind: "boolean", period, value }
          : { kind: "number", period, value },
      expectedRowVersion: null,
    });
  }

  async function storedVerdictOf(period: string) {
    const report = (await (
      await as("xa.xuanminh")
    ).report.get({
      unitCode: COMMUNE,
      setId: NTM,
      period,
    }))!.report;
    return (await getStoredVerdict(env.handle.db, report.id))!;
  }

  async function publishDraft(username: string, definition: unknown, ownerUnitCode: string | null) {
    const caller = await as(username);
    const draft = await caller.criteriaSet.createDraft({ definition, ownerUnitCode });
    return caller.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
  }

  it("keeps the national set's versions to system admins, whatever owner a district names", async () => {
    const district = await as("huyen.thoxuan");
    const hijack = nationalVersion("2099-01-01", "17.1", 99, "2099-01-01");
    for (const ownerUnitCode of ["THO-XUAN", null]) {
      await expect(
        district.criteriaSet.createDraft({ definition: hijack, ownerUnitCode }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/quốc gia/u) });
    }
    // A system admin may not move a set to another owner either.
    await expect(
      (await as("quantri")).criteriaSet.createDraft({
        definition: hijack,
        ownerUnitCode: "THO-XUAN",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("judges by the version in force on the report's date, not the one published last", async () => {
    await saveValue("2023", "17.1", 50);
    const published = await publishDraft(
      "quantri",
      nationalVersion("2099-01-01", "17.1", 99, "2099-01-01"),
      null,
    );
    expect(published.reevaluation.total).toBeGreaterThanOrEqual(1);
    await runPendingJobs(env.handle.db);
    const stored = await storedVerdictOf("2023");
    expect(stored).toMatchObject({ setId: NTM, setVersion: "2022-03-08" });
    // The 2022 set states no national share for 17.1 (the 45 % is one source's, region unknown);
    // the 2099 version would have judged 50 % against 99 % and said not met.
    expect(indicatorOf(stored.verdict, "17.1")).toMatchObject({ status: "no_threshold" });
  });

  it("judges a district's communes by its adaptation from the date it takes effect", async () => {
    const district = await as("huyen.thoxuan");
    const draft = await district.criteriaSet.createDraft({
      definition: thoXuanAdaptation(),
      ownerUnitCode: "THO-XUAN",
    });
    expect((await district.criteriaSet.list()).map((s) => s.id)).toContain(draft.id);
    expect((await (await as(null)).criteriaSet.list()).map((s) => s.id)).not.toContain(draft.id);
    await district.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });

    await saveValue("2024", "17.1", 50);
    const adapted = await storedVerdictOf("2024");
    expect(adapted).toMatchObject({ setId: "ntm-xa-tho-xuan", setVersion: "2024-01-01" });
    expect(indicatorOf(adapted.verdict, "17.1")).toMatchObject({
      status: "not_met",
      threshold: { value: 60 },
    });
    // Indicators the adaptation does not restate keep the national thresholds.
    expect(indicatorOf(adapted.verdict, "3.2")).toBeDefined();

    // 2023 is before the adaptation took effect: still the national set.
    expect(await storedVerdictOf("2023")).toMatchObject({ setId: NTM, setVersion: "2022-03-08" });

    // Naming the adaptation files the value in the same report of the programme.
    await saveValue("2024", "3.2", true, "ntm-xa-tho-xuan");
    const report = await district.report.get({ unitCode: COMMUNE, setId: NTM, period: "2024" });
    expect(report?.values.map((v) => v.indicatorCode)).toEqual(["17.1", "3.2"]);
    expect(report?.verdict?.set.id).toBe("ntm-xa-tho-xuan");
  });

  it("chains a district's adaptation onto its province's", async () => {
    const national = getOfficialCriteriaSet(NTM)!;
    const health = national.criteria.find((c) => c.number === 15)!;
    const insurance = health.indicators.find((i) => i.code === "15.1")!;
    const province = {
      ...thoXuanAdaptation("ntm-xa-thanh-hoa"),
      version: "2025-01-01",
      title: "Bộ tiêu chí xã NTM tỉnh Thanh Hóa (thử)",
      effective: { from: "2025-01-01", to: "2025-12-31" },
      criteria: [
        {
          number: 15,
          name: health.name,
          group: health.group,
          provenance,
          indicators: [{ ...insurance, thresholds: [{ value: 80, provenance }] }],
        },
      ],
    };
    await publishDraft("quantri", province, "THANH-HOA");
    // The district's next version adapts the province's set instead of the national one.
    await publishDraft(
      "huyen.thoxuan",
      {
        ...thoXuanAdaptation("ntm-xa-tho-xuan", "ntm-xa-thanh-hoa"),
        version: "2025-01-01",
        effective: { from: "2025-01-01", to: "2025-12-31" },
      },
      "THO-XUAN",
    );
    await saveValue("2025", "15.1", 70);
    await saveValue("2025", "17.1", 50);
    const chained = await storedVerdictOf("2025");
    expect(chained).toMatchObject({ setId: "ntm-xa-tho-xuan", setVersion: "2025-01-01" });
    expect(indicatorOf(chained.verdict, "15.1")).toMatchObject({
      status: "not_met",
      threshold: { value: 80 },
    });
    expect(indicatorOf(chained.verdict, "17.1")).toMatchObject({ threshold: { value: 60 } });
    // 2024 keeps the district's first version, which adapts the national set directly.
    expect(await storedVerdictOf("2024")).toMatchObject({ setVersion: "2024-01-01" });
  });

  it("refuses a district's draft under an id owned elsewhere, and an adaptation of nothing", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.criteriaSet.createDraft({
        definition: { ...thoXuanAdaptation(), id: "ntm-nang-cao-xa-2021-2025" },
        ownerUnitCode: "THO-XUAN",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/mã riêng/u) });
    await expect(
      district.criteriaSet.createDraft({
        definition: thoXuanAdaptation("ntm-xa-tho-xuan-2", "khong-co-bo-nay"),
        ownerUnitCode: "THO-XUAN",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/chưa ban hành/u),
    });
  });

  it("gives a set id one owner even when two drafts race for it", async () => {
    const admin = await as("quantri");
    const results = await Promise.allSettled(
      (["THANH-HOA", "THO-XUAN"] as const).map((ownerUnitCode, k) =>
        admin.criteriaSet.createDraft({
          definition: { ...nationalVersion(`v${k}`, "17.1", 50), id: "bo-tranh-chap" },
          ownerUnitCode,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "BAD_REQUEST" },
    });
  });

  it("shows and edits drafts only in their owner's subtree", async () => {
    const admin = await as("quantri");
    const national = await admin.criteriaSet.createDraft({
      definition: nationalVersion("2030-du-thao", "17.1", 70, "2030-01-01"),
      ownerUnitCode: null,
    });
    const district = await as("huyen.thoxuan");
    expect((await district.criteriaSet.list()).map((s) => s.id)).not.toContain(national.id);
    await expect(district.criteriaSet.get({ id: national.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      district.criteriaSet.updateDraft({
        id: national.id,
        definition: nationalVersion("2030-du-thao", "17.1", 10, "2030-01-01"),
        expectedRowVersion: national.rowVersion,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      district.criteriaSet.publish({ id: national.id, expectedRowVersion: national.rowVersion }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await admin.criteriaSet.list()).map((s) => s.id)).toContain(national.id);
  });

  it("saves values under the kiểu mẫu set, compiled with the nâng cao set it refers to", async () => {
    const saved = await saveValue("2024", "2", 80, "ntm-kieu-mau-xa-2021-2025");
    expect(saved.verdictSummary).toMatch(/tiêu chí/u);
    const report = await (await as("xa.xuanminh")).report.get({
      unitCode: COMMUNE,
      setId: "ntm-kieu-mau-xa-2021-2025",
      period: "2024",
    });
    const income = indicatorOf(report?.verdict ?? undefined, "2");
    // 110 % of the nâng cao income threshold, which nobody has confirmed yet.
    expect(income).toMatchObject({
      status: "no_threshold",
      threshold: { reason: { relativeTo: { set: "ntm-nang-cao-xa-2021-2025", percent: 110 } } },
    });
  });

  it("compiles a stored version once and reuses it", async () => {
    const params = { setId: NTM, unitPath: "/THANH-HOA/THO-XUAN/", asOf: "2024-12-31" };
    const first = await loadJudgingSet(env.handle.db, params);
    const second = await loadJudgingSet(env.handle.db, params);
    expect(first?.row.setId).toBe("ntm-xa-tho-xuan");
    expect(second?.compiled).toBe(first?.compiled);
  });

  it("keeps the signed verdict of an accepted report when a new version is published", async () => {
    const key = { unitCode: COMMUNE, setId: NTM, period: "2022" };
    const officer = await as("xa.xuanminh");
    await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: { kind: "number", period: "2022", value: 90 },
      expectedRowVersion: null,
    });
    const draft = (await officer.report.get(key))!;
    await officer.report.submit({ ...key, expectedRowVersion: draft.report.rowVersion });
    const value = (await officer.report.get(key))!.values[0]!;
    const accepted = await (await as("yte.thoxuan")).report.review({
      valueId: value.id,
      decision: "accepted",
      expectedRowVersion: value.rowVersion,
    });
    expect(accepted.report).toMatchObject({ status: "accepted", locked: true });
    const signed = await storedVerdictOf("2022");
    expect(signed.signedAt).not.toBeNull();
    expect(indicatorOf(signed.verdict, "15.1")?.status).toBe("no_threshold");

    // An amendment of the 2022 version (same start): it judges 2022 from now on. Each publish's
    // re-evaluation runs before the next publish (a job judges by the version in force then).
    for (const version of ["2022-03-08-sua-doi", "2022-03-08-sua-doi-2"]) {
      await publishDraft("quantri", nationalVersion(version, "15.1", 95), null);
      await runPendingJobs(env.handle.db);
    }

    const shown = await (await as(null)).report.get(key);
    expect(shown?.verdict?.set.version).toBe("2022-03-08");
    expect(indicatorOf(shown?.verdict ?? undefined, "15.1")?.status).toBe("no_threshold");
    expect(shown?.verdicts.map((v) => [v.setVersion, v.signedAt !== null, v.shown])).toEqual([
      ["2022-03-08", true, true],
      ["2022-03-08-sua-doi", false, false],
      ["2022-03-08-sua-doi-2", false, false],
    ]);
    const still = await getStoredVerdict(env.handle.db, draft.report.id);
    expect(still).toMatchObject({ id: signed.id, evaluatedAt: signed.evaluatedAt });

    const states = await (await as("huyen.thoxuan")).report.states({
      scopeCode: "THO-XUAN",
      setId: NTM,
      period: "2022",
    });
    expect(states.find((s) => s.unitCode === COMMUNE)?.verdictSummary).toBe(signed.summary);

    const history = await (await as(null)).report.history({ unitCode: COMMUNE, setId: NTM });
    expect(history.filter((h) => h.period === "2022").map((h) => h.setVersion)).toEqual([
      "2022-03-08",
      "2022-03-08-sua-doi",
      "2022-03-08-sua-doi-2",
    ]);
    const newest = history.find((h) => h.setVersion === "2022-03-08-sua-doi-2");
    expect(newest?.evaluatedAt).toBeInstanceOf(Date);
    const [rejudged] = await env.handle.db
      .select()
      .from(storedVerdict)
      .where(eq(storedVerdict.id, newest!.id));
    expect(indicatorOf(rejudged?.verdict, "15.1")).toMatchObject({
      status: "not_met",
      threshold: { value: 95 },
    });

    // Reopened and corrected: the newest version judges the new value; the signature stays.
    const reopened = await (await as("huyen.thoxuan")).report.reopen({
      reportId: draft.report.id,
      reason: "Sửa số liệu BHYT",
      expectedRowVersion: accepted.report!.rowVersion,
    });
    expect(reopened.locked).toBe(false);
    const current = (await officer.report.get(key))!.values[0]!;
    await officer.report.saveValue({
      ...key,
      indicatorCode: "15.1",
      value: { kind: "number", period: "2022", value: 96 },
      expectedRowVersion: current.rowVersion,
    });
    const corrected = await officer.report.get(key);
    expect(indicatorOf(corrected?.verdict ?? undefined, "15.1")).toMatchObject({ status: "met" });
    expect(corrected?.verdicts.map((v) => [v.setVersion, v.signedAt !== null])).toEqual([
      ["2022-03-08", true],
      ["2022-03-08-sua-doi", false],
      ["2022-03-08-sua-doi-2", false],
    ]);
    expect(await getStoredVerdict(env.handle.db, draft.report.id)).not.toMatchObject({
      id: signed.id,
    });
  });

  describe("unit attributes and departments", () => {
    it("takes only the codes the sets declare, one value per date, in NFC", async () => {
      const district = await as("huyen.thoxuan");
      const attribute = { code: COMMUNE, name: "special_status", effectiveFrom: "2030-01-01" };
      await expect(
        district.unit.setAttribute({ ...attribute, value: "dbkkk", expected: null }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/none, dbkk, atk/u),
      });
      await district.unit.setAttribute({ ...attribute, value: "dbkk", expected: null });
      // A correction on the same date replaces the value instead of hiding behind it.
      await district.unit.setAttribute({
        ...attribute,
        value: "none",
        expected: { value: "dbkk", effectiveFrom: attribute.effectiveFrom },
      });
      const unit = (await getUnitRef(env.handle.db, COMMUNE))!;
      expect(await getUnitAttributes(env.handle.db, unit.id, "2030-12-31")).toMatchObject({
        special_status: "none",
      });
      const rows = await env.handle.db
        .select()
        .from(unitAttribute)
        .where(and(eq(unitAttribute.unitId, unit.id), eq(unitAttribute.name, "special_status")));
      expect(rows).toHaveLength(1);

      // An attribute no set declares stays free, but is stored in one Unicode form.
      await district.unit.setAttribute({
        ...attribute,
        name: "ghi_chu",
        value: "Xã Hoà".normalize("NFD"),
        expected: null,
      });
      expect((await getUnitAttributes(env.handle.db, unit.id, "2030-12-31")).ghi_chu).toBe(
        "Xã Hoà".normalize("NFC"),
      );
    });

    it("stores department names in NFC, so a reviewer typed either way reviews the same criteria", async () => {
      const admin = await as("quantri");
      const user = await admin.user.create({
        username: "yte.nfd",
        displayName: "Thử NFD",
        password: "mat-khau-du-dai",
        role: "reviewer",
        scopeCode: "THO-XUAN",
        department: "Y tế".normalize("NFD"),
      });
      const roles = await listRoleAssignments(env.handle.db, user.id);
      expect(roles[0]?.department).toBe("Y tế".normalize("NFC"));
    });
  });
});
