import {
  getSetDefinition,
  getStoredVerdict,
  getUnitAttributes,
  getUnitById,
  getUnitRef,
  listCriteriaSets,
  listReportStates,
  listReportValues,
  THANH_HOA_VILLAGE_ROLLUP_SET_ID,
  THANH_HOA_VILLAGE_SET_ID,
} from "@datchuan/db";
import { evaluate, periodValidUntil, rollup, type SetVerdict } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { loadJudgingSet } from "./services/criteria-sets";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * The full demo seed reproduces the Thọ Xuân district review of 19/05/2023 (seed article 000):
 * the signed verdicts of April 2023, re-evaluated here by the domain evaluator with the set the
 * server would choose, and rolled up, give the article's groups and counts. The expectations
 * are copied from the article, not from the seed's plan.
 */

const REVIEW_PERIOD = "2023-04";
const REVIEW_DATE = "2023-05-19";
const NTM = "ntm-xa-2021-2025";
const NANG_CAO = "ntm-nang-cao-xa-2021-2025";
const code = (name: string) =>
  `THO-XUAN.${name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/giu, "D")
    .toUpperCase()
    .replace(/ /gu, "-")}`;

/** "có 04 xã gồm: Xuân Minh, …, đạt 18/19 tiêu chí, 56/57 chỉ tiêu" and the rest, as printed. */
const NTM_GROUPS = [
  {
    criteria: 18,
    indicators: [56, 56],
    communes: ["Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"],
  },
  { criteria: 17, indicators: [54, 55], communes: ["Xuân Hồng", "Xuân Phú", "Thọ Diên"] },
  { criteria: 15, indicators: [51, 54], communes: ["Phú Xuân", "Xuân Hưng"] },
  { criteria: 13, indicators: [47, 49], communes: ["Xuân Phong", "Quảng Phú"] },
  { criteria: 12, indicators: [44, 44], communes: ["Thuận Minh"] },
];

/** "Các tiêu chí, chỉ tiêu chưa đạt": criterion number → communes. */
const NTM_FAILING = { 2: 5, 4: 2, 6: 5, 7: 2, 12: 1, 13: 4, 15: 3, 17: 12 };

/** The nâng cao list, for the criteria whose indicators the national set names (13, 14). */
const NANG_CAO_FAILING = { 13: 8, 14: 5 };
const NANG_CAO_GROUPS = [
  { criteria: 17, communes: ["Xuân Hòa"] },
  { criteria: 16, communes: ["Bắc Lương", "Tây Hồ"] },
  { criteria: 15, communes: ["Thọ Lập"] },
  { criteria: 14, communes: ["Xuân Trường", "Thọ Xương"] },
  { criteria: 12, communes: ["Xuân Bái", "Thọ Hải"] },
  { criteria: 10, communes: ["Xuân Giang", "Thọ Lâm"] },
];

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);

  async function signedReview(setId: string) {
    const db = env.handle.db;
    const states = await listReportStates(db, {
      scopePath: "/THANH-HOA/THO-XUAN/",
      level: "commune",
      setId,
      period: REVIEW_PERIOD,
      asOf: REVIEW_DATE,
    });
    const verdicts: SetVerdict[] = [];
    let judgingSet: Awaited<ReturnType<typeof loadJudgingSet>>;
    for (const state of states) {
      if (!state.reportId) continue;
      expect(state.status).toBe("accepted");
      const stored = (await getStoredVerdict(db, state.reportId))!;
      expect(stored.signedAt).not.toBeNull();
      const unit = (await getUnitById(db, (await getUnitRef(db, state.unitCode))!.id))!;
      const asOf = periodValidUntil(REVIEW_PERIOD);
      // The set the server would judge with now: Thanh Hóa's adaptation, on the same basis.
      const judging = (await loadJudgingSet(db, { setId, unitPath: unit.path, asOf }))!;
      expect(judging.basis).toBe(stored.basis);
      judgingSet = judging;
      const values = Object.fromEntries(
        (await listReportValues(db, state.reportId)).map((v) => [v.indicatorCode, v.value]),
      );
      const again = evaluate(
        judging.compiled,
        {
          code: unit.code,
          name: unit.name,
          attributes: await getUnitAttributes(db, unit.id, asOf),
        },
        values,
        asOf,
      );
      expect(again).toEqual(stored.verdict);
      verdicts.push(stored.verdict);
    }
    return { verdicts, judging: judgingSet! };
  }

  it("the April 2023 NTM verdicts give seed 000's 12 communes in its five groups", async () => {
    const { verdicts, judging } = await signedReview(NTM);
    expect(judging.row.setId).toBe("thanh-hoa-ntm-xa-2021-2025-minh-hoa");
    const review = rollup(judging.compiled, verdicts);
    expect(review.units).toBe(12);
    for (const group of NTM_GROUPS) {
      const units = review.ranking.filter((r) => r.criteriaMet === group.criteria);
      expect(units.map((u) => u.unit).sort()).toEqual(group.communes.map(code).sort());
      for (const g of review.byScore.filter((g) => g.criteriaMet === group.criteria)) {
        expect(g.criteriaTotal).toBe(19);
        expect(g.indicatorsTotal).toBe(57);
        expect(g.indicatorsMet).toBeGreaterThanOrEqual(group.indicators[0]!);
        expect(g.indicatorsMet).toBeLessThanOrEqual(group.indicators[1]!);
      }
    }
    expect(review.byScore[0]?.text).toBe("04 xã đạt 18/19 tiêu chí, 56/57 chỉ tiêu");
  });

  it("the public review of Thọ Xuân on 19/05/2023, read through the API, is seed 000's", async () => {
    const review = await (await env.as(null)).review.standing({
      unitCode: "THO-XUAN",
      setId: NTM,
      asOf: REVIEW_DATE,
    });
    expect(review.rollups).toHaveLength(1);
    const [standing] = review.rollups;
    expect(standing!.units).toBe(12);
    expect(standing!.byScore[0]?.text).toBe("04 xã đạt 18/19 tiêu chí, 56/57 chỉ tiêu");
    // The roll-up groups by exact score; the article groups by criteria met, with a range of
    // indicators ("54-55/57"): merged here the way the article reads.
    for (const group of NTM_GROUPS) {
      const scores = standing!.byScore.filter((g) => g.criteriaMet === group.criteria);
      expect(scores.flatMap((g) => g.units).sort()).toEqual(group.communes.map(code).sort());
      for (const score of scores) {
        expect(score.indicatorsMet).toBeGreaterThanOrEqual(group.indicators[0]!);
        expect(score.indicatorsMet).toBeLessThanOrEqual(group.indicators[1]!);
      }
    }
    expect(standing!.byScore.reduce((sum, g) => sum + g.count, 0)).toBe(12);
    const counts = Object.fromEntries(standing!.failingByCriterion.map((c) => [c.number, c.count]));
    expect(counts).toEqual({ ...NTM_FAILING, 14: 3 });
  });

  it("names the criteria not met with the article's counts, plus the 3 it leaves unnamed", async () => {
    const { verdicts, judging } = await signedReview(NTM);
    const review = rollup(judging.compiled, verdicts);
    const counts = Object.fromEntries(review.failingByCriterion.map((c) => [c.number, c.count]));
    // Seed 000's groups imply 37 criteria not met, its list names 34: the seed keeps both and
    // puts the 3 unnamed on criterion 14 (README, tho-xuan-review.ts).
    expect(counts).toEqual({ ...NTM_FAILING, 14: 3 });
    expect(review.failingByCriterion.find((c) => c.number === 2)?.text).toBe(
      "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt",
    );
    // Môi trường: all 12 on clean water (17.1).
    expect(review.failingByIndicator.find((i) => i.code === "17.1")?.count).toBe(12);
  });

  it("the nâng cao communes fail criteria 13 and 14 as often as the article says", async () => {
    const { verdicts, judging } = await signedReview(NANG_CAO);
    expect(judging.row.setId).toBe("thanh-hoa-ntm-nang-cao-xa-2021-2025-minh-hoa");
    const review = rollup(judging.compiled, verdicts);
    expect(review.units).toBe(10);
    const counts = Object.fromEntries(review.failingByCriterion.map((c) => [c.number, c.count]));
    expect(counts).toEqual(NANG_CAO_FAILING);
    // A commune misses no more known criteria than the article's count of its misses, and
    // none misses more than a commune of a weaker group.
    const missed = (name: string) =>
      review.ranking.find((r) => r.unit === code(name))!.criteriaToGo;
    for (const [k, group] of NANG_CAO_GROUPS.entries())
      for (const commune of group.communes) {
        expect(missed(commune)).toBeLessThanOrEqual(19 - group.criteria);
        for (const weaker of NANG_CAO_GROUPS.slice(k + 1).flatMap((g) => g.communes))
          expect(missed(commune)).toBeLessThanOrEqual(missed(weaker));
      }
  });

  it("judges by an illustrative adaptation owned by Thanh Hóa; official sets invent nothing", async () => {
    const db = env.handle.db;
    const sets = await listCriteriaSets(db);
    for (const set of sets) {
      const definition = (await getSetDefinition(db, set.id))!;
      const rules = definition.criteria.flatMap((c) =>
        c.indicators.flatMap((i) => i.thresholds.map((t) => t.provenance)),
      );
      if (set.setId.endsWith("-minh-hoa")) {
        expect(set.ownerPath).toBe("/THANH-HOA/");
        expect(set.status).toBe("published");
        // The village set and the commune set reading it are the province's own, not adaptations.
        const ownSet = [THANH_HOA_VILLAGE_SET_ID, THANH_HOA_VILLAGE_ROLLUP_SET_ID].includes(
          set.setId,
        );
        expect(definition.adapts?.id).toBe(
          ownSet ? undefined : set.setId.includes("nang-cao") ? NANG_CAO : NTM,
        );
        expect(rules.length).toBeGreaterThan(0);
        for (const p of rules)
          expect(p).toMatchObject({ source: "số liệu minh họa", verified: false });
      } else {
        expect(set.ownerPath).toBeNull();
        for (const p of rules) expect(p.source).not.toBe("số liệu minh họa");
      }
    }
  });

  it("the audit log says where each demo report came from", async () => {
    const log = await (await env.as("huyen.thoxuan")).audit.list({
      unitCode: "THO-XUAN.XUAN-MINH",
    });
    const imports = log.filter((e) => e.action === "report.import");
    expect(imports).toHaveLength(5);
    expect(imports[0]).toMatchObject({ actor: "huyen.thoxuan", after: { status: "accepted" } });
  });

  it("a merged commune of 1 July 2025 carries its predecessors' history", async () => {
    const history = await (await env.as(null)).report.history({
      unitCode: "THANH-HOA.XUAN-HONG-DIEN-MINH-HOA",
      setId: NTM,
    });
    const units = new Set(history.map((h) => h.unitCode));
    expect(units).toEqual(
      new Set([code("Xuân Hồng"), code("Thọ Diên"), "THANH-HOA.XUAN-HONG-DIEN-MINH-HOA"]),
    );
    const periods = [...new Set(history.map((h) => h.period))];
    expect(periods).toEqual(["2022-12", "2023-04", "2023-12", "2024-12", "2025-06", "2025-12"]);
    const last = history.at(-1)!;
    expect(last.summary).toBe("đạt 19/19 tiêu chí, 57/57 chỉ tiêu");
  });
});
