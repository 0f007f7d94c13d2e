import { describe, expect, it } from "vitest";
import {
  criteriaGroupSentence,
  criteriaMetSentence,
  failingCriterionSentence,
  failingIndicatorSentence,
  groupByCriteriaMet,
  officialCount,
  reviewParagraph,
} from "./review-sentences";
import type { ScoreGroup } from "./rollup";

/** Codes as the demo has them; names as the article prints them. */
const code = (name: string) =>
  `THO-XUAN.${name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/giu, "D")
    .toUpperCase()
    .replace(/ /gu, "-")}`;
const NAMES = new Map<string, string>();
function score(
  criteriaMet: number,
  indicatorsMet: number,
  names: string[],
  total = 57,
): ScoreGroup {
  for (const name of names) NAMES.set(code(name), name);
  return {
    criteriaMet,
    criteriaTotal: 19,
    indicatorsMet,
    indicatorsTotal: total,
    count: names.length,
    units: names.map(code),
    text: "",
  };
}
const nameOf = (c: string) => NAMES.get(c) ?? c;

// Seed 000: the 12 NTM communes of Thọ Xuân on 19/05/2023, in exact-score groups as a roll-up
// gives them (a roll-up sorts by criteria, then indicators).
const NTM_BY_SCORE = [
  score(18, 56, ["Xuân Minh", "Xuân Tín", "Trường Xuân", "Xuân Lập"]),
  score(17, 55, ["Xuân Hồng", "Xuân Phú"]),
  score(17, 54, ["Thọ Diên"]),
  score(15, 54, ["Phú Xuân"]),
  score(15, 51, ["Xuân Hưng"]),
  score(13, 49, ["Xuân Phong"]),
  score(13, 47, ["Quảng Phú"]),
  score(12, 44, ["Thuận Minh"]),
];

// The 10 nâng cao communes (75 indicators in Thanh Hóa's version).
const NANG_CAO_BY_SCORE = [
  score(17, 73, ["Xuân Hòa"], 75),
  score(16, 71, ["Bắc Lương"], 75),
  score(16, 69, ["Tây Hồ"], 75),
  score(15, 68, ["Thọ Lập"], 75),
  score(14, 68, ["Xuân Trường"], 75),
  score(14, 64, ["Thọ Xương"], 75),
  score(12, 64, ["Xuân Bái", "Thọ Hải"], 75),
  score(10, 57, ["Xuân Giang"], 75),
  score(10, 54, ["Thọ Lâm"], 75),
];

describe("the review's sentences, as seed 000 reads them", () => {
  it("names the communes of each group by criteria met, with a range of indicators", () => {
    const sentences = groupByCriteriaMet(NTM_BY_SCORE).map((g) => criteriaGroupSentence(g, nameOf));
    expect(sentences).toEqual([
      "04 xã: Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ tiêu",
      "03 xã: Xuân Hồng, Xuân Phú, Thọ Diên đạt 17/19 tiêu chí, 54-55/57 chỉ tiêu",
      "02 xã: Phú Xuân, Xuân Hưng đạt 15/19 tiêu chí, 51-54/57 chỉ tiêu",
      "02 xã: Xuân Phong, Quảng Phú đạt 13/19 tiêu chí, 47-49/57 chỉ tiêu",
      "01 xã: Thuận Minh đạt 12/19 tiêu chí, 44/57 chỉ tiêu",
    ]);
  });

  it("reads the nâng cao review the same way, against 75 indicators", () => {
    expect(reviewParagraph(NANG_CAO_BY_SCORE, nameOf).split("; ")).toEqual([
      "01 xã: Xuân Hòa đạt 17/19 tiêu chí, 73/75 chỉ tiêu",
      "02 xã: Bắc Lương, Tây Hồ đạt 16/19 tiêu chí, 69-71/75 chỉ tiêu",
      "01 xã: Thọ Lập đạt 15/19 tiêu chí, 68/75 chỉ tiêu",
      "02 xã: Xuân Trường, Thọ Xương đạt 14/19 tiêu chí, 64-68/75 chỉ tiêu",
      "02 xã: Xuân Bái, Thọ Hải đạt 12/19 tiêu chí, 64/75 chỉ tiêu",
      "02 xã: Xuân Giang, Thọ Lâm đạt 10/19 tiêu chí, 54-57/75 chỉ tiêu",
    ]);
  });

  it("keeps the groups adding up to every commune, whatever order the scores come in", () => {
    const groups = groupByCriteriaMet([...NTM_BY_SCORE].reverse());
    expect(groups.map((g) => g.criteriaMet)).toEqual([18, 17, 15, 13, 12]);
    expect(groups.reduce((sum, g) => sum + g.units.length, 0)).toBe(12);
  });

  it("keeps units judged against a different number of indicators apart", () => {
    const groups = groupByCriteriaMet([
      score(17, 55, ["Xuân Hồng"]),
      score(17, 70, ["Tây Hồ"], 75),
    ]);
    expect(groups).toHaveLength(2);
  });

  it("names the communes failing a criterion and an indicator", () => {
    expect(
      failingCriterionSentence(
        { number: 2, name: "Giao thông", units: [code("Xuân Phong"), code("Quảng Phú")] },
        nameOf,
      ),
    ).toBe("Tiêu chí số 2 - Giao thông có 02 xã chưa đạt: Xuân Phong, Quảng Phú");
    expect(
      failingIndicatorSentence(
        { code: "17.1", name: "Nước sạch tập trung", units: NTM_BY_SCORE.flatMap((s) => s.units) },
        nameOf,
      ),
    ).toMatch(/^Chỉ tiêu 17\.1 - Nước sạch tập trung: 12 xã chưa đạt: Xuân Minh, /u);
  });

  it("counts lượt tiêu chí and the average per commune as seed 003 does", () => {
    expect(criteriaMetSentence(122, 7.46)).toBe("122 lượt tiêu chí, bình quân 7,46 tiêu chí/xã");
    expect(criteriaMetSentence(1234, 16.2345)).toBe(
      "1.234 lượt tiêu chí, bình quân 16,23 tiêu chí/xã",
    );
  });

  it("writes counts under ten with two digits", () => {
    expect([1, 4, 9, 10, 12].map(officialCount)).toEqual(["01", "04", "09", "10", "12"]);
  });
});
