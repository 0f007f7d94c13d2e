import {
  type Executor,
  getBulletin,
  getUnitRef,
  insertBulletin,
  listBulletins,
  recordAudit,
  retractBulletin,
} from "@datchuan/db";
import { type ReviewReport, renderReviewReportText } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { authorize, throwConflict, type Viewer } from "../trpc";
import { markPublishedDataChanged } from "./published";
import { buildScopeReport } from "./review-report";
import { resolveReviewScope } from "./review-scope";

/**
 * Bulletins (bản tin rà soát): an admin publishes a unit's review report to the public portal.
 * What is published is the report as the public may read it (signed verdicts only, no office
 * matters such as late reports), kept as a snapshot; retracting takes it off the portal.
 */

export async function publishBulletin(
  db: Executor,
  viewer: Viewer,
  params: { unitCode: string; setId: string; asOf: string; since?: string | undefined },
  now: Date,
) {
  const resolved = await resolveReviewScope(db, viewer, {
    unitCode: params.unitCode,
    working: false,
  });
  authorize(viewer, "bulletin.publish", resolved.target);
  // Built as the public reads it: a bulletin never carries what only the office may see.
  const { report } = await buildScopeReport(db, null, resolved, { ...params, working: false });
  if (report.sections.every((s) => s.id !== "results") || !hasResults(report))
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Chưa có kết quả đánh giá đã thẩm định nào đến ngày này: không có gì để công bố.",
    });
  const id = await db.transaction(async (tx) => {
    const id = await insertBulletin(tx, {
      unitId: resolved.unit!.id,
      setId: params.setId,
      asOf: params.asOf,
      since: params.since ?? null,
      title: report.title,
      report,
      publishedBy: viewer.id,
      publishedAt: now,
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "bulletin.publish",
      entity: "bulletin",
      entityId: id,
      unitPath: resolved.unit!.path,
      after: { title: report.title, setId: params.setId, asOf: params.asOf },
    });
    return id;
  });
  markPublishedDataChanged();
  return { id, title: report.title };
}

function hasResults(report: ReviewReport): boolean {
  const table = report.sections.find((s) => s.id === "results")?.tables[0];
  return (table?.rows.length ?? 0) > 0;
}

/** The bulletins of a unit's subtree, retracted ones too: the admins' list. */
export async function listUnitBulletins(db: Executor, viewer: Viewer, unitCode: string) {
  const unit = await getUnitRef(db, unitCode);
  if (!unit)
    throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${unitCode}` });
  authorize(viewer, "bulletin.publish", { unitPath: unit.path, unitLevel: unit.level });
  return listBulletins(db, { scopePath: unit.path, withRetracted: true, limit: 100 });
}

export async function retractPublishedBulletin(
  db: Executor,
  viewer: Viewer,
  params: { id: string; expectedRowVersion: number; reason: string },
  now: Date,
) {
  await db.transaction(async (tx) => {
    const before = await getBulletin(tx, params.id);
    if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy bản tin." });
    authorize(viewer, "bulletin.publish", { unitPath: before.unitPath });
    if (before.retractedAt)
      throw new TRPCError({ code: "BAD_REQUEST", message: "Bản tin này đã được gỡ." });
    const done = await retractBulletin(tx, {
      id: params.id,
      expectedRowVersion: params.expectedRowVersion,
      retractedBy: viewer.id,
      retractedAt: now,
      reason: params.reason,
    });
    if (!done) throwConflict("Bản tin vừa được thay đổi ở nơi khác.", before);
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "bulletin.retract",
      entity: "bulletin",
      entityId: params.id,
      unitPath: before.unitPath,
      before: { title: before.title, publishedAt: before.publishedAt },
      after: { reason: params.reason },
    });
  });
  markPublishedDataChanged();
}

/** The portal's list: published bulletins, newest first. */
export async function publicBulletins(db: Executor, limit = 10) {
  const rows = await listBulletins(db, { scopePath: null, withRetracted: false, limit });
  return rows.map((b) => ({
    id: b.id,
    title: b.title,
    unitName: b.unitName,
    asOf: b.asOf,
    date: b.publishedAt.toISOString(),
    url: `/ban-tin/${b.id}`,
  }));
}

/** One published bulletin for the portal, or undefined when there is none (or it was retracted). */
export async function publicBulletin(db: Executor, id: string) {
  const row = await getBulletin(db, id);
  if (!row || row.retractedAt) return undefined;
  const report = row.report as ReviewReport;
  return {
    id: row.id,
    title: row.title,
    unitCode: row.unitCode,
    unitName: row.unitName,
    asOf: row.asOf,
    publishedAt: row.publishedAt.toISOString(),
    report,
    text: renderReviewReportText(report),
    docxUrl: `/data/v1/bulletins/${row.id}.docx`,
  };
}

export type PortalBulletin = NonNullable<Awaited<ReturnType<typeof publicBulletin>>>;
