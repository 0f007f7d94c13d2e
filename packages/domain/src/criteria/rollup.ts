import type { CompiledCriteriaSet, CompiledIndicator } from "./compile";
import { toCompiled } from "./evaluate";
import { judgeUnit } from "./judge";
import type { CriteriaSet } from "./model";
import { evaluateRule, evaluateRules, MET, NOT_MET, type Outcome, SKIPPED, UNKNOWN } from "./rules";
import { type RelatedVerdicts, S_MET, S_NOT_APPLICABLE, S_NOT_MET, Scratch } from "./scratch";
import type { UnitProfile, ValueMap } from "./values";
import type { SetVerdict, VerdictOutline } from "./verdicts";

/** Units grouped by score: "04 xã đạt 18/19 tiêu chí, 56/57 chỉ tiêu". */
export interface ScoreGroup {
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  count: number;
  units: string[];
  text: string;
}

export interface FailingCriterion {
  number: number;
  name: string;
  count: number;
  units: string[];
  /** "Tiêu chí số 2 - Giao thông có 05 xã chưa đạt" */
  text: string;
}

export interface FailingIndicator {
  code: string;
  name: string;
  criterion: number;
  count: number;
  units: string[];
}

/** A unit's place by distance to the standard: fewest criteria, then indicators, to go. */
export interface RankedUnit {
  rank: number;
  unit: string;
  status: SetVerdict["status"];
  criteriaMet: number;
  criteriaTotal: number;
  /** Criteria not met plus criteria still undetermined. */
  criteriaToGo: number;
  /** Applicable indicators not met (any status but met). */
  indicatorsToGo: number;
}

/** A district-style review of many units against one set; plain data, ready for JSON. */
export interface Rollup {
  set: { id: string; version: string; title: string };
  units: number;
  byScore: ScoreGroup[];
  failingByCriterion: FailingCriterion[];
  failingByIndicator: FailingIndicator[];
  /** Lượt tiêu chí: criteria met, summed over units. */
  criteriaMetTotal: number;
  criteriaMetAverage: number;
  unitsMeetingStandard: number;
  /** Percent of units meeting the set. */
  shareMeetingStandard: number;
  ranking: RankedUnit[];
}

const UNIT_WORD: Record<string, string> = {
  province: "tỉnh",
  district: "huyện",
  commune: "xã",
  village: "thôn",
};

/** Officials write small counts with two digits: "04 xã". */
function officialCount(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Accumulates units one at a time from either verdicts or the fast path's flat arrays. */
class RollupBuilder {
  private readonly criterionFails: string[][];
  private readonly indicatorFails: string[][];
  private readonly groups = new Map<number, ScoreGroup>();
  private readonly ranking: RankedUnit[] = [];
  private criteriaMetTotal = 0;
  private meeting = 0;
  private readonly word: string;
  private readonly criterionRadix: number;
  private readonly indicatorRadix: number;

  constructor(private readonly compiled: CompiledCriteriaSet) {
    this.criterionFails = compiled.criteria.map(() => []);
    this.indicatorFails = compiled.indicators.map(() => []);
    this.criterionRadix = compiled.criteria.length + 1;
    this.indicatorRadix = compiled.indicators.length + 1;
    this.word = UNIT_WORD[compiled.set.level] ?? "đơn vị";
  }

  /** `criterionOutcomes` by criterion index; `indicatorStatus` by indicator index (S_*). */
  add(
    unit: string,
    setOutcome: Outcome,
    criterionOutcomes: ArrayLike<number>,
    indicatorStatus: ArrayLike<number>,
  ): void {
    let indicatorsMet = 0;
    let indicatorsTotal = 0;
    for (let i = 0; i < this.indicatorFails.length; i++) {
      const status = indicatorStatus[i];
      if (status === S_NOT_APPLICABLE) continue;
      indicatorsTotal++;
      if (status === S_MET) indicatorsMet++;
      else if (status === S_NOT_MET) this.indicatorFails[i]?.push(unit);
    }
    this.addCounted(unit, setOutcome, criterionOutcomes, indicatorsMet, indicatorsTotal);
  }

  /** The same, from a unit just judged into `scratch` (its counts and indicators not met). */
  addJudged(
    unit: string,
    setOutcome: Outcome,
    criterionOutcomes: ArrayLike<number>,
    scratch: Scratch,
  ): void {
    const { notMet, notMetCount } = scratch;
    for (let k = 0; k < notMetCount; k++) this.indicatorFails[notMet[k] as number]?.push(unit);
    this.addCounted(unit, setOutcome, criterionOutcomes, scratch.met, scratch.applicable);
  }

  private addCounted(
    unit: string,
    setOutcome: Outcome,
    criterionOutcomes: ArrayLike<number>,
    indicatorsMet: number,
    indicatorsTotal: number,
  ): void {
    let criteriaMet = 0;
    let criteriaTotal = 0;
    for (let c = 0; c < this.criterionFails.length; c++) {
      const outcome = criterionOutcomes[c];
      if (outcome === SKIPPED) continue;
      criteriaTotal++;
      if (outcome === MET) criteriaMet++;
      else if (outcome === NOT_MET) this.criterionFails[c]?.push(unit);
    }
    this.criteriaMetTotal += criteriaMet;
    if (setOutcome === MET) this.meeting++;
    // Mixed radix by the set's own sizes: exact for any set, and a small integer for real ones
    // (19 criteria, 79 indicators: < 2³⁰), which V8 keeps unboxed and hashes cheaply.
    const c = this.criterionRadix;
    const n = this.indicatorRadix;
    const key = ((criteriaMet * c + criteriaTotal) * n + indicatorsMet) * n + indicatorsTotal;
    let group = this.groups.get(key);
    if (!group) {
      group = {
        criteriaMet,
        criteriaTotal,
        indicatorsMet,
        indicatorsTotal,
        count: 0,
        units: [],
        text: "",
      };
      this.groups.set(key, group);
    }
    group.count++;
    group.units.push(unit);
    this.ranking.push({
      rank: 0,
      unit,
      status: setOutcome === MET ? "met" : setOutcome === NOT_MET ? "not_met" : "undetermined",
      criteriaMet,
      criteriaTotal,
      criteriaToGo: criteriaTotal - criteriaMet,
      indicatorsToGo: indicatorsTotal - indicatorsMet,
    });
  }

  /**
   * Units met first, then by criteria and indicators to go; ties keep the order the units were
   * given in. Each unit's place is one exact number in mixed radix (met or not, criteria to go,
   * indicators to go, arrival), so a typed array's numeric sort orders them without a comparator.
   */
  private ranked(): RankedUnit[] {
    const units = this.ranking;
    const n = units.length;
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const r = units[k] as RankedUnit;
      const late = r.status === "met" ? 0 : 1;
      keys[k] =
        ((late * this.criterionRadix + r.criteriaToGo) * this.indicatorRadix + r.indicatorsToGo) *
          n +
        k;
    }
    keys.sort();
    const ranking: RankedUnit[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const r = units[(keys[k] as number) % n] as RankedUnit;
      r.rank = k + 1;
      ranking[k] = r;
    }
    return ranking;
  }

  build(): Rollup {
    const { set } = this.compiled;
    const units = this.ranking.length;
    const byScore = [...this.groups.values()].sort(
      (a, b) => b.criteriaMet - a.criteriaMet || b.indicatorsMet - a.indicatorsMet,
    );
    for (const g of byScore)
      g.text = `${officialCount(g.count)} ${this.word} đạt ${g.criteriaMet}/${g.criteriaTotal} tiêu chí, ${g.indicatorsMet}/${g.indicatorsTotal} chỉ tiêu`;
    const failingByCriterion: FailingCriterion[] = [];
    this.compiled.criteria.forEach((cc, c) => {
      const failing = this.criterionFails[c] ?? [];
      if (failing.length === 0) return;
      const { number, name } = cc.criterion;
      failingByCriterion.push({
        number,
        name,
        count: failing.length,
        units: failing,
        text: `Tiêu chí số ${number} - ${name} có ${officialCount(failing.length)} ${this.word} chưa đạt`,
      });
    });
    const failingByIndicator: FailingIndicator[] = [];
    this.compiled.indicators.forEach((ci: CompiledIndicator, i) => {
      const failing = this.indicatorFails[i] ?? [];
      if (failing.length === 0) return;
      const criterion = this.compiled.criteria[ci.criterionIndex]?.criterion.number ?? 0;
      failingByIndicator.push({
        code: ci.code,
        name: ci.indicator.name,
        criterion,
        count: failing.length,
        units: failing,
      });
    });
    const ranking = this.ranked();
    return {
      set: { id: set.id, version: set.version, title: set.title },
      units,
      byScore,
      failingByCriterion,
      failingByIndicator,
      criteriaMetTotal: this.criteriaMetTotal,
      criteriaMetAverage: units === 0 ? 0 : this.criteriaMetTotal / units,
      unitsMeetingStandard: this.meeting,
      shareMeetingStandard: units === 0 ? 0 : (this.meeting * 100) / units,
      ranking,
    };
  }
}

const OUTCOME: Record<string, Outcome> = {
  met: MET,
  not_met: NOT_MET,
  undetermined: UNKNOWN,
  not_applicable: SKIPPED,
};
const STATUS_CODE: Record<string, number> = {
  met: 0,
  not_met: 1,
  missing: 2,
  stale: 3,
  no_threshold: 4,
  not_applicable: 5,
};

/** Rolls up verdicts (explained, or their outlines) of many units against the same set. */
export function rollup(
  set: CriteriaSet | CompiledCriteriaSet,
  verdicts: readonly VerdictOutline[],
): Rollup {
  const compiled = toCompiled(set);
  const builder = new RollupBuilder(compiled);
  const criterionOutcomes = new Uint8Array(compiled.criteria.length);
  const status = new Uint8Array(compiled.indicators.length);
  for (const verdict of verdicts) {
    if (verdict.set.id !== compiled.set.id)
      throw new RangeError(`Verdict of set ${verdict.set.id} in a roll-up of ${compiled.set.id}`);
    status.fill(S_NOT_APPLICABLE);
    verdict.criteria.forEach((c, k) => {
      criterionOutcomes[k] = OUTCOME[c.status] ?? UNKNOWN;
      for (const i of c.indicators) {
        const index = compiled.indicatorIndex.get(i.code);
        if (index !== undefined) status[index] = STATUS_CODE[i.status] ?? 2;
      }
    });
    builder.add(verdict.unit.code, OUTCOME[verdict.status] ?? UNKNOWN, criterionOutcomes, status);
  }
  return builder.build();
}

/** One unit to roll up on the fast path. */
export interface UnitValues {
  unit: UnitProfile;
  values: ValueMap;
  related?: RelatedVerdicts;
}

/**
 * The fast path: judges and rolls up many units without building explained verdicts. Same
 * semantics as `evaluate` followed by `rollup` (a property test holds them equal).
 */
export function rollupUnits(
  set: CriteriaSet | CompiledCriteriaSet,
  units: Iterable<UnitValues>,
  asOf: string,
): Rollup {
  const compiled = toCompiled(set);
  // Its own scratch, so a roll-up shares no state with evaluate() calls made meanwhile.
  const scratch = new Scratch(compiled.indicators.length, false);
  const builder = new RollupBuilder(compiled);
  const criterionOutcomes = new Uint8Array(compiled.criteria.length);
  for (const { unit, values, related } of units) {
    judgeUnit(compiled, unit, values, asOf, related, scratch);
    evaluateRules(compiled.criteriaRules, scratch.outcome, criterionOutcomes);
    builder.addJudged(
      unit.code,
      evaluateRule(compiled.setRule, criterionOutcomes),
      criterionOutcomes,
      scratch,
    );
  }
  return builder.build();
}
