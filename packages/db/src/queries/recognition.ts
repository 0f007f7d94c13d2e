import { type RecognitionLevel, recognitionInForce } from "@datchuan/domain";
import { and, asc, count, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../database";
import {
  appraisal,
  appraisingDepartment,
  dossierDocument,
  dossierItem,
  recognitionDecision,
  report,
  roadmapItem,
  type StandingSnapshot,
  storedVerdict,
  unit,
} from "../schema";

/* Roadmap (lộ trình) of a registration. */

const roadmapColumns = {
  id: roadmapItem.id,
  registrationId: roadmapItem.registrationId,
  year: roadmapItem.year,
  quarter: roadmapItem.quarter,
  criterionNumbers: roadmapItem.criterionNumbers,
  note: roadmapItem.note,
  rowVersion: roadmapItem.rowVersion,
  createdAt: roadmapItem.createdAt,
};

export async function listRoadmapItems(db: Executor, registrationId: string) {
  return db
    .select(roadmapColumns)
    .from(roadmapItem)
    .where(eq(roadmapItem.registrationId, registrationId))
    .orderBy(asc(roadmapItem.year), asc(roadmapItem.quarter), asc(roadmapItem.createdAt));
}

export async function getRoadmapItem(db: Executor, id: string) {
  const [row] = await db.select(roadmapColumns).from(roadmapItem).where(eq(roadmapItem.id, id));
  return row;
}

export interface RoadmapFields {
  year: number;
  quarter: number;
  criterionNumbers: number[];
  note: string | null;
}

export async function insertRoadmapItem(
  db: Executor,
  params: RoadmapFields & { registrationId: string; userId: string },
) {
  const { userId, ...values } = params;
  const [row] = await db
    .insert(roadmapItem)
    .values({ ...values, createdBy: userId })
    .returning(roadmapColumns);
  return row!;
}

/** Changes a step at the version the editor read; undefined when it moved on or is gone. */
export async function updateRoadmapItem(
  db: Executor,
  params: RoadmapFields & { id: string; expectedRowVersion: number },
) {
  const { id, expectedRowVersion, ...values } = params;
  const [row] = await db
    .update(roadmapItem)
    .set({ ...values, rowVersion: sql`${roadmapItem.rowVersion} + 1` })
    .where(and(eq(roadmapItem.id, id), eq(roadmapItem.rowVersion, expectedRowVersion)))
    .returning(roadmapColumns);
  return row;
}

export async function deleteRoadmapItem(
  db: Executor,
  params: { id: string; expectedRowVersion: number },
): Promise<boolean> {
  const rows = await db
    .delete(roadmapItem)
    .where(
      and(eq(roadmapItem.id, params.id), eq(roadmapItem.rowVersion, params.expectedRowVersion)),
    )
    .returning({ id: roadmapItem.id });
  return rows.length > 0;
}

/* Dossier (hồ sơ) items and their documents. */

const dossierColumns = {
  id: dossierItem.id,
  unitId: dossierItem.unitId,
  setId: dossierItem.setId,
  criterionNumber: dossierItem.criterionNumber,
  complete: dossierItem.complete,
  note: dossierItem.note,
  rowVersion: dossierItem.rowVersion,
  updatedAt: dossierItem.updatedAt,
};

/** A unit's dossier items for a set, each with its documents (names and sizes, not content). */
export async function listDossierItems(db: Executor, params: { unitId: string; setId: string }) {
  const items = await db
    .select(dossierColumns)
    .from(dossierItem)
    .where(and(eq(dossierItem.unitId, params.unitId), eq(dossierItem.setId, params.setId)))
    .orderBy(sql`${dossierItem.criterionNumber} asc nulls last`);
  const documents =
    items.length === 0
      ? []
      : await db
          .select({
            id: dossierDocument.id,
            dossierItemId: dossierDocument.dossierItemId,
            fileName: dossierDocument.fileName,
            contentType: dossierDocument.contentType,
            size: dossierDocument.size,
            uploadedAt: dossierDocument.uploadedAt,
          })
          .from(dossierDocument)
          .where(
            inArray(
              dossierDocument.dossierItemId,
              items.map((i) => i.id),
            ),
          )
          .orderBy(asc(dossierDocument.uploadedAt));
  return items.map((item) => ({
    ...item,
    documents: documents.filter((d) => d.dossierItemId === item.id),
  }));
}

export async function getDossierItem(db: Executor, id: string) {
  const [row] = await db.select(dossierColumns).from(dossierItem).where(eq(dossierItem.id, id));
  return row;
}

export async function findDossierItem(
  db: Executor,
  params: { unitId: string; setId: string; criterionNumber: number | null },
) {
  const [row] = await db
    .select(dossierColumns)
    .from(dossierItem)
    .where(
      and(
        eq(dossierItem.unitId, params.unitId),
        eq(dossierItem.setId, params.setId),
        params.criterionNumber === null
          ? sql`${dossierItem.criterionNumber} is null`
          : eq(dossierItem.criterionNumber, params.criterionNumber),
      ),
    );
  return row;
}

/** Creates an item (no version) or changes it at the version read; undefined on a conflict. */
export async function saveDossierItem(
  db: Executor,
  params: {
    unitId: string;
    setId: string;
    criterionNumber: number | null;
    complete: boolean;
    note: string | null;
    userId: string;
    expectedRowVersion: number | null;
  },
) {
  const { expectedRowVersion, userId, ...values } = params;
  if (expectedRowVersion === null) {
    const [row] = await db
      .insert(dossierItem)
      .values({ ...values, updatedBy: userId })
      .onConflictDoNothing()
      .returning(dossierColumns);
    return row;
  }
  const [row] = await db
    .update(dossierItem)
    .set({
      complete: values.complete,
      note: values.note,
      updatedBy: userId,
      rowVersion: sql`${dossierItem.rowVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(dossierItem.unitId, values.unitId),
        eq(dossierItem.setId, values.setId),
        values.criterionNumber === null
          ? sql`${dossierItem.criterionNumber} is null`
          : eq(dossierItem.criterionNumber, values.criterionNumber),
        eq(dossierItem.rowVersion, expectedRowVersion),
      ),
    )
    .returning(dossierColumns);
  return row;
}

export async function insertDossierDocument(
  db: Executor,
  params: {
    dossierItemId: string;
    fileName: string;
    contentType: string;
    content: Buffer;
    uploadedBy: string;
  },
) {
  const [row] = await db
    .insert(dossierDocument)
    .values({ ...params, size: params.content.length })
    .returning({
      id: dossierDocument.id,
      dossierItemId: dossierDocument.dossierItemId,
      fileName: dossierDocument.fileName,
      contentType: dossierDocument.contentType,
      size: dossierDocument.size,
      uploadedAt: dossierDocument.uploadedAt,
    });
  return row!;
}

/** A document with its content and the unit it belongs to (what access is checked against). */
export async function getDossierDocument(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: dossierDocument.id,
      fileName: dossierDocument.fileName,
      contentType: dossierDocument.contentType,
      content: dossierDocument.content,
      unitId: dossierItem.unitId,
    })
    .from(dossierDocument)
    .innerJoin(dossierItem, eq(dossierItem.id, dossierDocument.dossierItemId))
    .where(eq(dossierDocument.id, id));
  return row;
}

/* Appraisal (thẩm định). */

/** The appraising departments configured on the unit or any unit above it. */
export async function listAppraisers(db: Executor, unitPath: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ department: appraisingDepartment.department })
    .from(appraisingDepartment)
    .innerJoin(unit, eq(unit.id, appraisingDepartment.ownerUnitId))
    .where(sql`${unitPath} like ${unit.path} || '%'`)
    .orderBy(asc(appraisingDepartment.department));
  return rows.map((r) => r.department);
}

export async function insertAppraisingDepartments(
  db: Executor,
  rows: ReadonlyArray<{ ownerUnitId: string; department: string }>,
) {
  if (rows.length === 0) return;
  await db
    .insert(appraisingDepartment)
    .values([...rows])
    .onConflictDoNothing();
}

const appraisalColumns = {
  id: appraisal.id,
  unitId: appraisal.unitId,
  setId: appraisal.setId,
  department: appraisal.department,
  sentOn: appraisal.sentOn,
  visitedOn: appraisal.visitedOn,
  opinion: appraisal.opinion,
  agrees: appraisal.agrees,
  rowVersion: appraisal.rowVersion,
  updatedAt: appraisal.updatedAt,
};

export async function listAppraisals(db: Executor, params: { unitId: string; setId: string }) {
  return db
    .select(appraisalColumns)
    .from(appraisal)
    .where(and(eq(appraisal.unitId, params.unitId), eq(appraisal.setId, params.setId)))
    .orderBy(asc(appraisal.sentOn), asc(appraisal.department));
}

export async function getAppraisal(db: Executor, id: string) {
  const [row] = await db.select(appraisalColumns).from(appraisal).where(eq(appraisal.id, id));
  return row;
}

/** Records the dossier sent to departments; those it was already sent to are left as they are. */
export async function insertAppraisals(
  db: Executor,
  params: {
    unitId: string;
    setId: string;
    departments: readonly string[];
    sentOn: string;
    userId: string;
  },
) {
  if (params.departments.length === 0) return [];
  return db
    .insert(appraisal)
    .values(
      params.departments.map((department) => ({
        unitId: params.unitId,
        setId: params.setId,
        department,
        sentOn: params.sentOn,
        updatedBy: params.userId,
      })),
    )
    .onConflictDoNothing()
    .returning(appraisalColumns);
}

/** Records a department's visit and opinion at the version read; undefined on a conflict. */
export async function updateAppraisal(
  db: Executor,
  params: {
    id: string;
    visitedOn: string;
    opinion: string;
    agrees: boolean;
    userId: string;
    expectedRowVersion: number;
  },
) {
  const [row] = await db
    .update(appraisal)
    .set({
      visitedOn: params.visitedOn,
      opinion: params.opinion,
      agrees: params.agrees,
      updatedBy: params.userId,
      rowVersion: sql`${appraisal.rowVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(appraisal.id, params.id), eq(appraisal.rowVersion, params.expectedRowVersion)))
    .returning(appraisalColumns);
  return row;
}

/* Decisions of recognition and revocation. */

const decisionColumns = {
  id: recognitionDecision.id,
  unitId: recognitionDecision.unitId,
  setId: recognitionDecision.setId,
  kind: recognitionDecision.kind,
  level: recognitionDecision.level,
  number: recognitionDecision.number,
  decidedOn: recognitionDecision.decidedOn,
  signer: recognitionDecision.signer,
  standing: recognitionDecision.standing,
  overrideReason: recognitionDecision.overrideReason,
  reason: recognitionDecision.reason,
  illustrative: recognitionDecision.illustrative,
  createdAt: recognitionDecision.createdAt,
};

export type RecognitionDecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

/**
 * Serialises decisions on one unit: the unit's row is locked for the transaction, so two
 * recognitions recorded at once cannot both see the unit unrecognised.
 */
export async function lockUnitDecisions(db: Executor, unitId: string): Promise<void> {
  await db.execute(sql`select 1 from ${unit} where ${unit.id} = ${unitId} for update`);
}

export async function listDecisions(db: Executor, params: { unitId: string; setId: string }) {
  return db
    .select(decisionColumns)
    .from(recognitionDecision)
    .where(
      and(
        eq(recognitionDecision.unitId, params.unitId),
        eq(recognitionDecision.setId, params.setId),
      ),
    )
    .orderBy(asc(recognitionDecision.decidedOn), asc(recognitionDecision.createdAt));
}

export async function insertDecision(
  db: Executor,
  params: {
    unitId: string;
    setId: string;
    kind: "recognition" | "revocation";
    level: RecognitionLevel | null;
    number: string;
    decidedOn: string;
    signer: string;
    standing: StandingSnapshot | null;
    overrideReason: string | null;
    reason: string | null;
    illustrative?: boolean;
    userId: string | null;
  },
) {
  const { userId, ...values } = params;
  const [row] = await db
    .insert(recognitionDecision)
    .values({ ...values, createdBy: userId })
    .returning(decisionColumns);
  return row!;
}

/**
 * Units recognised (công nhận) under a set on `asOf`: a recognition decision on or before it
 * that no later revocation ended. For each, the decision and the period its standing was read
 * from (the decision date when it had none).
 */
export async function listRecognitions(
  db: Executor,
  params: { unitIds: readonly string[]; setId: string; asOf: string },
) {
  if (params.unitIds.length === 0) return [];
  const rows = await db
    .select(decisionColumns)
    .from(recognitionDecision)
    .where(
      and(
        inArray(recognitionDecision.unitId, [...params.unitIds]),
        eq(recognitionDecision.setId, params.setId),
        lte(recognitionDecision.decidedOn, params.asOf),
      ),
    )
    .orderBy(asc(recognitionDecision.decidedOn), asc(recognitionDecision.createdAt));
  const byUnit = new Map<string, typeof rows>();
  for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
  return params.unitIds.flatMap((unitId) => {
    const inForce = recognitionInForce(byUnit.get(unitId) ?? [], params.asOf);
    return inForce
      ? [{ unitId, period: inForce.standing?.period ?? inForce.decidedOn, decision: inForce }]
      : [];
  });
}

/**
 * For each unit, the first accepted report whose signed verdict met the whole set: what the
 * demo seed records recognition decisions from (the offices decided on such results).
 */
export async function listFirstMetSignedVerdicts(db: Executor, setId: string) {
  return db
    .selectDistinctOn([report.unitId], {
      unitId: report.unitId,
      period: report.period,
      asOf: storedVerdict.asOf,
      criteriaMet: storedVerdict.criteriaMet,
      criteriaTotal: storedVerdict.criteriaTotal,
      indicatorsMet: storedVerdict.indicatorsMet,
      indicatorsTotal: storedVerdict.indicatorsTotal,
    })
    .from(report)
    .innerJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(
      and(
        eq(report.setId, setId),
        eq(report.status, "accepted"),
        isNotNull(storedVerdict.signedAt),
        eq(storedVerdict.status, "met"),
      ),
    )
    .orderBy(report.unitId, asc(storedVerdict.asOf));
}

/** How many recognition decisions a scope holds (the demo seed's count, for tests). */
export async function countDecisions(db: Executor, scopePath: string) {
  const [row] = await db
    .select({ n: count() })
    .from(recognitionDecision)
    .innerJoin(unit, eq(unit.id, recognitionDecision.unitId))
    .where(sql`${unit.path} like ${`${scopePath}%`}`);
  return row?.n ?? 0;
}
