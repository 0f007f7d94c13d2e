import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { appUser, auditEvent } from "../schema";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  unitPath: string;
  before?: unknown;
  after?: unknown;
}

/** Records one write; call it inside the transaction that makes the write. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await recordAudits(db, [entry]);
}

/** Records several writes of one transaction in one statement, in order. */
export async function recordAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditEvent).values(
    entries.map((entry) => ({
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })),
  );
}

/** Newest first, within a subtree (null: everywhere), paged by id. */
export async function listAuditEvents(
  db: Executor,
  params: {
    scopePath: string | null;
    beforeId?: number;
    limit: number;
    /** Only this actor's events (username, lower case). */
    actor?: string;
    /** "user.create" exactly, or every action of a kind with "user." */
    action?: string;
    /** Events at or after this instant, and before that one. */
    from?: Date;
    until?: Date;
  },
) {
  const conditions = [];
  if (params.scopePath !== null)
    conditions.push(sql`${auditEvent.unitPath} like ${`${params.scopePath}%`}`);
  if (params.beforeId !== undefined) conditions.push(lt(auditEvent.id, params.beforeId));
  if (params.actor !== undefined) conditions.push(eq(appUser.username, params.actor));
  if (params.action !== undefined)
    conditions.push(
      params.action.endsWith(".")
        ? sql`${auditEvent.action} like ${`${params.action}%`}`
        : eq(auditEvent.action, params.action),
    );
  if (params.from !== undefined) conditions.push(gte(auditEvent.at, params.from));
  if (params.until !== undefined) conditions.push(lt(auditEvent.at, params.until));
  return db
    .select({
      id: auditEvent.id,
      at: auditEvent.at,
      actor: appUser.username,
      action: auditEvent.action,
      entity: auditEvent.entity,
      entityId: auditEvent.entityId,
      unitPath: auditEvent.unitPath,
      before: auditEvent.before,
      after: auditEvent.after,
    })
    .from(auditEvent)
    .leftJoin(appUser, eq(auditEvent.actorUserId, appUser.id))
    .where(and(...conditions))
    .orderBy(desc(auditEvent.id))
    .limit(params.limit);
}
