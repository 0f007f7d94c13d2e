import {
  type Executor,
  findReportStatus,
  getReportingSchedule,
  getVerdictById,
  listLatestVerdicts,
  listPredecessors,
  listRecognitions,
  listRegistrations,
  listReportedSets,
  listReturnedValues,
  listVerdictHistory,
  listVerdictOutlines,
} from "@datchuan/db";
import {
  chooseSetVersion,
  type IndicatorKind,
  lastEndedPeriod,
  periodReportedUnder,
  programmeOf,
  reportDueDate,
  type SetVerdict,
  type SetVersionRef,
} from "@datchuan/domain";
import {
  listStoredVersions,
  loadJudgingSet,
  loadSetVersion,
  type StoredVersion,
} from "./criteria-sets";

type UnitRef = { id: string; code: string; path: string; level: string };

/** A set without a schedule of its own is reported yearly, due on the 25th of January. */
export const DEFAULT_SCHEDULE = { frequency: "year", dueDay: 25 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from one ISO date to another (negative when `to` is earlier). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The newest published title of each set id, for people; the id when none is published. */
function titlesOf(versions: readonly StoredVersion[]): Map<string, string> {
  const titles = new Map<string, { title: string; at: number }>();
  for (const v of versions) {
    const at = v.publishedAt?.getTime() ?? 0;
    const known = titles.get(v.setId);
    if (!known || known.at < at) titles.set(v.setId, { title: v.title, at });
  }
  return new Map([...titles].map(([id, t]) => [id, t.title]));
}

/**
 * The sets in force today that judge units of the commune's level and began after `endedOn`:
 * where an ended set's later periods are reported. Programme ids, as reports are filed.
 */
async function setsTakingOver(
  db: Executor,
  versions: readonly StoredVersion[],
  params: { unit: UnitRef; today: string; endedOn: string },
): Promise<string[]> {
  const programmes = [...new Set(versions.map((v) => programmeOf(versions, v.setId)))].sort();
  const found = [];
  for (const setId of programmes) {
    const version = chooseSetVersion(versions, {
      setId,
      unitPath: params.unit.path,
      asOf: params.today,
    });
    if (!version || !inForceOn(version, params.today) || version.effectiveFrom <= params.endedOn)
      continue;
    const judging = await loadJudgingSet(db, {
      setId,
      unitPath: params.unit.path,
      asOf: params.today,
    });
    if (judging?.compiled.set.level === params.unit.level) found.push(setId);
  }
  return found;
}

function inForceOn(version: SetVersionRef, day: string): boolean {
  return (
    version.effectiveFrom <= day && (version.effectiveTo === null || day <= version.effectiveTo)
  );
}

/**
 * A commune officer's week at a glance, per set the commune is registered for or reports under
 * (and, once one of those has ended, the sets in force that took over): where it stands, whether
 * it was recognised and what slipped since, what is due and when (today in Vietnam, from the
 * server's clock), and values returned for a fix. A set no longer in force makes no later
 * period due: its card shows its last period and its standing at its end, and names the sets
 * in force now.
 */
export async function describeCommuneHome(db: Executor, params: { unit: UnitRef; today: string }) {
  const { unit, today } = params;
  const versions = await listStoredVersions(db);
  const titles = titlesOf(versions);
  const registrations = (await listRegistrations(db, unit.path)).filter(
    (r) => r.unitCode === unit.code,
  );
  const followed = [
    ...new Set([...registrations.map((r) => r.setId), ...(await listReportedSets(db, unit.id))]),
  ];
  const judging = new Map(
    followed.map((setId) => [
      setId,
      chooseSetVersion(versions, { setId, unitPath: unit.path, asOf: today }),
    ]),
  );
  const endings = [...judging.values()]
    .map((v) => v?.effectiveTo ?? null)
    .filter((to): to is string => to !== null && to < today)
    .sort();
  // Sets that began after the first followed set ended: the commune reports later periods there.
  const takingOver = endings[0]
    ? await setsTakingOver(db, versions, { unit, today, endedOn: endings[0] })
    : [];
  const setIds = [...new Set([...followed, ...takingOver])];
  const sets = [];
  for (const setId of setIds) {
    const version =
      judging.get(setId) ?? chooseSetVersion(versions, { setId, unitPath: unit.path, asOf: today });
    const endedOn =
      version?.effectiveTo && version.effectiveTo < today ? version.effectiveTo : null;
    // An ended set is read as it stood at its end.
    const asOf = endedOn ?? today;
    const registration = registrations.find((r) => r.setId === setId);
    const [latest] = await listLatestVerdicts(db, {
      unitIds: [unit.id],
      setId,
      asOf,
      acceptedOnly: false,
    });
    const outline = latest
      ? ((await listVerdictOutlines(db, [latest.verdictId])).get(latest.verdictId) ?? [])
      : [];
    const [recognition] = await listRecognitions(db, { unitIds: [unit.id], setId, asOf });
    const schedule = (await getReportingSchedule(db, setId)) ?? DEFAULT_SCHEDULE;
    const period = version
      ? periodReportedUnder(schedule.frequency, today, {
          from: version.effectiveFrom,
          to: version.effectiveTo,
        })
      : lastEndedPeriod(schedule.frequency, today);
    const dueDate = reportDueDate(period, schedule.dueDay);
    const report = await findReportStatus(db, { unitId: unit.id, setId, period });
    const sent = report?.status === "submitted" || report?.status === "accepted";
    const daysToDue = daysFrom(today, dueDate);
    const inForceNow = endedOn
      ? (await setsTakingOver(db, versions, { unit, today, endedOn })).map((id) => ({
          setId: id,
          title: titles.get(id) ?? id,
        }))
      : [];
    sets.push({
      setId,
      title: titles.get(setId) ?? setId,
      targetYear: registration?.targetYear ?? null,
      registered: Boolean(registration),
      /** The set's last day when it is no longer in force, and the sets in force now. */
      ended: endedOn ? { on: endedOn, inForce: inForceNow } : null,
      standing: latest
        ? {
            period: latest.period,
            signed: latest.signedAt !== null,
            status: latest.status as SetVerdict["status"],
            criteriaMet: latest.criteriaMet,
            criteriaTotal: latest.criteriaTotal,
            indicatorsMet: latest.indicatorsMet,
            indicatorsTotal: latest.indicatorsTotal,
            summary: latest.summary,
          }
        : null,
      recognisedIn: recognition?.period ?? null,
      // Recognised once, it must keep every criterion: those not met now have slipped.
      slipped: recognition
        ? outline
            .filter((c) => c.status === "not_met" || c.status === "undetermined")
            .map((c) => c.number)
        : [],
      due: {
        period,
        dueDate,
        reportStatus: report?.status ?? null,
        sent,
        late: !sent && daysToDue < 0,
        daysLate: !sent && daysToDue < 0 ? -daysToDue : 0,
        daysLeft: sent || daysToDue < 0 ? 0 : daysToDue,
      },
      returned: await listReturnedValues(db, { unitId: unit.id, setId }),
    });
  }
  return { today, sets };
}

/** What the page needs of an indicator besides its verdict: its name and how it is measured. */
export interface IndicatorInfo {
  code: string;
  name: string;
  kind: IndicatorKind;
  unitOfMeasure: string;
}

/**
 * A unit's latest verdict of a set on a date, explained, with the names of its indicators from
 * the set version that judged it; undefined when it has none. Working verdicts included: this
 * is for those who may read drafts.
 */
export async function latestExplainedVerdict(
  db: Executor,
  params: { unitId: string; setId: string; asOf: string },
) {
  const [latest] = await listLatestVerdicts(db, {
    unitIds: [params.unitId],
    setId: params.setId,
    asOf: params.asOf,
    acceptedOnly: false,
  });
  if (!latest) return undefined;
  const row = (await getVerdictById(db, latest.verdictId))!;
  const set = latest.setRowId
    ? await loadSetVersion(db, { rowId: latest.setRowId, asOf: latest.asOf })
    : undefined;
  const indicators: IndicatorInfo[] =
    set?.compiled.set.criteria.flatMap((c) =>
      c.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        kind: i.kind,
        unitOfMeasure: "unitOfMeasure" in i ? (i.unitOfMeasure ?? "") : "",
      })),
    ) ?? [];
  return {
    period: latest.period,
    reportStatus: latest.reportStatus,
    signed: latest.signedAt !== null,
    verdict: row.verdict,
    indicators,
  };
}

/**
 * One criterion across a unit's periods (its predecessors' too): per period the verdict the
 * report shows — the criterion's status and counts, and per indicator its status, the compared
 * figure, the threshold applied and whether that threshold is verified.
 */
export async function criterionHistory(
  db: Executor,
  params: { unitId: string; setId: string; criterion: number },
) {
  const predecessors = await listPredecessors(db, params.unitId);
  const rows = (
    await listVerdictHistory(db, {
      unitIds: [params.unitId, ...predecessors.map((p) => p.id)],
      setId: params.setId,
      acceptedOnly: false,
    })
  ).filter((r) => r.shown);
  const points = [];
  for (const row of rows) {
    const stored = await getVerdictById(db, row.id);
    const criterion = stored?.verdict.criteria.find((c) => c.number === params.criterion);
    if (!criterion) continue;
    points.push({
      period: row.period,
      unitCode: row.unitCode,
      status: criterion.status,
      indicatorsMet: criterion.indicatorsMet,
      indicatorsApplicable: criterion.indicatorsApplicable,
      indicators: criterion.indicators.map((verdict) => {
        const measured = "measured" in verdict ? verdict.measured : null;
        const threshold = "threshold" in verdict ? verdict.threshold : null;
        return {
          code: verdict.code,
          status: verdict.status,
          value: typeof measured === "number" ? measured : null,
          threshold: typeof threshold?.value === "number" ? threshold.value : null,
          verified: threshold?.reason.provenance?.verified ?? null,
        };
      }),
    });
  }
  return points;
}
