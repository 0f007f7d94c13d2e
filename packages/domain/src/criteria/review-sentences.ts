import { formatNumber } from "../format";
import type { FailingCriterion, FailingIndicator, ScoreGroup } from "./rollup";

/**
 * The sentences a review meeting reads out (seed 000, Thọ Xuân 19/05/2023), built from a
 * roll-up: "04 xã: Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ
 * tiêu". Used by the dashboard and, later, by generated reports, so they stay pure and plain.
 */

/** Officials write small counts with two digits: "04 xã", "01 xã", "12 xã". */
export function officialCount(n: number): string {
  return n >= 0 && n < 10 ? `0${n}` : String(n);
}

/** Units met the same number of criteria: the way a meeting groups them. */
export interface CriteriaGroup {
  criteriaMet: number;
  criteriaTotal: number;
  /** The fewest and most indicators met among the group ("54-55/57"). */
  indicatorsMin: number;
  indicatorsMax: number;
  indicatorsTotal: number;
  /** Unit codes, best indicators first, ties in the order the roll-up gave. */
  units: string[];
}

/**
 * Merges a roll-up's exact-score groups into groups by criteria met, as the article reads ("03
 * xã … đạt 17/19 tiêu chí, 54-55/57 chỉ tiêu"). Groups of a different total (units judged by
 * different versions) stay apart.
 */
export function groupByCriteriaMet(byScore: readonly ScoreGroup[]): CriteriaGroup[] {
  const groups = new Map<string, CriteriaGroup>();
  const sorted = [...byScore].sort(
    (a, b) => b.criteriaMet - a.criteriaMet || b.indicatorsMet - a.indicatorsMet,
  );
  for (const score of sorted) {
    const key = `${score.criteriaMet}/${score.criteriaTotal}/${score.indicatorsTotal}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        criteriaMet: score.criteriaMet,
        criteriaTotal: score.criteriaTotal,
        indicatorsMin: score.indicatorsMet,
        indicatorsMax: score.indicatorsMet,
        indicatorsTotal: score.indicatorsTotal,
        units: [...score.units],
      });
      continue;
    }
    group.indicatorsMin = Math.min(group.indicatorsMin, score.indicatorsMet);
    group.indicatorsMax = Math.max(group.indicatorsMax, score.indicatorsMet);
    group.units.push(...score.units);
  }
  return [...groups.values()];
}

/** "56/57" or, when the group's counts differ, "54-55/57". */
export function indicatorRange(group: CriteriaGroup): string {
  const met =
    group.indicatorsMin === group.indicatorsMax
      ? String(group.indicatorsMin)
      : `${group.indicatorsMin}-${group.indicatorsMax}`;
  return `${met}/${group.indicatorsTotal}`;
}

/** How a unit is named in a sentence: its short name ("Xuân Minh"), the code otherwise. */
export type UnitNamer = (code: string) => string;

/**
 * "04 xã: Xuân Minh, Xuân Tín, Trường Xuân, Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ tiêu".
 * `word` is the units' noun ("xã"; "đơn vị" for a mix).
 */
export function criteriaGroupSentence(
  group: CriteriaGroup,
  nameOf: UnitNamer,
  word = "xã",
): string {
  const names = group.units.map(nameOf).join(", ");
  return `${officialCount(group.units.length)} ${word}: ${names} đạt ${group.criteriaMet}/${group.criteriaTotal} tiêu chí, ${indicatorRange(group)} chỉ tiêu`;
}

/** "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt: Phú Xuân, Xuân Hưng, …". */
export function failingCriterionSentence(
  failing: Pick<FailingCriterion, "number" | "name" | "units">,
  nameOf: UnitNamer,
  word = "xã",
): string {
  return `Tiêu chí số ${failing.number} - ${failing.name} có ${officialCount(failing.units.length)} ${word} chưa đạt: ${failing.units.map(nameOf).join(", ")}`;
}

/** "Chỉ tiêu 17.1 (Tỷ lệ hộ … nước sạch …): 12 xã chưa đạt: …". */
export function failingIndicatorSentence(
  failing: Pick<FailingIndicator, "code" | "name" | "units">,
  nameOf: UnitNamer,
  word = "xã",
): string {
  return `Chỉ tiêu ${failing.code} - ${failing.name}: ${officialCount(failing.units.length)} ${word} chưa đạt: ${failing.units.map(nameOf).join(", ")}`;
}

/** Seed 003's count: "122 lượt tiêu chí, bình quân 7,46 tiêu chí/xã". */
export function criteriaMetSentence(
  criteriaMetTotal: number,
  criteriaMetAverage: number,
  word = "xã",
): string {
  return `${formatNumber(criteriaMetTotal, 0)} lượt tiêu chí, bình quân ${formatNumber(criteriaMetAverage)} tiêu chí/${word}`;
}

/** The whole "by score" paragraph, one sentence per group, joined as the article does. */
export function reviewParagraph(
  byScore: readonly ScoreGroup[],
  nameOf: UnitNamer,
  word = "xã",
): string {
  return groupByCriteriaMet(byScore)
    .map((g) => criteriaGroupSentence(g, nameOf, word))
    .join("; ");
}

/** Names as a sentence lists them: "Xuân Minh, Xuân Tín, Trường Xuân và Xuân Lập". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} và ${names[names.length - 1]}`;
}

/**
 * A group as a report's paragraph reads it (seed 000): "có 04 xã gồm: Xuân Minh, Xuân Tín,
 * Trường Xuân và Xuân Lập đạt 18/19 tiêu chí, 56/57 chỉ tiêu"; one unit: "có 01 xã Thuận Minh …".
 */
export function reviewGroupClause(group: CriteriaGroup, nameOf: UnitNamer, word = "xã"): string {
  const names = joinNames(group.units.map(nameOf));
  const who =
    group.units.length === 1
      ? `có 01 ${word} ${names}`
      : `có ${officialCount(group.units.length)} ${word} gồm: ${names}`;
  return `${who} đạt ${group.criteriaMet}/${group.criteriaTotal} tiêu chí, ${indicatorRange(group)} chỉ tiêu`;
}

/** "Qua rà soát có 04 xã gồm: …; có 03 xã gồm: …": the report's opening sentence. */
export function reviewResultSentence(
  byScore: readonly ScoreGroup[],
  nameOf: UnitNamer,
  word = "xã",
): string {
  const clauses = groupByCriteriaMet(byScore).map((g) => reviewGroupClause(g, nameOf, word));
  return `Qua rà soát ${clauses.join("; ")}.`;
}

/** "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt": the roll-up's count, without the names. */
export function failingCriterionClause(
  failing: Pick<FailingCriterion, "number" | "name" | "units">,
  word = "xã",
): string {
  return `Tiêu chí số ${failing.number} - ${failing.name} có ${officialCount(failing.units.length)} ${word} chưa đạt`;
}

/** "Chỉ tiêu 17.1 - Tỷ lệ hộ … có 12 xã chưa đạt". */
export function failingIndicatorClause(
  failing: Pick<FailingIndicator, "code" | "name" | "units">,
  word = "xã",
): string {
  return `Chỉ tiêu ${failing.code} - ${failing.name} có ${officialCount(failing.units.length)} ${word} chưa đạt`;
}

/**
 * Seed 003's count in a report's words: "Tổng số tiêu chí hoàn thành toàn huyện là 122 lượt
 * tiêu chí, số tiêu chí bình quân đạt 7,46 tiêu chí/xã".
 */
export function criteriaCountSentence(
  criteriaMetTotal: number,
  criteriaMetAverage: number,
  scopeWord: string,
  word = "xã",
): string {
  return `Tổng số tiêu chí hoàn thành toàn ${scopeWord} là ${formatNumber(criteriaMetTotal, 0)} lượt tiêu chí, số tiêu chí bình quân đạt ${formatNumber(criteriaMetAverage)} tiêu chí/${word}.`;
}
