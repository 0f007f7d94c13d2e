import {
  type CompiledCriteriaSet,
  chooseSetVersion,
  compileCriteriaSet,
  evaluate,
  periodValidUntil,
  type ValueMap,
  versionInForce,
} from "@datchuan/domain";
import type { Executor } from "../database";
import { recordAudit } from "../queries/audit";
import {
  getSetDefinition,
  listPublishedSetVersions,
  type PublishedSetVersion,
} from "../queries/criteria-sets";
import {
  acceptSubmittedValues,
  getOrCreateReport,
  insertDraftValues,
  settleReportStatus,
  submitReport,
} from "../queries/reports";
import { getUnitAttributes } from "../queries/unit-attributes";
import { signVerdict, storeVerdict } from "../queries/verdicts";

/** The set judging a unit, compiled, with the row and basis its verdicts are stored under. */
export interface SeedJudgingSet {
  compiled: CompiledCriteriaSet;
  setRowId: string;
  basis: string;
}

/** What one seeding run has read and compiled. */
export interface SeedJudgingCache {
  versions?: Array<PublishedSetVersion & { adapts: string | null }>;
  compiled: Map<string, SeedJudgingSet>;
}

/**
 * Chooses and compiles the judging set as the API does (packages/api/src/services/
 * criteria-sets.ts `loadJudgingSet`), for the demo's sets only: a national set or one
 * adaptation of it, without sets referred to. The basis string has the API's form, so a later
 * re-evaluation by the server recognises the seeded verdicts as judged on the same basis.
 */
export async function seedJudgingSet(
  db: Executor,
  params: { setId: string; unitPath: string; asOf: string },
  cache: SeedJudgingCache,
): Promise<SeedJudgingSet> {
  // The seed publishes no set while it files reports: the versions are read once.
  cache.versions ??= (await listPublishedSetVersions(db)).map((v) => ({
    ...v,
    adapts: v.adaptsSetId,
  }));
  const versions = cache.versions;
  const row = chooseSetVersion(versions, params);
  if (!row) throw new Error(`No set judges ${params.unitPath} for ${params.setId}`);
  const parentRow = row.adaptsSetId
    ? versionInForce(versions, row.adaptsSetId, params.asOf)
    : undefined;
  const basis = parentRow ? `${row.id}<(${parentRow.id})` : row.id;
  const cached = cache.compiled.get(basis);
  if (cached) return cached;
  const set = (await getSetDefinition(db, row.id))!;
  const parent = parentRow ? await getSetDefinition(db, parentRow.id) : undefined;
  if (parent?.adapts) throw new Error(`Demo seed judges with one adaptation level only`);
  const judging = { compiled: compileCriteriaSet(set, { parent }), setRowId: row.id, basis };
  cache.compiled.set(basis, judging);
  return judging;
}

/**
 * Files one accepted report through the states the API's procedures take it, in a transaction of
 * its own: the officer enters every value (the verdict is stored with them) and submits, the
 * district accepts the values, the report settles as accepted and locked, and the verdict it
 * shows is signed. Values go in and are accepted in one statement each: one by one, through
 * `saveIndicatorValue` and `reviewIndicatorValue`, the 112 reports took ~50 s on PGlite.
 */
export async function insertAcceptedReport(
  db: Executor,
  params: {
    unit: { id: string; code: string; name: string; path: string };
    setId: string;
    period: string;
    values: ValueMap;
    judging: SeedJudgingSet;
    officerId: string;
    reviewerId: string;
    evidenceNote: string;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const report = await getOrCreateReport(tx, {
      unitId: params.unit.id,
      setId: params.setId,
      period: params.period,
    });
    const saved = await insertDraftValues(tx, {
      reportId: report.id,
      values: Object.entries(params.values).flatMap(([indicatorCode, value]) =>
        value ? [{ indicatorCode, value }] : [],
      ),
      evidenceNote: params.evidenceNote,
      enteredBy: params.officerId,
    });
    const asOf = periodValidUntil(params.period);
    // The verdict the officer's last save stored: evaluated on the values as saved.
    const stored: Record<string, ValueMap[string]> = {};
    for (const v of saved) stored[v.indicatorCode] = v.value;
    const verdict = evaluate(
      params.judging.compiled,
      {
        code: params.unit.code,
        name: params.unit.name,
        attributes: await getUnitAttributes(tx, params.unit.id, asOf),
      },
      stored,
      asOf,
    );
    await storeVerdict(tx, {
      reportId: report.id,
      setRowId: params.judging.setRowId,
      basis: params.judging.basis,
      locked: false,
      verdict,
    });
    const submitted = await submitReport(tx, {
      reportId: report.id,
      userId: params.officerId,
      expectedRowVersion: report.rowVersion,
    });
    if (!submitted) throw new Error(`Demo report ${params.unit.code} ${params.period} not sent`);
    const accepted = await acceptSubmittedValues(tx, {
      reportId: report.id,
      reviewerId: params.reviewerId,
    });
    if (accepted.length !== saved.length)
      throw new Error(`Demo report ${params.unit.code} partly reviewed`);
    const settled = await settleReportStatus(tx, report.id);
    if (settled?.status !== "accepted") throw new Error(`Demo report ${params.unit.code} open`);
    await signVerdict(tx, report.id);
    // One entry for the whole filing, so the audit log says where the demo history came from.
    await recordAudit(tx, {
      actorUserId: params.reviewerId,
      action: "report.import",
      entity: "report",
      entityId: report.id,
      unitPath: params.unit.path,
      before: null,
      after: { status: settled.status, values: saved.length, note: params.evidenceNote },
    });
  });
}
