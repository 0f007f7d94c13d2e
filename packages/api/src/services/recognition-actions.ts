import {
  deleteRoadmapItem,
  type Executor,
  findDossierItem,
  findRegistration,
  getAppraisal,
  getRoadmapItem,
  insertAppraisals,
  insertDecision,
  insertRoadmapItem,
  listAppraisals,
  listAppraisers,
  listDecisions,
  lockUnitDecisions,
  recordAudit,
  saveDossierItem,
  updateAppraisal,
  updateRoadmapItem,
} from "@datchuan/db";
import {
  can,
  decisionProblems,
  formatDate,
  isAppraiser,
  quarterEnd,
  type RecognitionLevel,
  recognitionInForce,
  recognitionStandingProblem,
  type UnitLevel,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { throwConflict, type Viewer } from "../trpc";
import { lifecycleSet, standingOn } from "./recognition";

/**
 * The writes of the recognition lifecycle. Who may do what:
 * - roadmap and dossier: the unit's own officer (who submits its reports; a commune officer also
 *   for the villages below) and the admins over it;
 * - sending to appraisal, decisions and revocations: admins over the unit (target.manage);
 * - an appraisal's visit and opinion: those admins, or a reviewer of that very department.
 * Every write is one transaction, audited, and version-checked where it changes a row.
 */
export interface ActingUnit {
  id: string;
  code: string;
  path: string;
  level: UnitLevel;
}

const bad = (message: string): never => {
  throw new TRPCError({ code: "BAD_REQUEST", message });
};
const forbidden = (message: string): never => {
  throw new TRPCError({ code: "FORBIDDEN", message });
};

export function requireLifecycleLevel(unit: ActingUnit) {
  if (unit.level !== "commune" && unit.level !== "village")
    bad("Hồ sơ công nhận chỉ lập cho xã hoặc thôn (thôn kiểu mẫu).");
}

function target(unit: ActingUnit) {
  return { unitPath: unit.path, unitLevel: unit.level };
}

export function mayKeepDossier(viewer: Viewer, unit: ActingUnit): boolean {
  return (
    can(viewer.roles, "report.submit", target(unit)) ||
    can(viewer.roles, "target.manage", target(unit))
  );
}

export function authorizeDossier(viewer: Viewer, unit: ActingUnit) {
  if (!mayKeepDossier(viewer, unit))
    forbidden("Chỉ cán bộ của đơn vị và cán bộ quản trị cấp trên được cập nhật lộ trình, hồ sơ.");
}

export function authorizeDecision(viewer: Viewer, unit: ActingUnit) {
  if (!can(viewer.roles, "target.manage", target(unit)))
    forbidden("Chỉ cán bộ quản trị cấp trên của đơn vị được gửi thẩm định và ghi quyết định.");
}

export interface RoadmapInput {
  year: number;
  quarter: number;
  criterionNumbers: number[];
  note: string | null;
}

async function requireCriteria(
  db: Executor,
  unit: ActingUnit,
  setId: string,
  numbers: readonly number[],
  asOf: string,
) {
  const judging = await lifecycleSet(db, { setId, unitPath: unit.path, asOf });
  if (!judging) bad(`Chưa có bộ tiêu chí ${setId} đã ban hành áp dụng cho đơn vị này.`);
  const known = new Set(judging!.compiled.set.criteria.map((c) => c.number));
  const unknown = numbers.filter((n) => !known.has(n));
  if (unknown.length > 0) bad(`Bộ tiêu chí ${setId} không có tiêu chí số ${unknown.join(", ")}.`);
}

export async function saveRoadmapStep(
  db: Executor,
  viewer: Viewer,
  params: RoadmapInput & {
    unit: ActingUnit;
    setId: string;
    id: string | null;
    expectedRowVersion: number | null;
  },
) {
  const { unit, setId, id, expectedRowVersion, ...fields } = params;
  authorizeDossier(viewer, unit);
  const registration = await findRegistration(db, unit.id, setId);
  if (!registration)
    bad("Đơn vị chưa đăng ký đạt chuẩn theo bộ tiêu chí này; đăng ký trước khi lập lộ trình.");
  if (fields.year > registration!.targetYear)
    bad(`Lộ trình phải xong trước năm đăng ký đạt chuẩn (${registration!.targetYear}).`);
  await requireCriteria(
    db,
    unit,
    setId,
    fields.criterionNumbers,
    quarterEnd(fields.year, fields.quarter),
  );
  return db.transaction(async (tx) => {
    if (id === null) {
      const created = await insertRoadmapItem(tx, {
        ...fields,
        registrationId: registration!.id,
        userId: viewer.id,
      });
      await recordAudit(tx, {
        actorUserId: viewer.id,
        action: "roadmap.create",
        entity: "roadmap_item",
        entityId: created.id,
        unitPath: unit.path,
        after: created,
      });
      return created;
    }
    if (expectedRowVersion === null) bad("Thiếu phiên bản của bước lộ trình đang sửa.");
    const before = await getRoadmapItem(tx, id);
    if (!before || before.registrationId !== registration!.id)
      throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bước lộ trình." });
    const after = await updateRoadmapItem(tx, {
      ...fields,
      id,
      expectedRowVersion: expectedRowVersion!,
    });
    if (!after)
      throwConflict(
        "Bước lộ trình này vừa được người khác sửa. Xem bản hiện tại rồi sửa lại.",
        before,
      );
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "roadmap.update",
      entity: "roadmap_item",
      entityId: id,
      unitPath: unit.path,
      before,
      after,
    });
    return after!;
  });
}

export async function removeRoadmapStep(
  db: Executor,
  viewer: Viewer,
  params: { unit: ActingUnit; setId: string; id: string; expectedRowVersion: number },
) {
  authorizeDossier(viewer, params.unit);
  const registration = await findRegistration(db, params.unit.id, params.setId);
  return db.transaction(async (tx) => {
    const before = await getRoadmapItem(tx, params.id);
    if (!before || before.registrationId !== registration?.id)
      throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bước lộ trình." });
    if (!(await deleteRoadmapItem(tx, params)))
      throwConflict(
        "Bước lộ trình này vừa được người khác sửa. Xem bản hiện tại trước khi xóa.",
        before,
      );
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "roadmap.delete",
      entity: "roadmap_item",
      entityId: params.id,
      unitPath: params.unit.path,
      before,
    });
    return { id: params.id };
  });
}

export async function saveDossier(
  db: Executor,
  viewer: Viewer,
  params: {
    unit: ActingUnit;
    setId: string;
    criterionNumber: number | null;
    complete: boolean;
    note: string | null;
    expectedRowVersion: number | null;
    /** Which version's criteria the item is checked against: the one in force today. */
    today: string;
  },
) {
  const { unit, today: _today, ...fields } = params;
  authorizeDossier(viewer, unit);
  if (fields.criterionNumber !== null)
    await requireCriteria(db, unit, fields.setId, [fields.criterionNumber], params.today);
  return db.transaction(async (tx) => {
    const before = await findDossierItem(tx, { unitId: unit.id, ...fields });
    const after = await saveDossierItem(tx, { ...fields, unitId: unit.id, userId: viewer.id });
    if (!after)
      throwConflict(
        "Mục hồ sơ này vừa được người khác cập nhật. Xem bản hiện tại rồi sửa lại.",
        before ?? null,
      );
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: before ? "dossier.update" : "dossier.create",
      entity: "dossier_item",
      entityId: after!.id,
      unitPath: unit.path,
      before: before ?? null,
      after,
    });
    return after!;
  });
}

export async function sendToAppraisal(
  db: Executor,
  viewer: Viewer,
  params: { unit: ActingUnit; setId: string; departments: string[]; sentOn: string },
) {
  const { unit, setId, sentOn } = params;
  authorizeDecision(viewer, unit);
  const appraisers = await listAppraisers(db, unit.path);
  const departments = [...new Set(params.departments.map((d) => d.normalize("NFC")))];
  const strangers = departments.filter((d) => !isAppraiser(d, appraisers));
  if (strangers.length > 0)
    bad(
      appraisers.length === 0
        ? "Chưa cấu hình ngành thẩm định cho địa bàn này."
        : `${strangers.map((d) => `"${d}"`).join(", ")} không phải ngành thẩm định của địa bàn này (các ngành thẩm định: ${appraisers.join(", ")}).`,
    );
  return db.transaction(async (tx) => {
    const already = new Set(
      (await listAppraisals(tx, { unitId: unit.id, setId })).map((a) => a.department),
    );
    const fresh = departments.filter((d) => !already.has(d));
    if (fresh.length === 0) bad("Hồ sơ đã được gửi đến các ngành này.");
    const rows = await insertAppraisals(tx, {
      unitId: unit.id,
      setId,
      departments: fresh,
      sentOn,
      userId: viewer.id,
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "appraisal.send",
      entity: "appraisal",
      entityId: unit.id,
      unitPath: unit.path,
      after: { setId, sentOn, departments: fresh },
    });
    return rows;
  });
}

export async function recordAppraisal(
  db: Executor,
  viewer: Viewer,
  params: {
    unit: ActingUnit;
    setId: string;
    department: string;
    visitedOn: string;
    opinion: string;
    agrees: boolean;
    expectedRowVersion: number;
  },
) {
  const { unit, setId } = params;
  const department = params.department.normalize("NFC");
  const appraisers = await listAppraisers(db, unit.path);
  if (!isAppraiser(department, appraisers))
    bad(
      `"${department}" không phải ngành thẩm định của địa bàn này; không ghi được ý kiến thẩm định.`,
    );
  const mayRecord =
    can(viewer.roles, "target.manage", target(unit)) ||
    can(viewer.roles, "value.review", { ...target(unit), department });
  if (!mayRecord)
    forbidden(
      `Chỉ ngành ${department} hoặc cán bộ quản trị cấp trên được ghi ý kiến của ngành này.`,
    );
  const sent = (await listAppraisals(db, { unitId: unit.id, setId })).find(
    (a) => a.department === department,
  );
  if (!sent) bad(`Hồ sơ chưa được gửi đến ngành ${department}.`);
  if (params.visitedOn < sent!.sentOn)
    bad(`Ngày kiểm tra phải từ ngày gửi hồ sơ (${formatDate(sent!.sentOn)}) trở đi.`);
  return db.transaction(async (tx) => {
    const before = await getAppraisal(tx, sent!.id);
    const after = await updateAppraisal(tx, { ...params, id: sent!.id, userId: viewer.id });
    if (!after)
      throwConflict(
        "Ý kiến của ngành này vừa được người khác ghi. Xem bản hiện tại rồi sửa lại.",
        before ?? null,
      );
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "appraisal.record",
      entity: "appraisal",
      entityId: sent!.id,
      unitPath: unit.path,
      before: before ?? null,
      after,
    });
    return after!;
  });
}

export interface DecisionInput {
  unit: ActingUnit;
  setId: string;
  number: string;
  decidedOn: string;
  signer: string;
}

/** Refuses a decision without number, date or signer, with every reason at once. */
function requireDecisionFields(input: DecisionInput) {
  const problems = decisionProblems(input);
  if (problems.length > 0) bad(problems.join(" "));
}

/**
 * Records a recognition decision. Refused when the unit's signed standing on the decision date
 * does not meet the set, unless the admin gives a reason: the official decision is then kept
 * with that reason beside the standing it disagrees with.
 */
export async function recordRecognition(
  db: Executor,
  viewer: Viewer,
  params: DecisionInput & { level: RecognitionLevel; overrideReason: string | null },
) {
  const { unit, setId } = params;
  authorizeDecision(viewer, unit);
  requireDecisionFields(params);
  const standing = await standingOn(db, {
    unitId: unit.id,
    setId,
    asOf: params.decidedOn,
    acceptedOnly: true,
  });
  const problem = recognitionStandingProblem(standing?.snapshot ?? null, params.decidedOn);
  if (problem && !params.overrideReason) bad(problem);
  return db.transaction(async (tx) => {
    await lockUnitDecisions(tx, unit.id);
    const decisions = await listDecisions(tx, { unitId: unit.id, setId });
    const inForce = recognitionInForce(decisions, params.decidedOn);
    if (inForce)
      bad(
        `Đơn vị đã được công nhận theo quyết định số ${inForce.number} ngày ${formatDate(inForce.decidedOn)}.`,
      );
    const row = await insertDecision(tx, {
      unitId: unit.id,
      setId,
      kind: "recognition",
      level: params.level,
      number: params.number.trim(),
      decidedOn: params.decidedOn,
      signer: params.signer.trim(),
      standing: standing?.snapshot ?? null,
      // A reason is kept only where it explains a disagreement.
      overrideReason: problem ? params.overrideReason : null,
      reason: null,
      userId: viewer.id,
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "recognition.decide",
      entity: "recognition_decision",
      entityId: row.id,
      unitPath: unit.path,
      after: row,
    });
    return { ...row, standingProblem: problem };
  });
}

/** Records a revocation of the recognition in force on its date; its grounds are required. */
export async function recordRevocation(
  db: Executor,
  viewer: Viewer,
  params: DecisionInput & { reason: string },
) {
  const { unit, setId } = params;
  authorizeDecision(viewer, unit);
  requireDecisionFields(params);
  if (!params.reason.trim()) bad("Ghi căn cứ thu hồi quyết định công nhận.");
  const standing = await standingOn(db, {
    unitId: unit.id,
    setId,
    asOf: params.decidedOn,
    acceptedOnly: true,
  });
  return db.transaction(async (tx) => {
    await lockUnitDecisions(tx, unit.id);
    const decisions = await listDecisions(tx, { unitId: unit.id, setId });
    if (!recognitionInForce(decisions, params.decidedOn))
      bad(
        `Ngày ${formatDate(params.decidedOn)} đơn vị không có quyết định công nhận nào đang có hiệu lực để thu hồi.`,
      );
    const row = await insertDecision(tx, {
      unitId: unit.id,
      setId,
      kind: "revocation",
      level: null,
      number: params.number.trim(),
      decidedOn: params.decidedOn,
      signer: params.signer.trim(),
      standing: standing?.snapshot ?? null,
      overrideReason: null,
      reason: params.reason.trim(),
      userId: viewer.id,
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "recognition.revoke",
      entity: "recognition_decision",
      entityId: row.id,
      unitPath: unit.path,
      after: row,
    });
    return row;
  });
}
