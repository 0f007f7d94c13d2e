import { listAuditEvents } from "@datchuan/db";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { describe, expect, it } from "vitest";
import { runPendingJobs } from "./services/reevaluation";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * Reviewing a criteria set around publishing (criteriaSet.previewImpact) and the threshold
 * worklist with its one audited verify action (criteriaSet.thresholdWorklist, verifyThreshold),
 * on the full demo: Thọ Xuân's communes judged by Thanh Hóa's illustrative adaptation.
 */

const NTM = "ntm-xa-2021-2025";
const THANH_HOA = "thanh-hoa-ntm-xa-2021-2025-minh-hoa";
const REVIEW_DATE = "2023-05-19";
const COMMUNE = "THO-XUAN.XUAN-MINH";
const provenance = { source: "Quyết định thử của UBND huyện", verified: false };

/** Thọ Xuân's adaptation of Thanh Hóa's set: BHYT 15.1 tightened to 100 %. Test data only. */
function tightened(version = "2022-thu") {
  const health = getOfficialCriteriaSet(NTM)!.criteria.find((c) => c.number === 15)!;
  const insurance = health.indicators.find((i) => i.code === "15.1")!;
  return {
    id: "ntm-xa-tho-xuan-thu",
    version,
    title: "Bộ tiêu chí xã NTM huyện Thọ Xuân (thử)",
    level: "commune" as const,
    effective: { from: "2022-03-08", to: "2025-12-31" },
    legalBasis: [{ source: "Quyết định thử của UBND huyện" }],
    adapts: { id: THANH_HOA },
    groups: [],
    criteria: [
      {
        number: 15,
        name: health.name,
        group: health.group,
        provenance,
        indicators: [{ ...insurance, thresholds: [{ value: 100, provenance }] }],
      },
    ],
  };
}

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  let drafts = 0;
  /** Each test's draft is a version of its own: the database is shared by the file. */
  async function draftOf(definition = tightened(`2022-thu-${++drafts}`)) {
    return (await as("huyen.thoxuan")).criteriaSet.createDraft({
      definition,
      ownerUnitCode: "THO-XUAN",
    });
  }

  /** The communes failing criterion 15 (health) in the district's standing on a date. */
  async function failingCriterion15(asOf: string, working: boolean) {
    const review = await (await as("huyen.thoxuan")).review.standing({
      unitCode: "THO-XUAN",
      setId: NTM,
      asOf,
      working,
    });
    return review.rollups
      .flatMap((r) => r.failingByCriterion)
      .filter((c) => c.number === 15)
      .flatMap((c) => c.units);
  }

  it("previews which communes a tightened threshold flips, then publishing flips them", async () => {
    const district = await as("huyen.thoxuan");
    const draft = await draftOf();
    const preview = await district.criteriaSet.previewImpact({ id: draft.id, date: REVIEW_DATE });
    expect(preview.programme).toBe(NTM);
    expect(preview.units.length).toBe(12);
    expect(preview.units.every((u) => u.governed && u.judgedBy.setId === THANH_HOA)).toBe(true);
    expect(preview.flipped).toBeGreaterThan(0);
    const flipped = preview.units.filter((u) => u.flips);
    for (const unit of flipped) {
      expect(unit.criteria).toEqual([
        expect.objectContaining({ number: 15, before: "met", after: "not_met" }),
      ]);
      expect(unit.indicators).toEqual([
        expect.objectContaining({
          code: "15.1",
          before: "met",
          after: "not_met",
          thresholdAfter: 100,
        }),
      ]);
      expect(unit.after.criteriaMet).toBe(unit.before.criteriaMet - 1);
    }
    // On 19/05/2023 every report is accepted and signed: each flip waits for a new review.
    expect(flipped.every((u) => u.shown === "signed")).toBe(true);
    expect(preview.flippedKeptSigned).toBe(preview.flipped);
    expect(preview.flippedOnPublish).toBe(0);
    // A date before any accepted report: nothing to judge.
    const early = await district.criteriaSet.previewImpact({ id: draft.id, date: "2022-01-01" });
    expect(early.units).toEqual([]);
    expect(early.withoutReport).toBeGreaterThan(0);

    // Accepted reports keep the verdict that was signed; a working report of Xuân Minh's shows
    // the change once the published version has judged it again.
    const period = "2024-06";
    await (await as("xa.xuanminh")).report.saveValue({
      unitCode: COMMUNE,
      setId: NTM,
      period,
      indicatorCode: "15.1",
      value: { kind: "number", period, value: 95 },
      expectedRowVersion: null,
    });
    const onDate = "2024-06-30";
    const later = await district.criteriaSet.previewImpact({ id: draft.id, date: onDate });
    expect(later.units.find((u) => u.code === COMMUNE)).toMatchObject({
      period,
      flips: true,
      shown: "working",
    });
    const laterFlips = later.units.filter((u) => u.flips);
    const working = laterFlips.filter((u) => u.shown === "working").map((u) => u.code);
    const signed = laterFlips.filter((u) => u.shown === "signed").map((u) => u.code);
    expect(signed.length).toBeGreaterThan(0);
    expect(later.flippedOnPublish).toBe(working.length);
    expect(later.flippedKeptSigned).toBe(signed.length);
    expect(await failingCriterion15(onDate, true)).not.toContain(COMMUNE);

    await district.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
    await runPendingJobs(env.handle.db);
    // What the preview said: the working flips show at once, the signed ones do not.
    const failingAfter = await failingCriterion15(onDate, true);
    for (const code of working) expect(failingAfter).toContain(code);
    for (const code of signed) expect(failingAfter).not.toContain(code);
    for (const unit of flipped)
      expect(await failingCriterion15(REVIEW_DATE, true)).not.toContain(unit.code);
    // The signed verdicts the public reads stay those that were signed.
    expect(await failingCriterion15(onDate, false)).not.toContain(COMMUNE);
  });

  it("refuses the preview to those who may not manage the set", async () => {
    const draft = await draftOf();
    await expect(
      (await as("yte.thoxuan")).criteriaSet.previewImpact({ id: draft.id, date: REVIEW_DATE }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      (await as(null)).criteriaSet.previewImpact({ id: draft.id, date: REVIEW_DATE }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const national = (await (await as("quantri")).criteriaSet.list()).find((s) => s.setId === NTM)!;
    await expect(
      (await as("huyen.thoxuan")).criteriaSet.previewImpact({
        id: national.id,
        date: REVIEW_DATE,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      (await as("huyen.thoxuan")).criteriaSet.previewImpact({
        id: "00000000-0000-4000-8000-000000000000",
        date: REVIEW_DATE,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists thresholds to verify; verifying one publishes a version, audited, and drops it", async () => {
    const district = await as("huyen.thoxuan");
    const draft = await draftOf();
    const published = await district.criteriaSet.publish({
      id: draft.id,
      expectedRowVersion: draft.rowVersion,
    });
    const worklist = await district.criteriaSet.thresholdWorklist();
    const byId = new Map(worklist.map((s) => [s.setId, s]));
    expect(byId.get(NTM)?.mayVerify).toBe(false);
    expect(byId.get(THANH_HOA)?.mayVerify).toBe(false);
    expect(byId.get(THANH_HOA)?.items.every((i) => i.problems.includes("illustrative"))).toBe(true);
    const own = byId.get("ntm-xa-tho-xuan-thu")!;
    expect(own).toMatchObject({ id: published.id, mayVerify: true });
    expect(own.items).toEqual([
      expect.objectContaining({
        indicator: "15.1",
        ruleIndex: 0,
        value: 100,
        problems: ["unverified"],
      }),
    ]);

    const verified = await district.criteriaSet.verifyThreshold({
      id: published.id,
      expectedRowVersion: published.rowVersion,
      indicator: "15.1",
      ruleIndex: 0,
      source: "Quyết định 123/QĐ-UBND huyện Thọ Xuân (thử)",
      article: "Điều 1",
      url: "https://example.org/qd-123",
    });
    expect(verified).toMatchObject({ status: "published", version: `${published.version}+kc1` });
    expect(verified.reevaluation?.total).toBeGreaterThan(0);
    const after = await district.criteriaSet.thresholdWorklist();
    const ownAfter = after.find((s) => s.setId === "ntm-xa-tho-xuan-thu")!;
    expect(ownAfter).toMatchObject({
      id: verified.id,
      version: `${published.version}+kc1`,
      items: [],
    });
    const stored = await district.criteriaSet.get({ id: verified.id });
    expect(JSON.stringify(stored.definition)).toContain("Điều 1");

    const events = await listAuditEvents(env.handle.db, {
      scopePath: "/THANH-HOA/THO-XUAN/",
      limit: 20,
    });
    const event = events.find((e) => e.action === "criteria_set.verify_threshold")!;
    expect(event.before).toMatchObject({
      indicator: "15.1",
      version: published.version,
      provenance: { verified: false },
    });
    expect(event.after).toMatchObject({
      version: `${published.version}+kc1`,
      provenance: { verified: true, article: "Điều 1", url: "https://example.org/qd-123" },
    });

    // The superseded version cannot be verified again: the current one is to be checked.
    await expect(
      district.criteriaSet.verifyThreshold({
        id: published.id,
        expectedRowVersion: published.rowVersion,
        indicator: "15.1",
        ruleIndex: 0,
        source: "QĐ khác",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps a district's hands off national and province sets, and refuses bad verifications", async () => {
    const district = await as("huyen.thoxuan");
    const worklist = await district.criteriaSet.thresholdWorklist();
    for (const setId of [NTM, THANH_HOA]) {
      const set = worklist.find((s) => s.setId === setId)!;
      const item = set.items[0]!;
      await expect(
        district.criteriaSet.verifyThreshold({
          id: set.id,
          expectedRowVersion: 1,
          indicator: item.indicator,
          ruleIndex: item.ruleIndex,
          source: "QĐ 318/QĐ-TTg",
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const admin = await as("quantri");
    const national = (await admin.criteriaSet.thresholdWorklist()).find((s) => s.setId === NTM)!;
    const empty = national.items.find((i) => i.problems.includes("empty"))!;
    const base = { id: national.id, indicator: empty.indicator, ruleIndex: empty.ruleIndex };
    const row = await admin.criteriaSet.get({ id: national.id });
    await expect(
      admin.criteriaSet.verifyThreshold({
        ...base,
        expectedRowVersion: row.rowVersion,
        source: "QĐ 318",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/chưa có giá trị/u),
      // The form shows it beside the value input.
      cause: { issues: [{ path: ["value"], message: expect.stringMatching(/chưa có giá trị/u) }] },
    });
    await expect(
      admin.criteriaSet.verifyThreshold({
        ...base,
        expectedRowVersion: row.rowVersion,
        source: "  ",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      admin.criteriaSet.verifyThreshold({
        ...base,
        expectedRowVersion: row.rowVersion + 5,
        source: "QĐ 318",
        value: 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("verifies a draft's threshold in place, under its row version", async () => {
    const district = await as("huyen.thoxuan");
    const draft = await draftOf();
    const result = await district.criteriaSet.verifyThreshold({
      id: draft.id,
      expectedRowVersion: draft.rowVersion,
      indicator: "15.1",
      ruleIndex: 0,
      source: "QĐ 123 (thử)",
    });
    expect(result).toMatchObject({ id: draft.id, status: "draft", reevaluation: null });
    const again = await district.criteriaSet.get({ id: draft.id });
    expect(again.rowVersion).toBe(draft.rowVersion + 1);
    await expect(
      district.criteriaSet.verifyThreshold({
        id: draft.id,
        expectedRowVersion: draft.rowVersion,
        indicator: "15.1",
        ruleIndex: 0,
        source: "QĐ 124 (thử)",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
