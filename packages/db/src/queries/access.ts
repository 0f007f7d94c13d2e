import type { Role, RoleAssignment } from "@datchuan/domain";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { appUser, roleAssignment, session, unit } from "../schema";

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  version: number;
}

const userColumns = {
  id: appUser.id,
  username: appUser.username,
  displayName: appUser.displayName,
  active: appUser.active,
  version: appUser.version,
};

export async function insertUser(
  db: Executor,
  params: { username: string; displayName: string; passwordHash: string },
): Promise<UserRecord> {
  const [row] = await db
    .insert(appUser)
    .values({ ...params, username: params.username.toLowerCase() })
    .returning(userColumns);
  return row!;
}

export async function findUserForSignIn(db: Executor, username: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: appUser.passwordHash })
    .from(appUser)
    .where(eq(appUser.username, username.toLowerCase()));
  return row;
}

/**
 * What a sign-in checked (the password hash, whether the account is active), read again with
 * the user's row locked until the transaction ends: a reset, change or disabling of the
 * account committed meanwhile is seen, and one that starts now waits, so it ends this session too.
 */
export async function lockUserCredentials(db: Executor, userId: string) {
  const [row] = await db
    .select({ passwordHash: appUser.passwordHash, active: appUser.active })
    .from(appUser)
    .where(eq(appUser.id, userId))
    .for("no key update");
  return row;
}

export async function getUserById(db: Executor, id: string) {
  const [row] = await db
    .select({ ...userColumns, passwordHash: appUser.passwordHash })
    .from(appUser)
    .where(eq(appUser.id, id));
  return row;
}

/** Sets a new password only if nobody changed the user since `expectedVersion` was read. */
export async function updatePasswordHash(
  db: Executor,
  params: { userId: string; passwordHash: string; expectedVersion: number },
): Promise<boolean> {
  const updated = await db
    .update(appUser)
    .set({
      passwordHash: params.passwordHash,
      passwordChangedAt: sql`now()`,
      version: sql`${appUser.version} + 1`,
    })
    .where(and(eq(appUser.id, params.userId), eq(appUser.version, params.expectedVersion)))
    .returning({ id: appUser.id });
  return updated.length === 1;
}

/**
 * Replaces a hash with a stronger one of the same password, unless the password changed since
 * `oldHash` was read. Not a password change: the version and the change date stay.
 */
export async function upgradePasswordHash(
  db: Executor,
  params: { userId: string; oldHash: string; newHash: string },
): Promise<void> {
  await db
    .update(appUser)
    .set({ passwordHash: params.newHash })
    .where(and(eq(appUser.id, params.userId), eq(appUser.passwordHash, params.oldHash)));
}

export async function insertRoleAssignment(
  db: Executor,
  params: { userId: string; role: Role; scopeUnitId: string | null; department?: string | null },
): Promise<void> {
  // Department names are compared by the access policy: one Unicode form (NFC) for all.
  const department = params.department?.normalize("NFC") ?? null;
  await db.insert(roleAssignment).values({ ...params, department });
}

export async function listRoleAssignments(db: Executor, userId: string): Promise<RoleAssignment[]> {
  const rows = await db
    .select({
      role: roleAssignment.role,
      scopePath: unit.path,
      department: roleAssignment.department,
    })
    .from(roleAssignment)
    .leftJoin(unit, eq(roleAssignment.scopeUnitId, unit.id))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(asc(roleAssignment.createdAt));
  return rows;
}

export async function listUsersInScope(db: Executor, scopePath: string | null) {
  const rows = await db
    .selectDistinct({
      ...userColumns,
      role: roleAssignment.role,
      scopePath: unit.path,
      scopeName: unit.name,
      scopeType: unit.type,
      department: roleAssignment.department,
    })
    .from(appUser)
    .innerJoin(roleAssignment, eq(roleAssignment.userId, appUser.id))
    .leftJoin(unit, eq(roleAssignment.scopeUnitId, unit.id))
    .where(scopePath === null ? undefined : sql`${unit.path} like ${`${scopePath}%`}`)
    .orderBy(asc(appUser.username));
  return rows;
}

export async function insertSession(
  db: Executor,
  params: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(session).values(params);
}

/** The live session for a token hash, with its active user; expired sessions are not found. */
export async function findSession(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ user: userColumns, expiresAt: session.expiresAt })
    .from(session)
    .innerJoin(appUser, eq(session.userId, appUser.id))
    .where(
      and(
        eq(session.tokenHash, tokenHash),
        gt(session.expiresAt, sql`now()`),
        eq(appUser.active, true),
      ),
    );
  return row;
}

const sessionWithRoles = (db: Executor) =>
  db
    .select({
      user: userColumns,
      expiresAt: session.expiresAt,
      roles: sql<RoleAssignment[]>`coalesce((
        select json_agg(json_build_object(
          'role', ra.role, 'scopePath', u.path, 'department', ra.department
        ) order by ra.created_at)
        from ${roleAssignment} ra left join ${unit} u on u.id = ra.scope_unit_id
        where ra.user_id = ${appUser.id}
      ), '[]'::json)`,
    })
    .from(session)
    .innerJoin(appUser, eq(session.userId, appUser.id))
    .where(
      and(
        eq(session.tokenHash, sql.placeholder("tokenHash")),
        gt(session.expiresAt, sql`now()`),
        eq(appUser.active, true),
      ),
    )
    // Named, so each connection plans it once: it costs more to plan than to run.
    .prepare("session_with_roles");

const preparedSessionReads = new WeakMap<Executor, ReturnType<typeof sessionWithRoles>>();

/**
 * `findSession` with the user's role assignments (as `listRoleAssignments` lists them), in one
 * round trip: every signed-in request starts with it.
 */
export async function findSessionWithRoles(db: Executor, tokenHash: string) {
  let query = preparedSessionReads.get(db);
  if (!query) {
    query = sessionWithRoles(db);
    preparedSessionReads.set(db, query);
  }
  const [row] = await query.execute({ tokenHash });
  return row;
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(session).where(eq(session.tokenHash, tokenHash));
}

/** Ends every other session of a user, e.g. after a password change. */
export async function deleteOtherSessions(db: Executor, userId: string, keepTokenHash: string) {
  await db
    .delete(session)
    .where(and(eq(session.userId, userId), sql`${session.tokenHash} <> ${keepTokenHash}`));
}
