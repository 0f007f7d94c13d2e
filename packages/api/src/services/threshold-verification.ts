import {
  type Executor,
  enqueueReevaluation,
  getCriteriaSetRow,
  getSetDefinition,
  insertDraftSet,
  listCriteriaSets,
  listReportsUnder,
  lockSetId,
  publishDraftSet,
  recordAudit,
  updateDraftSet,
} from "@datchuan/db";
import {
  applyThresholdVerification,
  CriteriaSetError,
  type CriteriaSetInput,
  can,
  criteriaSetSchema,
  criteriaSetTarget,
  programmeOf,
  type RoleAssignment,
  type ThresholdVerification,
  ThresholdVerificationError,
  thresholdWorklist,
  versionInForce,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { refuseField, throwConflict } from "../trpc";
import { compileDraft, listStoredVersions } from "./criteria-sets";

/** A set applies where a viewer works when its owner is above, at or below one of their scopes. */
function concerns(roles: readonly RoleAssignment[], ownerPath: string | null): boolean {
  return roles.some(
    (r) =>
      r.scopePath === null ||
      ownerPath === null ||
      r.scopePath.startsWith(ownerPath) ||
      ownerPath.startsWith(r.scopePath),
  );
}

/**
 * The threshold worklist (ngưỡng cần xác minh): for each set id that applies to the viewer's
 * units, its version in force today (else the last that took effect, which still judges the
 * reports of its years), every own threshold that is empty, unverified or illustrative. Rules a
 * set inherits are listed under the set that wrote them. `mayVerify`: the viewer manages the set.
 */
export async function listThresholdWorklist(
  db: Executor,
  params: { roles: readonly RoleAssignment[]; today: string },
) {
  const versions = await listStoredVersions(db);
  const setIds = [...new Set(versions.map((v) => v.setId))].sort();
  const sets = [];
  for (const setId of setIds) {
    const row = versionInForce(versions, setId, params.today);
    if (!row || !concerns(params.roles, row.ownerPath)) continue;
    const definition = await getSetDefinition(db, row.id);
    if (!definition) continue;
    const items = thresholdWorklist(definition);
    sets.push({
      id: row.id,
      setId: row.setId,
      version: row.version,
      title: row.title,
      ownerPath: row.ownerPath,
      adapts: row.adaptsSetId,
      mayVerify: can(params.roles, "criteria_set.manage", criteriaSetTarget(row.ownerPath)),
      items,
    });
  }
  return sets;
}

function refuse(message: string): never {
  throw new TRPCError({ code: "BAD_REQUEST", message });
}

/** The next free version string for a verification of `version`: "2022-minh-hoa+kc1", "+kc2"… */
function nextVerifiedVersion(version: string, taken: readonly string[]): string {
  const base = version.replace(/\+kc\d+$/u, "");
  let n = 1;
  while (taken.includes(`${base}+kc${n}`)) n++;
  return `${base}+kc${n}`;
}

/**
 * Records a threshold's legal source and marks it verified, in one audited action.
 *
 * A draft is changed in place (under its row version, as any save). A published version never
 * changes, so the verification becomes a NEW VERSION of the same set whose only change is that
 * rule's provenance (and its value, when the threshold was empty), published at once with the
 * same effective period — among versions starting the same day the later publication is in
 * force — and its reports re-evaluated as any publish. We chose this over writing into a draft:
 * an office completing a set verifies thresholds one by one against the decision, and each
 * check should count at once and be traceable to its own version and audit event, without
 * waiting on an unrelated draft's publication. Verifying an older version, superseded by a
 * later publication of the same start, is a CONFLICT: check the current one.
 *
 * The caller has authorised `criteria_set.manage` on the set's owner (a district admin cannot
 * touch a national set) and runs this in a transaction.
 */
export async function verifyThreshold(
  tx: Executor,
  params: {
    actorUserId: string;
    rowId: string;
    expectedRowVersion: number;
    verification: ThresholdVerification;
  },
) {
  const row = await getCriteriaSetRow(tx, params.rowId);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bộ tiêu chí." });
  await lockSetId(tx, row.setId);
  const current = (await getCriteriaSetRow(tx, params.rowId))!;
  if (current.rowVersion !== params.expectedRowVersion)
    throwConflict("Bộ tiêu chí vừa được thay đổi ở nơi khác; hãy tải lại danh sách.", current);
  let applied: ReturnType<typeof applyThresholdVerification>;
  try {
    applied = applyThresholdVerification(
      current.definition as CriteriaSetInput,
      params.verification,
    );
  } catch (error) {
    if (error instanceof ThresholdVerificationError && error.field)
      refuseField("BAD_REQUEST", error.field, error.message);
    refuse(error instanceof Error ? error.message : String(error));
  }
  const audit = {
    actorUserId: params.actorUserId,
    action: "criteria_set.verify_threshold",
    entity: "criteria_set",
    unitPath: current.ownerPath ?? "/",
  };
  const where = {
    setId: current.setId,
    indicator: params.verification.indicator,
    ruleIndex: params.verification.ruleIndex,
  };

  if (current.status === "draft") {
    const updated = await updateDraftSet(tx, {
      id: current.id,
      definition: applied.definition,
      expectedRowVersion: params.expectedRowVersion,
    });
    if (!updated) throwConflict("Bản nháp vừa được thay đổi ở nơi khác.", current);
    await recordAudit(tx, {
      ...audit,
      entityId: current.id,
      before: { ...where, version: current.version, ...(applied.before as object) },
      after: { ...where, version: current.version, ...(applied.after as object) },
    });
    return {
      id: updated.id,
      version: updated.version,
      status: "draft" as const,
      reevaluation: null,
    };
  }

  const all = (await listCriteriaSets(tx)).filter((s) => s.setId === current.setId);
  const superseded = all.some(
    (s) =>
      s.id !== current.id &&
      s.status === "published" &&
      s.effectiveFrom === current.effectiveFrom &&
      s.publishedAt !== null &&
      current.publishedAt !== null &&
      new Date(s.publishedAt) > new Date(current.publishedAt),
  );
  if (superseded)
    throwConflict(
      "Phiên bản này đã có bản ban hành sau thay thế; hãy xác minh trên phiên bản hiện hành.",
      current,
    );
  const version = nextVerifiedVersion(
    current.version,
    all.map((s) => s.version),
  );
  const definition = { ...applied.definition, version };
  const parsed = criteriaSetSchema.safeParse(definition);
  if (!parsed.success) refuse("Bộ tiêu chí sau khi xác minh không hợp lệ.");
  try {
    await compileDraft(tx, parsed.data);
  } catch (error) {
    if (error instanceof CriteriaSetError)
      refuse(`Bộ tiêu chí không hợp lệ: ${error.issues.join("; ")}`);
    throw error;
  }
  const draft = await insertDraftSet(tx, { definition, ownerUnitId: current.ownerUnitId });
  const published = await publishDraftSet(tx, {
    id: draft.id,
    expectedRowVersion: draft.rowVersion,
  });
  if (!published) throwConflict("Không ban hành được phiên bản đã xác minh.", current);
  const versions = await listStoredVersions(tx);
  const reports = await listReportsUnder(tx, {
    setId: programmeOf(versions, published.setId),
    pathPrefix: published.ownerPath ?? "/",
  });
  const job = await enqueueReevaluation(tx, {
    setRowId: published.id,
    reportIds: reports.map((r) => r.id),
  });
  await recordAudit(tx, {
    ...audit,
    entityId: published.id,
    before: { ...where, version: current.version, ...(applied.before as object) },
    after: {
      ...where,
      version,
      ...(applied.after as object),
      reevaluationJobId: job.id,
      reportsToReevaluate: job.total,
    },
  });
  return {
    id: published.id,
    version,
    status: "published" as const,
    reevaluation: { jobId: job.id, total: job.total },
  };
}
