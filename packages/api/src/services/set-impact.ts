import {
  type Executor,
  findReport,
  getStoredVerdict,
  getUnitById,
  listReportsOfUnit,
  listScopeUnits,
} from "@datchuan/db";
import {
  type CriteriaSet,
  chooseSetVersion,
  periodValidUntil,
  programmeOf,
  type SetVerdict,
} from "@datchuan/domain";
import {
  compileDraft,
  listStoredVersions,
  loadJudgingSet,
  type StoredVersion,
} from "./criteria-sets";
import { evaluateUnit } from "./evaluation";

/** A verdict's counts as the preview shows them. */
function countsOf(verdict: SetVerdict) {
  return {
    status: verdict.status,
    criteriaMet: verdict.criteriaMet,
    criteriaTotal: verdict.criteriaTotal,
    indicatorsMet: verdict.indicatorsMet,
    indicatorsTotal: verdict.indicatorsTotal,
  };
}

function thresholdOf(indicator: SetVerdict["criteria"][number]["indicators"][number]) {
  return "threshold" in indicator ? indicator.threshold.value : null;
}

/** Criteria and indicators whose status differs between two verdicts of one unit. */
function changesBetween(before: SetVerdict, after: SetVerdict) {
  const oldCriteria = new Map(before.criteria.map((c) => [c.number, c]));
  const oldIndicators = new Map(
    before.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i] as const)),
  );
  const criteria = [];
  const indicators = [];
  for (const criterion of after.criteria) {
    const old = oldCriteria.get(criterion.number);
    if (old?.status !== criterion.status)
      criteria.push({
        number: criterion.number,
        name: criterion.name,
        before: old?.status ?? "absent",
        after: criterion.status,
      });
    for (const indicator of criterion.indicators) {
      const previous = oldIndicators.get(indicator.code);
      if (previous?.status === indicator.status) continue;
      indicators.push({
        code: indicator.code,
        criterion: criterion.number,
        before: previous?.status ?? "absent",
        after: indicator.status,
        measured: "measured" in indicator ? indicator.measured : null,
        thresholdBefore: previous ? thresholdOf(previous) : null,
        thresholdAfter: thresholdOf(indicator),
      });
    }
  }
  return { criteria, indicators };
}

/**
 * Which units' verdicts a draft would change if it were published (preview before publishing):
 * for each unit of the set's level under its owner, the latest report of the programme whose
 * period ended by `date`, judged from stored values by the version that judges it now and by
 * the draft — only where the draft would be the set chosen for that unit on that date. Nothing
 * is stored. Units flip when the set or a criterion moves between met and not met (or any other
 * status); indicator changes are listed so the office sees why.
 *
 * Publishing judges every report again, but a report accepted with a signed verdict keeps
 * showing that verdict (the stored verdicts' `shownVerdictId`) — on the dashboard, working or
 * signed — until the period is reopened and reviewed again. So each unit says which verdict it
 * shows: `signed` (its flip waits for a new review) or `working` (draft, submitted, returned:
 * its flip shows as soon as the version is published).
 */
export async function previewSetImpact(
  db: Executor,
  params: {
    set: CriteriaSet;
    rowId: string;
    ownerPath: string | null;
    date: string;
  },
) {
  const { set, date } = params;
  const stored = await listStoredVersions(db);
  const versions = stored.filter((v) => v.id !== params.rowId);
  const programme = programmeOf(versions, set.adapts?.id ?? set.id);
  // The draft as the chooser would see it once published: the latest publication of its start.
  const candidate: StoredVersion = {
    ...(stored[0] as StoredVersion),
    id: params.rowId,
    setId: set.id,
    version: set.version,
    title: set.title,
    ownerPath: params.ownerPath,
    effectiveFrom: set.effective.from,
    effectiveTo: set.effective.to ?? null,
    adaptsSetId: set.adapts?.id ?? null,
    adaptsVersion: set.adapts?.version ?? null,
    adapts: set.adapts?.id ?? null,
    publishedAt: new Date("9999-12-31T00:00:00Z"),
    status: "published",
  };
  const withDraft = [...versions, candidate];
  const units = await listScopeUnits(db, {
    scope: { path: params.ownerPath ?? "/" },
    level: set.level,
    asOf: date,
  });
  const compiledByAsOf = new Map<string, Awaited<ReturnType<typeof compileDraft>>>();
  const rows = [];
  let withoutReport = 0;
  for (const unit of units) {
    const latest = (await listReportsOfUnit(db, unit.id))
      .filter((r) => r.setId === programme && periodValidUntil(r.period) <= date)
      .sort((a, b) => periodValidUntil(b.period).localeCompare(periodValidUntil(a.period)))[0];
    if (!latest) {
      withoutReport++;
      continue;
    }
    const asOf = periodValidUntil(latest.period);
    const chosen = chooseSetVersion(withDraft, { setId: programme, unitPath: unit.path, asOf });
    const current = await loadJudgingSet(db, { setId: programme, unitPath: unit.path, asOf });
    const full = await getUnitById(db, unit.id);
    if (!current || !full) continue;
    const before = await evaluateUnit(db, current.compiled, full, latest);
    let after = before;
    const governed = chosen?.id === params.rowId;
    if (governed) {
      let compiled = compiledByAsOf.get(asOf);
      if (!compiled) {
        compiled = await compileDraft(db, set, asOf);
        compiledByAsOf.set(asOf, compiled);
      }
      after = await evaluateUnit(db, compiled, full, latest);
    }
    const changes = changesBetween(before, after);
    const report = await findReport(db, {
      unitId: unit.id,
      setId: latest.setId,
      period: latest.period,
    });
    const shown = await getStoredVerdict(db, latest.id);
    const signed = report?.status === "accepted" && shown?.signedAt != null;
    rows.push({
      code: unit.code,
      name: unit.name,
      period: latest.period,
      governed,
      shown: signed ? ("signed" as const) : ("working" as const),
      judgedBy: { setId: current.row.setId, version: current.row.version },
      before: countsOf(before),
      after: countsOf(after),
      flips: before.status !== after.status || changes.criteria.length > 0,
      ...changes,
    });
  }
  return {
    date,
    programme,
    units: rows,
    withoutReport,
    flipped: rows.filter((r) => r.flips).length,
    /** Flips the dashboard shows as soon as the draft is published (working verdicts). */
    flippedOnPublish: rows.filter((r) => r.flips && r.shown === "working").length,
    /** Flips held back: the signed verdict stays shown until the report is reviewed again. */
    flippedKeptSigned: rows.filter((r) => r.flips && r.shown === "signed").length,
  };
}
