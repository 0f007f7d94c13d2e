import {
  type Executor,
  findRegistration,
  listAppraisals,
  listAppraisers,
  listDecisions,
  listDossierItems,
  listLatestVerdicts,
  listRoadmapItems,
  listVerdictOutlines,
  type RecognitionDecisionRow,
  type StandingSnapshot,
} from "@datchuan/db";
import {
  appraisalProgress,
  assessRevocation,
  describeRoadmapStep,
  dossierCompleteness,
  formatDate,
  LIFECYCLE_STAGE_LABELS,
  lifecycleStage,
  maintenanceRisk,
  orderTimeline,
  quarterEnd,
  RECOGNITION_LEVEL_LABELS,
  recognitionInForce,
  type TimelineEvent,
  type UnitLevel,
  vietnamDate,
} from "@datchuan/domain";
import { listStoredVersions, loadJudgingSet } from "./criteria-sets";

/**
 * The set a unit's dossier is judged by on `asOf`: the version in force then, or, once the set
 * has expired (a 2021–2025 programme read in 2026), the version in force on its last day —
 * recognition under a programme outlives the programme's period.
 */
export async function lifecycleSet(
  db: Executor,
  params: { setId: string; unitPath: string; asOf: string },
) {
  const inForce = await loadJudgingSet(db, params);
  if (inForce) return inForce;
  const lastDay = (await listStoredVersions(db))
    .filter((v) => v.setId === params.setId && v.effectiveFrom <= params.asOf && v.effectiveTo)
    .map((v) => v.effectiveTo!)
    .filter((to) => to < params.asOf)
    .sort()
    .at(-1);
  return lastDay ? loadJudgingSet(db, { ...params, asOf: lastDay }) : undefined;
}

export interface LifecycleUnit {
  id: string;
  code: string;
  path: string;
  level: UnitLevel;
}

const UNIT_WORD: Partial<Record<UnitLevel, string>> = { commune: "xã", village: "thôn" };

/** The unit's standing under a set on a date from its stored verdicts (signed only, or any). */
export async function standingOn(
  db: Executor,
  params: { unitId: string; setId: string; asOf: string; acceptedOnly: boolean },
) {
  const [latest] = await listLatestVerdicts(db, {
    unitIds: [params.unitId],
    setId: params.setId,
    asOf: params.asOf,
    acceptedOnly: params.acceptedOnly,
  });
  if (!latest) return null;
  const outline = (await listVerdictOutlines(db, [latest.verdictId])).get(latest.verdictId) ?? [];
  const snapshot: StandingSnapshot = {
    period: latest.period,
    status: latest.status as StandingSnapshot["status"],
    criteriaMet: latest.criteriaMet,
    criteriaTotal: latest.criteriaTotal,
    indicatorsMet: latest.indicatorsMet,
    indicatorsTotal: latest.indicatorsTotal,
    signed: latest.signedAt !== null,
  };
  return { snapshot, setRowId: latest.setRowId, asOf: latest.asOf, outline };
}

function decisionText(d: RecognitionDecisionRow): string {
  const head =
    d.kind === "recognition"
      ? `Quyết định số ${d.number} công nhận ${RECOGNITION_LEVEL_LABELS[d.level ?? "ntm"].toLowerCase()}`
      : `Quyết định số ${d.number} thu hồi quyết định công nhận`;
  return `${head} (${d.signer} ký ngày ${formatDate(d.decidedOn)}).`;
}

/**
 * Everything about a unit's lifecycle under a set on `asOf`: registration and roadmap, dossier
 * and its completeness, appraisals, decisions, stage, maintenance risk and the timeline. With
 * `forPublic`, only what the public may read: decisions, stage and the timeline's public events,
 * judged on signed verdicts; never notes, opinions or document names.
 */
export async function describeLifecycle(
  db: Executor,
  params: { unit: LifecycleUnit; setId: string; asOf: string; forPublic: boolean },
) {
  const { unit, setId, asOf, forPublic } = params;
  const registration = (await findRegistration(db, unit.id, setId)) ?? null;
  const roadmap = registration ? await listRoadmapItems(db, registration.id) : [];
  const dossier = await listDossierItems(db, { unitId: unit.id, setId });
  const appraisals = await listAppraisals(db, { unitId: unit.id, setId });
  const appraisers = await listAppraisers(db, unit.path);
  const decisions = await listDecisions(db, { unitId: unit.id, setId });
  const judging = await lifecycleSet(db, { setId, unitPath: unit.path, asOf });
  const criteria =
    judging?.compiled.set.criteria.map((c) => ({ number: c.number, name: c.name })) ?? [];
  const completeness = dossierCompleteness(
    dossier.map((d) => ({ ...d, documents: d.documents.length })),
    criteria.map((c) => c.number),
    UNIT_WORD[unit.level] ?? "đơn vị",
  );
  const progress = appraisalProgress(appraisals, appraisers);
  const standing = await standingOn(db, { unitId: unit.id, setId, asOf, acceptedOnly: forPublic });
  const stage = lifecycleStage({
    registered: registration !== null,
    dossier: completeness,
    appraisalsSent: progress.sent,
    decisions,
    asOf,
    standingStatus: standing?.snapshot.status ?? null,
  });
  const inForce = recognitionInForce(decisions, asOf);
  const risk =
    inForce && standing
      ? (() => {
          const slipping = maintenanceRisk({
            status: standing.snapshot.status,
            criteria: standing.outline,
          });
          if (!slipping) return null;
          const set = judging?.compiled.set;
          return {
            period: standing.snapshot.period,
            ...slipping,
            revocation: set
              ? assessRevocation(
                  {
                    set: { id: setId },
                    unit: { code: unit.code },
                    status: standing.snapshot.status,
                    criteria: standing.outline,
                  },
                  set,
                )
              : null,
          };
        })()
      : null;

  const roadmapSteps = [];
  for (const step of roadmap) {
    const end = quarterEnd(step.year, step.quarter);
    const atEnd =
      end <= asOf
        ? await standingOn(db, { unitId: unit.id, setId, asOf: end, acceptedOnly: forPublic })
        : null;
    const met = atEnd
      ? new Set(atEnd.outline.filter((c) => c.status === "met").map((c) => c.number))
      : undefined;
    roadmapSteps.push({ ...step, ...describeRoadmapStep(step, met) });
  }

  const events: TimelineEvent[] = [];
  if (registration)
    events.push({
      date: vietnamDate(registration.createdAt),
      kind: "registration",
      text: `Đăng ký đạt chuẩn năm ${registration.targetYear}.`,
      public: true,
    });
  for (const step of roadmapSteps)
    events.push({
      date: quarterEnd(step.year, step.quarter),
      kind: "roadmap",
      text: step.text,
      public: false,
    });
  const lastDossier = dossier
    .map((d) => d.updatedAt.toISOString().slice(0, 10))
    .sort()
    .at(-1);
  if (lastDossier)
    events.push({ date: lastDossier, kind: "dossier", text: completeness.text, public: false });
  for (const a of appraisals) {
    events.push({
      date: a.sentOn,
      kind: "appraisal_sent",
      text: `Gửi hồ sơ đến ngành ${a.department} để thẩm định.`,
      public: false,
    });
    if (a.visitedOn)
      events.push({
        date: a.visitedOn,
        kind: "appraisal_visit",
        text: `Ngành ${a.department} về kiểm tra${a.agrees === false ? ", chưa thống nhất" : ", thống nhất"}.`,
        public: false,
      });
  }
  for (const d of decisions)
    events.push({
      date: d.decidedOn,
      kind: d.kind,
      text: decisionText(d),
      public: true,
      illustrative: d.illustrative,
    });
  const timeline = orderTimeline(events.filter((e) => e.date <= asOf && (!forPublic || e.public)));

  const publicDecisions = decisions
    .filter((d) => d.decidedOn <= asOf)
    .map((d) => ({
      id: d.id,
      kind: d.kind,
      level: d.level,
      number: d.number,
      decidedOn: d.decidedOn,
      signer: d.signer,
      standing: d.standing,
      overridden: d.overrideReason !== null,
      illustrative: d.illustrative,
      text: decisionText(d),
    }));
  const shared = {
    setId,
    asOf,
    stage,
    stageLabel: LIFECYCLE_STAGE_LABELS[stage],
    recognised: inForce
      ? { number: inForce.number, decidedOn: inForce.decidedOn, level: inForce.level }
      : null,
    standing: standing?.snapshot ?? null,
    atRisk: risk,
    decisions: publicDecisions,
    timeline,
    targetYear: registration?.targetYear ?? null,
  };
  if (forPublic) return { ...shared, internal: null };
  return {
    ...shared,
    internal: {
      registration,
      criteria,
      roadmap: roadmapSteps,
      dossier,
      completeness,
      appraisers,
      appraisals,
      appraisalProgress: progress,
      decisions: decisions.map((d) => ({
        ...d,
        text: decisionText(d),
      })),
    },
  };
}
