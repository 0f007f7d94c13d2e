import {
  type Executor,
  findRegistration,
  getUnitByCode,
  getUnitRef,
  listLatestVerdicts,
  listPredecessors,
  listRecognitions,
  listScopeUnits,
  listUnits,
  listVerdictHistory,
  listVerdictOutlines,
  listVerdictsOnUnverifiedThresholds,
  searchUnits,
} from "@datchuan/db";
import type { UnitLevel, UnitType } from "@datchuan/domain";
import { publicBulletins } from "./bulletins";
import { loadSetVersion } from "./criteria-sets";
import { describeLifecycle } from "./recognition";
import { signedVerdictOn, summariseStanding } from "./review";

/**
 * What the public portal reads: published data only. Every read here goes through the
 * accepted-only queries (signed verdicts of accepted reports); values are the figures the signed
 * verdict compared, never notes, evidence, return reasons or who entered them.
 */

/** The three programmes a commune climbs, lowest first. */
export const PORTAL_SETS = {
  ntm: "ntm-xa-2021-2025",
  advanced: "ntm-nang-cao-xa-2021-2025",
  model: "ntm-kieu-mau-xa-2021-2025",
} as const;

/** A commune's place on a date: the highest programme its signed verdicts meet. */
export type CommuneLevel = "kieu_mau" | "nang_cao" | "ntm" | "in_progress" | "no_data";
export const COMMUNE_LEVELS: readonly CommuneLevel[] = [
  "kieu_mau",
  "nang_cao",
  "ntm",
  "in_progress",
  "no_data",
];

const vietnameseOrder = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

type UnitRow = { id: string; code: string; name: string };

/** Each unit's level on `asOf`, from the latest signed verdict of each programme. */
async function levelsOn(db: Executor, units: readonly UnitRow[], asOf: string) {
  const ids = units.map((u) => u.id);
  const meets = async (setId: string) => {
    const rows = await listLatestVerdicts(db, { unitIds: ids, setId, asOf, acceptedOnly: true });
    return new Map(rows.map((r) => [r.unitId, r]));
  };
  const [ntm, advanced, model] = [
    await meets(PORTAL_SETS.ntm),
    await meets(PORTAL_SETS.advanced),
    await meets(PORTAL_SETS.model),
  ];
  const levels = new Map<string, CommuneLevel>();
  for (const id of ids) {
    levels.set(
      id,
      model.get(id)?.status === "met"
        ? "kieu_mau"
        : advanced.get(id)?.status === "met"
          ? "nang_cao"
          : ntm.get(id)?.status === "met"
            ? "ntm"
            : ntm.has(id) || advanced.has(id)
              ? "in_progress"
              : "no_data",
    );
  }
  return levels;
}

function countLevels(levels: Iterable<CommuneLevel>, total: number) {
  const counts = Object.fromEntries(COMMUNE_LEVELS.map((l) => [l, 0])) as Record<
    CommuneLevel,
    number
  >;
  for (const level of levels) counts[level] += 1;
  return COMMUNE_LEVELS.map((level) => ({
    level,
    count: counts[level],
    share: total === 0 ? 0 : Math.round((counts[level] / total) * 10000) / 100,
  }));
}

/** The provinces and their districts: where the portal's home starts. */
export async function portalHome(db: Executor, asOf: string) {
  const units = await listUnits(db, { levels: ["province", "district"], asOf });
  return {
    asOf,
    provinces: units
      .filter((u) => u.level === "province")
      .map((p) => ({
        code: p.code,
        name: p.name,
        type: p.type,
        districts: units
          .filter((d) => d.level === "district" && d.parentCode === p.code)
          .map((d) => ({ code: d.code, name: d.name, type: d.type })),
      })),
    // Published review bulletins, newest first (retracted ones are off the portal).
    bulletins: await publicBulletins(db),
  };
}

type Found<T> = { found: T } | { notFound: string } | { badRequest: string };

/** A province's or district's communes by level, their progress over the years, what fails. */
export async function portalOverview(
  db: Executor,
  params: { code: string; asOf: string },
): Promise<Found<Awaited<ReturnType<typeof buildOverview>>>> {
  const unit = await getUnitByCode(db, params.code);
  const ref = unit && (await getUnitRef(db, params.code));
  if (!unit || !ref) return { notFound: `Không tìm thấy đơn vị ${params.code}.` };
  if (unit.level !== "province" && unit.level !== "district")
    return { notFound: `${params.code} không phải là tỉnh hoặc huyện.` };
  return { found: await buildOverview(db, { ...unit, ...ref }, params.asOf) };
}

async function buildOverview(
  db: Executor,
  unit: { id: string; code: string; name: string; type: UnitType; level: UnitLevel; path: string },
  asOf: string,
) {
  const standing = await summariseStanding(db, {
    scope: { path: unit.path },
    setId: PORTAL_SETS.ntm,
    asOf,
    acceptedOnly: true,
    withThresholdCheck: true,
  });
  const communes = await listScopeUnits(db, {
    scope: { path: unit.path },
    level: "commune",
    asOf,
  });
  const levels = await levelsOn(db, communes, asOf);
  const byCode = new Map(standing.units.map((u) => [u.code, u]));

  // Year by year, at each year's end (or today, in the current year), over the units then.
  const firstYear = 2021;
  const lastYear = Number(asOf.slice(0, 4));
  const progress = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const date = year === lastYear ? asOf : `${year}-12-31`;
    const then = await listScopeUnits(db, {
      scope: { path: unit.path },
      level: "commune",
      asOf: date,
    });
    const thenLevels = await levelsOn(db, then, date);
    progress.push({
      year,
      date,
      communes: then.length,
      levels: countLevels(thenLevels.values(), then.length),
    });
  }

  const rollup = standing.rollups[0];
  return {
    unit: { code: unit.code, name: unit.name, type: unit.type, level: unit.level },
    asOf,
    setId: PORTAL_SETS.ntm,
    communes: communes.length,
    levels: countLevels(levels.values(), communes.length),
    progress,
    units: communes
      .map((c) => {
        const s = byCode.get(c.code);
        return {
          code: c.code,
          name: c.name,
          level: levels.get(c.id) ?? "no_data",
          period: s?.period ?? null,
          criteriaMet: s?.criteriaMet ?? null,
          criteriaTotal: s?.criteriaTotal ?? null,
          indicatorsMet: s?.indicatorsMet ?? null,
          indicatorsTotal: s?.indicatorsTotal ?? null,
          thresholdsVerified: s?.thresholdsVerified ?? null,
        };
      })
      .sort((a, b) => vietnameseOrder.compare(a.name, b.name)),
    failingCriteria:
      rollup?.failingByCriterion.map((f) => ({
        number: f.number,
        name: f.name,
        count: f.count,
        units: f.units,
      })) ?? [],
    setVersion: rollup?.set.version ?? null,
    /** Some verdict rests on a threshold not yet checked against its decision. */
    illustrative: standing.units.some((u) => u.thresholdsVerified === false),
  };
}

/** A commune's published scorecard: each programme's signed verdict, target, recognition, history. */
export async function portalScorecard(db: Executor, params: { code: string; asOf: string }) {
  const unit = await getUnitByCode(db, params.code);
  const ref = unit && (await getUnitRef(db, params.code));
  if (!unit || !ref) return { notFound: `Không tìm thấy đơn vị ${params.code}.` } as const;
  if (unit.level !== "commune")
    return { notFound: `${params.code} không phải là một xã.` } as const;
  const parent = unit.parentCode ? await getUnitByCode(db, unit.parentCode) : undefined;
  const levels = await levelsOn(db, [{ ...ref, name: unit.name }], params.asOf);

  const sets = [];
  for (const setId of Object.values(PORTAL_SETS)) {
    const signed = await signedVerdictOn(db, { unitId: ref.id, setId, asOf: params.asOf });
    const registration = await findRegistration(db, ref.id, setId);
    const [recognition] = await listRecognitions(db, {
      unitIds: [ref.id],
      setId,
      asOf: params.asOf,
    });
    // What the public may read of the lifecycle: stage, decisions, public events, at risk.
    const lifecycle = await describeLifecycle(db, {
      unit: { ...ref, level: unit.level },
      setId,
      asOf: params.asOf,
      forPublic: true,
    });
    if (!signed && !registration && !recognition && lifecycle.decisions.length === 0) continue;
    const verdict = signed?.verdict;
    sets.push({
      setId,
      title: verdict?.set.title ?? setId,
      setVersion: signed?.setVersion ?? null,
      period: signed?.period ?? null,
      status: verdict?.status ?? null,
      summary: verdict?.summary ?? null,
      criteriaMet: verdict?.criteriaMet ?? null,
      criteriaTotal: verdict?.criteriaTotal ?? null,
      indicatorsMet: verdict?.indicatorsMet ?? null,
      indicatorsTotal: verdict?.indicatorsTotal ?? null,
      targetYear: registration?.targetYear ?? null,
      recognisedIn: recognition?.period ?? null,
      lifecycle: {
        stage: lifecycle.stage,
        stageLabel: lifecycle.stageLabel,
        recognised: lifecycle.recognised,
        atRisk: lifecycle.atRisk,
        decisions: lifecycle.decisions.map((d) => ({
          kind: d.kind,
          level: d.level,
          number: d.number,
          decidedOn: d.decidedOn,
          signer: d.signer,
          standing: d.standing,
          overridden: d.overridden,
          illustrative: d.illustrative,
          text: d.text,
        })),
        timeline: lifecycle.timeline,
      },
      criteria:
        verdict?.criteria.map((criterion) => ({
          number: criterion.number,
          name: criterion.name,
          status: criterion.status,
          indicatorsMet: criterion.indicatorsMet,
          indicatorsApplicable: criterion.indicatorsApplicable,
          indicators: criterion.indicators.map((indicator) => {
            const threshold = "threshold" in indicator ? indicator.threshold : undefined;
            const provenance = threshold?.reason.provenance ?? null;
            return {
              code: indicator.code,
              name: signed?.indicatorNames.get(indicator.code) ?? null,
              status: indicator.status,
              value: "measured" in indicator ? indicator.measured : null,
              comparator: threshold?.comparator ?? null,
              threshold: threshold?.value ?? null,
              unitOfMeasure: threshold?.unitOfMeasure ?? null,
              source: provenance?.source ?? null,
              verified: provenance ? provenance.verified : null,
            };
          }),
        })) ?? [],
    });
  }

  const predecessors = await listPredecessors(db, ref.id);
  const history = (
    await listVerdictHistory(db, {
      unitIds: [ref.id, ...predecessors.map((p) => p.id)],
      setId: PORTAL_SETS.ntm,
      acceptedOnly: true,
    })
  )
    // The verdict each accepted report shows: the one signed.
    .filter((row) => row.shown && row.signedAt !== null)
    .map((row) => ({
      code: row.unitCode,
      name: row.unitName,
      period: row.period,
      setVersion: row.setVersion,
      status: row.verdictStatus,
      criteriaMet: row.criteriaMet,
      criteriaTotal: row.criteriaTotal,
      indicatorsMet: row.indicatorsMet,
      indicatorsTotal: row.indicatorsTotal,
    }));

  return {
    found: {
      unit: { code: unit.code, name: unit.name, type: unit.type },
      parent: parent ? { code: parent.code, name: parent.name, type: parent.type } : null,
      asOf: params.asOf,
      level: levels.get(ref.id) ?? "no_data",
      sets,
      predecessors: predecessors.map((p) => ({
        code: p.code,
        name: p.name,
        kind: p.kind,
        effectiveDate: p.effectiveDate,
      })),
      history,
      illustrative: sets.some((s) =>
        s.criteria.some((c) => c.indicators.some((i) => i.verified === false)),
      ),
    },
  } as const;
}

/** A criterion of a set across a province's or district's communes: who meets it, who doesn't. */
export async function portalCriterion(
  db: Executor,
  params: { setId: string; number: number; scopeCode: string; asOf: string },
) {
  const scope = await getUnitByCode(db, params.scopeCode);
  const ref = scope && (await getUnitRef(db, params.scopeCode));
  if (!scope || !ref || (scope.level !== "province" && scope.level !== "district"))
    return { notFound: `Không tìm thấy tỉnh hoặc huyện ${params.scopeCode}.` } as const;
  const communes = await listScopeUnits(db, {
    scope: { path: ref.path },
    level: "commune",
    asOf: params.asOf,
  });
  const verdicts = await listLatestVerdicts(db, {
    unitIds: communes.map((c) => c.id),
    setId: params.setId,
    asOf: params.asOf,
    acceptedOnly: true,
  });
  const outlines = await listVerdictOutlines(
    db,
    verdicts.map((v) => v.verdictId),
  );
  const first = verdicts.find((v) => v.setRowId);
  const set = first?.setRowId
    ? await loadSetVersion(db, { rowId: first.setRowId, asOf: first.asOf })
    : undefined;
  const criterion = set?.compiled.set.criteria.find((c) => c.number === params.number);
  if (!criterion)
    return {
      notFound: `Không có tiêu chí số ${params.number} của bộ ${params.setId} trong số liệu đã công bố.`,
    } as const;
  const names = new Map(communes.map((c) => [c.id, c]));
  const rows = verdicts.flatMap((v) => {
    const commune = names.get(v.unitId);
    const outcome = outlines.get(v.verdictId)?.find((c) => c.number === params.number);
    if (!commune || !outcome || outcome.status === "not_applicable") return [];
    return [
      {
        code: commune.code,
        name: commune.name,
        period: v.period,
        status: outcome.status,
        indicators: outcome.indicators
          .filter((i) => i.status !== "not_applicable")
          .map((i) => ({ code: i.code, status: i.status })),
      },
    ];
  });
  rows.sort((a, b) => vietnameseOrder.compare(a.name, b.name));
  return {
    found: {
      setId: params.setId,
      setTitle: set?.compiled.set.title ?? params.setId,
      number: criterion.number,
      name: criterion.name,
      indicators: criterion.indicators.map((i) => ({ code: i.code, name: i.name })),
      scope: { code: scope.code, name: scope.name, type: scope.type },
      asOf: params.asOf,
      meeting: rows.filter((r) => r.status === "met"),
      notMeeting: rows.filter((r) => r.status !== "met"),
      /** Some verdict rests on a threshold not yet checked against its decision. */
      illustrative:
        (
          await listVerdictsOnUnverifiedThresholds(
            db,
            verdicts.map((v) => v.verdictId),
          )
        ).size > 0,
    },
  } as const;
}

/** Units by name, ignoring case and tone marks, in Vietnamese alphabetical order. */
export async function portalSearch(db: Executor, query: string) {
  const found = await searchUnits(db, {
    query,
    levels: ["province", "district", "commune"],
    limit: 50,
  });
  return {
    query,
    results: found
      .map((u) => ({
        code: u.code,
        name: u.name,
        type: u.type,
        level: u.level,
        parentCode: u.parentCode,
      }))
      .sort((a, b) => vietnameseOrder.compare(a.name, b.name)),
  };
}

type FoundOf<T> = T extends { found: infer F } ? F : never;
export type PortalHome = Awaited<ReturnType<typeof portalHome>>;
export type PortalOverview = FoundOf<Awaited<ReturnType<typeof portalOverview>>>;
export type PortalScorecard = FoundOf<Awaited<ReturnType<typeof portalScorecard>>>;
export type PortalCriterion = FoundOf<Awaited<ReturnType<typeof portalCriterion>>>;
export type PortalSearch = Awaited<ReturnType<typeof portalSearch>>;
