import {
  type Executor,
  getVerdictById,
  listLatestVerdicts,
  listRecognitions,
  listScopeUnits,
  listVerdictOutlines,
  listVerdictsOnUnverifiedThresholds,
} from "@datchuan/db";
import {
  assessDistrictConditions,
  assessDistrictRevocation,
  assessRevocation,
  compareEvaluations,
  type EvaluationComparison,
  maintenanceRisk,
  qd320DistrictConditions,
  type RevocationAssessment,
  type Rollup,
  rollup,
  type SetVerdict,
  type VerdictOutline,
} from "@datchuan/domain";
import { loadSetVersion } from "./criteria-sets";
import { cachedStanding } from "./standing-cache";

/** Where a review looks: below a unit (district, province), or inside a named cluster. */
export type ReviewScope = { path: string } | { clusterId: string };

type UnitRef = { id: string; code: string; name: string };

/** One unit's stored verdict on the date: its counts, its outline, the set version that judged. */
interface Standing {
  unit: UnitRef;
  verdictId: string;
  period: string;
  setRowId: string | null;
  setVersion: string;
  asOf: string;
  signed: boolean;
  status: SetVerdict["status"];
  counts: Pick<
    SetVerdict,
    "criteriaMet" | "criteriaTotal" | "indicatorsMet" | "indicatorsTotal" | "summary"
  >;
  verdict: VerdictOutline;
}

/**
 * The scope's communes and, for each that has one, its stored verdict on `asOf`: two queries
 * (the verdicts' counts, then their outlines), never the explained verdicts.
 */
async function standingsOn(
  db: Executor,
  params: { units: readonly UnitRef[]; setId: string; asOf: string; acceptedOnly: boolean },
): Promise<Map<string, Standing>> {
  const byId = new Map(params.units.map((u) => [u.id, u]));
  const rows = await listLatestVerdicts(db, {
    unitIds: params.units.map((u) => u.id),
    setId: params.setId,
    asOf: params.asOf,
    acceptedOnly: params.acceptedOnly,
  });
  const outlines = await listVerdictOutlines(
    db,
    rows.map((r) => r.verdictId),
  );
  const standings = new Map<string, Standing>();
  for (const row of rows) {
    const unit = byId.get(row.unitId)!;
    const status = row.status as SetVerdict["status"];
    standings.set(row.unitId, {
      unit,
      verdictId: row.verdictId,
      period: row.period,
      setRowId: row.setRowId,
      setVersion: row.setVersion,
      asOf: row.asOf,
      signed: row.signedAt !== null,
      status,
      counts: row,
      verdict: {
        set: { id: row.setId },
        unit: { code: unit.code },
        status,
        criteria: outlines.get(row.verdictId) ?? [],
      },
    });
  }
  return standings;
}

/**
 * Roll-ups of stored verdicts, one per set version that judged them (a district whose communes
 * were judged by one version, the usual case, gets one), largest first, in the scope's order.
 */
async function rollupsOf(db: Executor, standings: readonly Standing[]) {
  const groups = new Map<string, Standing[]>();
  for (const standing of standings) {
    const key = standing.setRowId ?? "";
    const group = groups.get(key);
    if (group) group.push(standing);
    else groups.set(key, [standing]);
  }
  const result: Array<{
    rollup: Rollup;
    set: NonNullable<Awaited<ReturnType<typeof loadSetVersion>>>;
  }> = [];
  for (const [rowId, group] of groups) {
    const loaded = rowId ? await loadSetVersion(db, { rowId, asOf: group[0]!.asOf }) : undefined;
    if (!loaded) continue;
    result.push({
      rollup: rollup(
        loaded.compiled,
        group.map((s) => s.verdict),
      ),
      set: loaded,
    });
  }
  return result.sort((a, b) => b.rollup.units - a.rollup.units);
}

/** Met indicators within the fragile margin (đạt nhưng chưa bền vững), with the units. */
function fragileIndicators(standings: readonly Standing[]) {
  const byCode = new Map<string, { code: string; criterion: number; units: string[] }>();
  for (const { unit, verdict } of standings)
    for (const criterion of verdict.criteria)
      for (const indicator of criterion.indicators) {
        if (indicator.status !== "met" || !indicator.fragile) continue;
        const entry = byCode.get(indicator.code) ?? {
          code: indicator.code,
          criterion: criterion.number,
          units: [],
        };
        entry.units.push(unit.code);
        byCode.set(indicator.code, entry);
      }
  return [...byCode.values()]
    .map((e) => ({ ...e, count: e.units.length }))
    .sort((a, b) => b.count - a.count || a.criterion - b.criterion);
}

/**
 * A unit's row of the review. With `unverified` (the verdicts resting on unchecked thresholds),
 * also whether its thresholds are all checked: open data says which results are illustrative.
 */
function describeStanding(standing: Standing, unverified?: ReadonlySet<string>) {
  const { unit, counts } = standing;
  return {
    code: unit.code,
    name: unit.name,
    period: standing.period,
    setId: standing.verdict.set.id,
    setVersion: standing.setVersion,
    signed: standing.signed,
    status: standing.status,
    criteriaMet: counts.criteriaMet,
    criteriaTotal: counts.criteriaTotal,
    indicatorsMet: counts.indicatorsMet,
    indicatorsTotal: counts.indicatorsTotal,
    summary: counts.summary,
    ...(unverified ? { thresholdsVerified: !unverified.has(standing.verdictId) } : {}),
  };
}

/**
 * A scope's standing under a set on a date, from stored verdicts only: the district review's
 * tables (by score, failing per criterion and indicator, lượt tiêu chí, share meeting the set,
 * ranking), fragile indicators, changes since an earlier date, and recognised units in the
 * QĐ 18/2022 revocation zone.
 */
export function summariseStanding(db: Executor, params: StandingQuery) {
  const key = {
    q: "standing",
    scope: params.scope,
    setId: params.setId,
    asOf: params.asOf,
    since: params.since ?? null,
    acceptedOnly: params.acceptedOnly,
    withThresholdCheck: params.withThresholdCheck ?? false,
  };
  return cachedStanding(db, key, () => computeStanding(db, params));
}

interface StandingQuery {
  scope: ReviewScope;
  setId: string;
  asOf: string;
  since?: string | undefined;
  acceptedOnly: boolean;
  /** Also say, per unit, whether its verdict rests on verified thresholds only (one query). */
  withThresholdCheck?: boolean;
}

async function computeStanding(db: Executor, params: StandingQuery) {
  const units = await listScopeUnits(db, {
    scope: params.scope,
    level: "commune",
    asOf: params.asOf,
  });
  const current = await standingsOn(db, { ...params, units });
  const ordered = units.flatMap((u) => current.get(u.id) ?? []);
  const rollups = await rollupsOf(db, ordered);
  const unverified = params.withThresholdCheck
    ? await listVerdictsOnUnverifiedThresholds(
        db,
        ordered.map((s) => s.verdictId),
      )
    : undefined;

  let changes: Array<{
    unit: string;
    name: string;
    before: string;
    after: string;
    regressed: EvaluationComparison["regressed"];
    improved: EvaluationComparison["improved"];
  }> = [];
  if (params.since !== undefined) {
    const earlier = await standingsOn(db, { ...params, units, asOf: params.since });
    changes = ordered.flatMap((now) => {
      const then = earlier.get(now.unit.id);
      if (!then) return [];
      const { regressed, improved } = compareEvaluations(then.verdict, now.verdict);
      if (regressed.length === 0 && improved.length === 0) return [];
      return [
        {
          unit: now.unit.code,
          name: now.unit.name,
          before: then.period,
          after: now.period,
          regressed,
          improved,
        },
      ];
    });
  }

  // Recognition rests on signed verdicts whatever the reader may see.
  const recognised = await listRecognitions(db, {
    unitIds: units.map((u) => u.id),
    setId: params.setId,
    asOf: params.asOf,
  });
  const setByRow = new Map(rollups.map((r) => [r.set.row.id, r.set.compiled.set]));
  const assessments: Array<{
    unit: string;
    name: string;
    recognisedIn: string;
    decision: { number: string; decidedOn: string; illustrative: boolean };
    period: string;
    assessment: RevocationAssessment;
    /** Recognised but no longer meeting the set: what slipped (null while it meets). */
    risk: ReturnType<typeof maintenanceRisk>;
  }> = [];
  for (const recognition of recognised) {
    const now = current.get(recognition.unitId);
    const set = now?.setRowId ? setByRow.get(now.setRowId) : undefined;
    if (!now || !set) continue;
    assessments.push({
      unit: now.unit.code,
      name: now.unit.name,
      recognisedIn: recognition.period,
      decision: {
        number: recognition.decision.number,
        decidedOn: recognition.decision.decidedOn,
        illustrative: recognition.decision.illustrative,
      },
      period: now.period,
      assessment: assessRevocation(now.verdict, set),
      risk: maintenanceRisk(now.verdict),
    });
  }

  return {
    setId: params.setId,
    asOf: params.asOf,
    since: params.since ?? null,
    communes: units.length,
    units: ordered.map((s) => describeStanding(s, unverified)),
    notReported: units
      .filter((u) => !current.has(u.id))
      .map((u) => ({ code: u.code, name: u.name })),
    rollups: rollups.map((r) => r.rollup),
    fragile: fragileIndicators(ordered),
    changes,
    revocation: {
      recognised: assessments.length,
      /** The recognised communes by code: whose fragile and regressed indicators matter most. */
      recognisedUnits: assessments.map((a) => a.unit),
      inZone: assessments.filter((a) => a.assessment.status !== "keep"),
      /** Recognised communes whose standing fell below the set, with what slipped. */
      atRisk: assessments.filter((a) => a.risk !== null),
      // QĐ 18/2022 counts the district's communes; one never recognised is not revoked.
      district: assessDistrictRevocation(
        units.map(
          (u) =>
            assessments.find((a) => a.unit === u.code)?.assessment ?? { status: "keep" as const },
        ),
      ),
    },
  };
}

/**
 * QĐ 320's commune shares for a district on a date (100 % of communes NTM, ≥ 10 % nâng cao),
 * from the stored verdicts of both sets; communes without a verdict count as not meeting.
 */
export async function assessDistrictOn(
  db: Executor,
  params: {
    scope: ReviewScope;
    asOf: string;
    ntmSetId: string;
    advancedSetId: string;
    acceptedOnly: boolean;
  },
) {
  const units = await listScopeUnits(db, {
    scope: params.scope,
    level: "commune",
    asOf: params.asOf,
  });
  const rollups: Rollup[] = [];
  for (const setId of [params.ntmSetId, params.advancedSetId]) {
    const standings = await standingsOn(db, { ...params, setId, units });
    const groups = await rollupsOf(
      db,
      units.flatMap((u) => standings.get(u.id) ?? []),
    );
    const first = groups[0]?.rollup;
    if (!first) continue;
    // One programme judged by several versions (or adaptations) is one share.
    rollups.push({
      ...first,
      set: { ...first.set, id: setId },
      units: groups.reduce((sum, g) => sum + g.rollup.units, 0),
      unitsMeetingStandard: groups.reduce((sum, g) => sum + g.rollup.unitsMeetingStandard, 0),
    });
  }
  return {
    asOf: params.asOf,
    communes: units.length,
    conditions: assessDistrictConditions(
      rollups,
      qd320DistrictConditions(params.ntmSetId, params.advancedSetId),
      units.length,
    ),
  };
}

/**
 * One commune's latest signed verdict of a set on a date, explained (per criterion and
 * indicator), or undefined when it has none: what the public may read of a single commune.
 */
export async function signedVerdictOn(
  db: Executor,
  params: { unitId: string; setId: string; asOf: string },
) {
  const [latest] = await listLatestVerdicts(db, {
    unitIds: [params.unitId],
    setId: params.setId,
    asOf: params.asOf,
    acceptedOnly: true,
  });
  if (!latest) return undefined;
  const row = (await getVerdictById(db, latest.verdictId))!;
  // A stored verdict names indicators by code only; the names come from the set that judged.
  const set = latest.setRowId
    ? await loadSetVersion(db, { rowId: latest.setRowId, asOf: latest.asOf })
    : undefined;
  const indicatorNames = new Map(
    set?.compiled.set.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i.name])) ?? [],
  );
  return {
    period: latest.period,
    setVersion: row.setVersion,
    verdict: row.verdict,
    indicatorNames,
  };
}
