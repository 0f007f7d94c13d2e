import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { appUser, bulletin, unit } from "../schema";

const bulletinColumns = {
  id: bulletin.id,
  unitCode: unit.code,
  unitName: unit.name,
  unitPath: unit.path,
  setId: bulletin.setId,
  asOf: bulletin.asOf,
  since: bulletin.since,
  title: bulletin.title,
  publishedBy: appUser.username,
  publishedAt: bulletin.publishedAt,
  retractedAt: bulletin.retractedAt,
  retractReason: bulletin.retractReason,
  rowVersion: bulletin.rowVersion,
};

function baseQuery(db: Executor) {
  return db
    .select(bulletinColumns)
    .from(bulletin)
    .innerJoin(unit, eq(unit.id, bulletin.unitId))
    .innerJoin(appUser, eq(appUser.id, bulletin.publishedBy))
    .$dynamic();
}

export async function insertBulletin(
  db: Executor,
  values: {
    unitId: string;
    setId: string;
    asOf: string;
    since: string | null;
    title: string;
    report: unknown;
    publishedBy: string;
    publishedAt: Date;
  },
): Promise<string> {
  const [row] = await db.insert(bulletin).values(values).returning({ id: bulletin.id });
  return row!.id;
}

/**
 * Bulletins newest first: within a subtree (null: everywhere), published ones only unless
 * `withRetracted` (the admins' list shows both).
 */
export async function listBulletins(
  db: Executor,
  params: { scopePath: string | null; withRetracted: boolean; limit: number },
) {
  const conditions = [];
  if (params.scopePath !== null) conditions.push(sql`${unit.path} like ${`${params.scopePath}%`}`);
  if (!params.withRetracted) conditions.push(isNull(bulletin.retractedAt));
  return baseQuery(db)
    .where(and(...conditions))
    .orderBy(desc(bulletin.publishedAt))
    .limit(params.limit);
}

/** One bulletin with its report snapshot; retracted ones too (the caller decides). */
export async function getBulletin(db: Executor, id: string) {
  const [row] = await db
    .select({ ...bulletinColumns, report: bulletin.report })
    .from(bulletin)
    .innerJoin(unit, eq(unit.id, bulletin.unitId))
    .innerJoin(appUser, eq(appUser.id, bulletin.publishedBy))
    .where(eq(bulletin.id, id));
  return row;
}

/** Retracts a published bulletin at the version read; false when it changed meanwhile. */
export async function retractBulletin(
  db: Executor,
  params: {
    id: string;
    expectedRowVersion: number;
    retractedBy: string;
    retractedAt: Date;
    reason: string;
  },
): Promise<boolean> {
  const rows = await db
    .update(bulletin)
    .set({
      retractedBy: params.retractedBy,
      retractedAt: params.retractedAt,
      retractReason: params.reason,
      rowVersion: sql`${bulletin.rowVersion} + 1`,
    })
    .where(
      and(
        eq(bulletin.id, params.id),
        eq(bulletin.rowVersion, params.expectedRowVersion),
        isNull(bulletin.retractedAt),
      ),
    )
    .returning({ id: bulletin.id });
  return rows.length === 1;
}
