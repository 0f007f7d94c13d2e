import type { Role } from "@datchuan/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { appUser, roleAssignment, session, unit } from "../schema";

/** A user as managed by an admin: the account and every role with its scope unit. */
export async function getManagedUser(db: Executor, userId: string) {
  const [user] = await db
    .select({
      id: appUser.id,
      username: appUser.username,
      displayName: appUser.displayName,
      active: appUser.active,
      version: appUser.version,
    })
    .from(appUser)
    .where(eq(appUser.id, userId));
  if (!user) return undefined;
  const roles = await db
    .select({
      role: roleAssignment.role,
      scopePath: unit.path,
      scopeCode: unit.code,
      department: roleAssignment.department,
    })
    .from(roleAssignment)
    .leftJoin(unit, eq(roleAssignment.scopeUnitId, unit.id))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(asc(roleAssignment.createdAt));
  return { ...user, roles };
}

/** Bumps the user's version if it is still `expectedVersion`; false when someone came first. */
export async function updateUserAccount(
  db: Executor,
  params: {
    userId: string;
    expectedVersion: number;
    displayName?: string;
    active?: boolean;
  },
): Promise<boolean> {
  const changes: Partial<{ displayName: string; active: boolean }> = {};
  if (params.displayName !== undefined) changes.displayName = params.displayName;
  if (params.active !== undefined) changes.active = params.active;
  const updated = await db
    .update(appUser)
    .set({ ...changes, version: sql`${appUser.version} + 1` })
    .where(and(eq(appUser.id, params.userId), eq(appUser.version, params.expectedVersion)))
    .returning({ id: appUser.id });
  return updated.length === 1;
}

/** Replaces every role a user holds with one (a user is managed as one role, one scope). */
export async function replaceRoleAssignments(
  db: Executor,
  params: { userId: string; role: Role; scopeUnitId: string | null; department: string | null },
): Promise<void> {
  await db.delete(roleAssignment).where(eq(roleAssignment.userId, params.userId));
  await db.insert(roleAssignment).values({
    ...params,
    department: params.department?.normalize("NFC") ?? null,
  });
}

/** Ends every session of a user: after they are disabled or their password is reset. */
export async function deleteAllSessions(db: Executor, userId: string): Promise<number> {
  const deleted = await db
    .delete(session)
    .where(eq(session.userId, userId))
    .returning({ userId: session.userId });
  return deleted.length;
}
