import type { IndicatorValue } from "@datchuan/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { indicatorValue, type ReviewStatus, report, unit } from "../schema";

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

/** What re-evaluating a report needs to know of it. */
export const reportToReevaluate = {
  id: report.id,
  unitId: report.unitId,
  setId: report.setId,
  period: report.period,
  locked: report.locked,
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

type ReportKey = { unitId: string; setId: string; period: string };

/** A report is one (unit, set, period). */
const reportKeyIs = (key: ReportKey) =>
  and(eq(report.unitId, key.unitId), eq(report.setId, key.setId), eq(report.period, key.period));

export async function findReport(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  const [row] = await db.select(reportColumns).from(report).where(reportKeyIs(params));
  return row;
}

/** `findReport` naming the unit by its code: read beside the unit itself, not after it. */
export async function findReportOfUnitCode(
  db: Executor,
  params: { unitCode: string; setId: string; period: string },
) {
  const [row] = await db
    .select(reportColumns)
    .from(report)
    .where(
      and(
        eq(report.unitId, sql`(select u.id from ${unit} u where u.code = ${params.unitCode})`),
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

/**
 * The report row, locked until the caller's transaction ends. Every write to a report (save,
 * submit, review, reopen, evidence) takes this lock before reading values, so writes to one
 * report run one after another and each sees what the previous one committed.
 */
export async function lockReport(db: Executor, id: string) {
  const [row] = await db.select(reportColumns).from(report).where(eq(report.id, id)).for("update");
  return row;
}

/** The report for a unit, set and period, locked as `lockReport` does; undefined if none yet. */
export async function lockReportByKey(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  const [row] = await db
    .select(reportColumns)
    .from(report)
    .where(reportKeyIs(params))
    .for("update");
  return row;
}

/**
 * The report for a unit, set and period, created as a draft the first time it is written, and
 * locked as `lockReport` does.
 */
export async function getOrCreateReport(
  db: Executor,
  params: { unitId: string; setId: string; period: string },
) {
  // Most saves go to a report that exists: one round trip, the insert only the first time.
  const existing = await lockReportByKey(db, params);
  if (existing) return existing;
  await db.insert(report).values(params).onConflictDoNothing();
  return (await lockReportByKey(db, params))!;
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
  | {
      outcome: "saved";
      /** What the value and its evidence note were before this save (for the audit). */
      before: Pick<StoredValue, "value" | "evidenceNote"> | null;
      value: StoredValue;
    }
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
  if (params.expectedRowVersion === null) {
    const current = await findValue(db, params.reportId, params.indicatorCode);
    if (current && !EDITABLE.includes(current.reviewStatus))
      return { outcome: "not_editable", current };
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
  // One round trip: the row as it was (`previous`, read by the statement's snapshot) comes back
  // beside the row as written, for the audit. Refused: the stored row says why.
  const previous = db
    .select({
      id: indicatorValue.id,
      value: sql<IndicatorValue>`${indicatorValue.value}`.as("previous_value"),
      evidenceNote: sql<string | null>`${indicatorValue.evidenceNote}`.as("previous_note"),
    })
    .from(indicatorValue)
    .where(
      and(
        eq(indicatorValue.reportId, params.reportId),
        eq(indicatorValue.indicatorCode, params.indicatorCode),
      ),
    )
    .as("previous");
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
    .from(previous)
    .where(
      and(
        eq(indicatorValue.id, previous.id),
        eq(indicatorValue.rowVersion, params.expectedRowVersion),
        inArray(indicatorValue.reviewStatus, EDITABLE),
      ),
    )
    .returning({
      ...valueColumns,
      previousValue: previous.value,
      previousNote: previous.evidenceNote,
    });
  if (!updated) {
    const current = await findValue(db, params.reportId, params.indicatorCode);
    if (current && !EDITABLE.includes(current.reviewStatus))
      return { outcome: "not_editable", current };
    return { outcome: "conflict", current: current ?? null };
  }
  const { previousValue, previousNote, ...value } = updated;
  return {
    outcome: "saved",
    before: { value: previousValue, evidenceNote: previousNote },
    value,
  };
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

/**
 * Enters many values of a new report at once (a report filed in one go: the demo's history,
 * an import). Same rows as `saveIndicatorValue` writes; a value already there for an indicator
 * breaks the unique key (indicator_value_report_indicator_key) and fails the transaction.
 */
export async function insertDraftValues(
  db: Executor,
  params: {
    reportId: string;
    values: ReadonlyArray<{ indicatorCode: string; value: IndicatorValue }>;
    evidenceNote: string | null;
    enteredBy: string;
  },
) {
  if (params.values.length === 0) return [];
  return db
    .insert(indicatorValue)
    .values(
      params.values.map((v) => ({
        reportId: params.reportId,
        indicatorCode: v.indicatorCode,
        value: v.value,
        evidenceNote: params.evidenceNote,
        enteredBy: params.enteredBy,
      })),
    )
    .returning(valueColumns);
}

/**
 * Accepts every submitted value of a report, as one reviewer accepting them one by one with
 * `reviewIndicatorValue` would; the caller settles the report afterwards.
 */
export async function acceptSubmittedValues(
  db: Executor,
  params: { reportId: string; reviewerId: string },
) {
  return db
    .update(indicatorValue)
    .set({
      reviewStatus: "accepted",
      returnReason: null,
      reviewedBy: params.reviewerId,
      reviewedAt: sql`now()`,
      rowVersion: sql`${indicatorValue.rowVersion} + 1`,
    })
    .where(
      and(
        eq(indicatorValue.reportId, params.reportId),
        eq(indicatorValue.reviewStatus, "submitted"),
      ),
    )
    .returning(valueColumns);
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

/** Reports of a set, for re-evaluation when a new version is published. */
export async function listReportsOfSet(db: Executor, setId: string) {
  return db.select(reportColumns).from(report).where(eq(report.setId, setId));
}
