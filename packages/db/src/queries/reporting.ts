import type { IndicatorValue, SetVerdict } from "@datchuan/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import {
  evidenceFile,
  indicatorValue,
  type ReviewStatus,
  report,
  reportingSchedule,
  storedVerdict,
  unit,
} from "../schema";

const reportColumns = {
  id: report.id,
  unitId: report.unitId,
  setId: report.setId,
  period: report.period,
  status: report.status,
  locked: report.locked,
  submittedAt: report.submittedAt,
  rowVersion: report.rowVersion,
};

const valueColumns = {
  id: indicatorValue.id,
  reportId: indicatorValue.reportId,
  indicatorCode: indicatorValue.indicatorCode,
  value: indicatorValue.value,
  evidenceNote: indicatorValue.evidenceNote,
  reviewStatus: indicatorValue.reviewStatus,
  returnReason: indicatorValue.returnReason,
  enteredAt: indicatorValue.enteredAt,
  reviewedAt: indicatorValue.reviewedAt,
  rowVersion: indicatorValue.rowVersion,
};

export type StoredValue = Awaited<ReturnType<typeof listReportValues>>[number];

export async function findReport(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  const [row] = await db
    .select(reportColumns)
    .from(report)
    .where(
      and(
        eq(report.unitId, params.unitId),
        eq(report.setId, params.setId),
        eq(report.period, params.period),
      ),
    );
  return row;
}

export async function getReportById(db: Executor, id: string) {
  const [row] = await db.select(reportColumns).from(report).where(eq(report.id, id));
  return row;
}

/** The report for a unit, set and period, created as a draft the first time it is written. */
export async function getOrCreateReport(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  await db.insert(report).values(params).onConflictDoNothing();
  return (await findReport(db, params))!;
}

export async function listReportValues(db: Executor, reportId: string) {
  return db
    .select(valueColumns)
    .from(indicatorValue)
    .where(eq(indicatorValue.reportId, reportId))
    .orderBy(asc(indicatorValue.indicatorCode));
}

export async function getValueById(db: Executor, id: string) {
  const [row] = await db.select(valueColumns).from(indicatorValue).where(eq(indicatorValue.id, id));
  return row;
}

export type SaveValueResult =
  | { outcome: "saved"; before: StoredValue | null; value: StoredValue }
  | { outcome: "conflict"; current: StoredValue | null }
  | { outcome: "not_editable"; current: StoredValue };

const EDITABLE: ReviewStatus[] = ["draft", "returned"];

/**
 * Writes a value only if it is still at the version the writer read (`expectedRowVersion`,
 * null for "there was none"). A lost race returns the stored value instead of overwriting it.
 */
export async function saveIndicatorValue(
  db: Executor,
  params: {
    reportId: string;
    indicatorCode: string;
    value: IndicatorValue;
    evidenceNote: string | null;
    enteredBy: string;
    expectedRowVersion: number | null;
  },
): Promise<SaveValueResult> {
  const current = await findValue(db, params.reportId, params.indicatorCode);
  if (current && !EDITABLE.includes(current.reviewStatus))
    return { outcome: "not_editable", current };
  if (params.expectedRowVersion === null) {
    if (current) return { outcome: "conflict", current };
    const [inserted] = await db
      .insert(indicatorValue)
      .values({
        reportId: params.reportId,
        indicatorCode: params.indicatorCode,
        value: params.value,
        evidenceNote: params.evidenceNote,
        enteredBy: params.enteredBy,
      })
      .onConflictDoNothing()
      .returning(valueColumns);
    if (!inserted)
      return {
        outcome: "conflict",
        current: (await findValue(db, params.reportId, params.indicatorCode)) ?? null,
      };
    return { outcome: "saved", before: null, value: inserted };
  }
  const [updated] = await db
    .update(indicatorValue)
    .set({
      value: params.value,
      evidenceNote: params.evidenceNote,
      enteredBy: params.enteredBy,
      enteredAt: sql`now()`,
      reviewStatus: "draft",
      returnReason: null,
      rowVersion: sql`${indicatorValue.rowVersion} + 1`,
    })
    .where(
      and(
        eq(indicatorValue.reportId, params.reportId),
        eq(indicatorValue.indicatorCode, params.indicatorCode),
        eq(indicatorValue.rowVersion, params.expectedRowVersion),
        inArray(indicatorValue.reviewStatus, EDITABLE),
      ),
    )
    .returning(valueColumns);
  if (!updated)
    return {
      outcome: "conflict",
      current: (await findValue(db, params.reportId, params.indicatorCode)) ?? null,
    };
  return { outcome: "saved", before: current ?? null, value: updated };
}

async function findValue(db: Executor, reportId: string, indicatorCode: string) {
  const [row] = await db
    .select(valueColumns)
    .from(indicatorValue)
    .where(
      and(eq(indicatorValue.reportId, reportId), eq(indicatorValue.indicatorCode, indicatorCode)),
    );
  return row;
}

/** Sends every draft or returned value for review, all or nothing. */
export async function submitReport(
  db: Executor,
  params: { reportId: string; userId: string; expectedRowVersion: number },
) {
  const [updated] = await db
    .update(report)
    .set({
      status: "submitted",
      submittedAt: sql`now()`,
      submittedBy: params.userId,
      rowVersion: sql`${report.rowVersion} + 1`,
    })
    .where(
      and(
        eq(report.id, params.reportId),
        eq(report.rowVersion, params.expectedRowVersion),
        eq(report.locked, false),
      ),
    )
    .returning(reportColumns);
  if (!updated) return undefined;
  await db
    .update(indicatorValue)
    .set({ reviewStatus: "submitted", rowVersion: sql`${indicatorValue.rowVersion} + 1` })
    .where(
      and(
        eq(indicatorValue.reportId, params.reportId),
        inArray(indicatorValue.reviewStatus, EDITABLE),
      ),
    );
  return updated;
}

/** Accepts or returns one submitted value, at the version the reviewer read. */
export async function reviewIndicatorValue(
  db: Executor,
  params: {
    valueId: string;
    decision: "accepted" | "returned";
    reason: string | null;
    reviewerId: string;
    expectedRowVersion: number;
  },
) {
  const [updated] = await db
    .update(indicatorValue)
    .set({
      reviewStatus: params.decision,
      returnReason: params.decision === "returned" ? params.reason : null,
      reviewedBy: params.reviewerId,
      reviewedAt: sql`now()`,
      rowVersion: sql`${indicatorValue.rowVersion} + 1`,
    })
    .where(
      and(
        eq(indicatorValue.id, params.valueId),
        eq(indicatorValue.rowVersion, params.expectedRowVersion),
        eq(indicatorValue.reviewStatus, "submitted"),
      ),
    )
    .returning(valueColumns);
  return updated;
}

/**
 * Recomputes a report's status from its values: accepted (and locked) when every value is
 * accepted, returned when any is returned, otherwise unchanged.
 */
export async function settleReportStatus(db: Executor, reportId: string) {
  const values = await listReportValues(db, reportId);
  if (values.length === 0) return getReportById(db, reportId);
  const statuses = new Set(values.map((v) => v.reviewStatus));
  let next: { status: "accepted" | "returned"; locked: boolean } | null = null;
  if (statuses.size === 1 && statuses.has("accepted")) next = { status: "accepted", locked: true };
  else if (statuses.has("returned")) next = { status: "returned", locked: false };
  if (!next) return getReportById(db, reportId);
  const [updated] = await db
    .update(report)
    .set({ ...next, rowVersion: sql`${report.rowVersion} + 1` })
    .where(eq(report.id, reportId))
    .returning(reportColumns);
  return updated;
}

/** Unlocks an accepted report; its values go back to draft for correction. */
export async function reopenReport(
  db: Executor,
  params: { reportId: string; expectedRowVersion: number },
) {
  const [updated] = await db
    .update(report)
    .set({ status: "draft", locked: false, rowVersion: sql`${report.rowVersion} + 1` })
    .where(
      and(
        eq(report.id, params.reportId),
        eq(report.locked, true),
        eq(report.rowVersion, params.expectedRowVersion),
      ),
    )
    .returning(reportColumns);
  if (!updated) return undefined;
  await db
    .update(indicatorValue)
    .set({ reviewStatus: "draft", rowVersion: sql`${indicatorValue.rowVersion} + 1` })
    .where(eq(indicatorValue.reportId, params.reportId));
  return updated;
}

export async function storeVerdict(
  db: Executor,
  reportId: string,
  verdict: SetVerdict,
): Promise<void> {
  const row = {
    reportId,
    setVersion: verdict.set.version,
    asOf: verdict.asOf,
    status: verdict.status,
    criteriaMet: verdict.criteriaMet,
    criteriaTotal: verdict.criteriaTotal,
    indicatorsMet: verdict.indicatorsMet,
    indicatorsTotal: verdict.indicatorsTotal,
    summary: verdict.summary,
    verdict,
  };
  await db
    .insert(storedVerdict)
    .values(row)
    .onConflictDoUpdate({
      target: storedVerdict.reportId,
      set: { ...row, evaluatedAt: sql`now()` },
    });
}

export async function getStoredVerdict(db: Executor, reportId: string) {
  const [row] = await db.select().from(storedVerdict).where(eq(storedVerdict.reportId, reportId));
  return row;
}

/**
 * Every unit of a level in a subtree with its report (if any) for a set and period: the inbox
 * of what is missing, late or waiting for review.
 */
export async function listReportStates(
  db: Executor,
  params: { scopePath: string; level: string; setId: string; period: string },
) {
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      reportId: report.id,
      status: report.status,
      submittedAt: report.submittedAt,
      verdictSummary: storedVerdict.summary,
    })
    .from(unit)
    .leftJoin(
      report,
      and(
        eq(report.unitId, unit.id),
        eq(report.setId, params.setId),
        eq(report.period, params.period),
      ),
    )
    .leftJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(
      and(
        eq(unit.level, params.level as "commune"),
        sql`${unit.path} like ${`${params.scopePath}%`}`,
      ),
    )
    .orderBy(asc(unit.sortOrder));
}

/** Reports of a set, for re-evaluation when a new version is published. */
export async function listReportsOfSet(db: Executor, setId: string) {
  return db.select(reportColumns).from(report).where(eq(report.setId, setId));
}

/**
 * Stored verdicts of a set for some units (a unit and its predecessors), oldest period first:
 * a merged commune's history continues its predecessors' reports.
 */
export async function listVerdictHistory(
  db: Executor,
  params: { unitIds: readonly string[]; setId: string; acceptedOnly: boolean },
) {
  const conditions = [inArray(report.unitId, [...params.unitIds]), eq(report.setId, params.setId)];
  if (params.acceptedOnly) conditions.push(eq(report.status, "accepted"));
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      period: report.period,
      status: report.status,
      verdictStatus: storedVerdict.status,
      summary: storedVerdict.summary,
      criteriaMet: storedVerdict.criteriaMet,
      criteriaTotal: storedVerdict.criteriaTotal,
      indicatorsMet: storedVerdict.indicatorsMet,
      indicatorsTotal: storedVerdict.indicatorsTotal,
    })
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .innerJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(and(...conditions))
    .orderBy(asc(report.period), asc(unit.code));
}

export async function getReportingSchedule(db: Executor, setId: string) {
  const [row] = await db.select().from(reportingSchedule).where(eq(reportingSchedule.setId, setId));
  return row;
}

export async function insertEvidenceFile(
  db: Executor,
  params: {
    indicatorValueId: string;
    fileName: string;
    contentType: string;
    content: Buffer;
    uploadedBy: string;
  },
) {
  const [row] = await db
    .insert(evidenceFile)
    .values({ ...params, size: params.content.length })
    .returning({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      size: evidenceFile.size,
      uploadedAt: evidenceFile.uploadedAt,
    });
  return row!;
}

export async function listEvidenceFiles(db: Executor, indicatorValueId: string) {
  return db
    .select({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      size: evidenceFile.size,
      uploadedAt: evidenceFile.uploadedAt,
    })
    .from(evidenceFile)
    .where(eq(evidenceFile.indicatorValueId, indicatorValueId))
    .orderBy(asc(evidenceFile.uploadedAt));
}

/** A file with what is needed to authorise reading it: the report's unit. */
export async function getEvidenceFile(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      content: evidenceFile.content,
      unitId: report.unitId,
    })
    .from(evidenceFile)
    .innerJoin(indicatorValue, eq(evidenceFile.indicatorValueId, indicatorValue.id))
    .innerJoin(report, eq(indicatorValue.reportId, report.id))
    .where(eq(evidenceFile.id, id));
  return row;
}

export async function saveReportingSchedule(
  db: Executor,
  params: { setId: string; frequency: "month" | "quarter" | "year"; dueDay: number },
) {
  const [row] = await db
    .insert(reportingSchedule)
    .values(params)
    .onConflictDoUpdate({
      target: reportingSchedule.setId,
      set: { frequency: params.frequency, dueDay: params.dueDay },
    })
    .returning();
  return row!;
}
