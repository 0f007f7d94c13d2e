import {
  deleteAllSessions,
  type Executor,
  getManagedUser,
  getUnitRef,
  hashPassword,
  recordAudit,
  replaceRoleAssignments,
  updatePasswordHash,
  updateUserAccount,
} from "@datchuan/db";
import { canGrant, canManageUser, type Role } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { refuseField, throwConflict, type Viewer } from "../trpc";

type ManagedUser = NonNullable<Awaited<ReturnType<typeof getManagedUser>>>;

const CHANGED = "Tài khoản vừa được người khác thay đổi. Tải lại danh sách rồi làm lại.";

/** Where a user's audit events go: the scope of their first role, or the root. */
function auditPath(user: ManagedUser): string {
  return user.roles[0]?.scopePath ?? "/";
}

function describeRoles(user: ManagedUser) {
  return user.roles.map((r) => ({
    role: r.role,
    scopePath: r.scopePath,
    department: r.department,
  }));
}

/** The user, if the viewer may manage them (every role inside the viewer's subtree). */
export async function requireManageableUser(
  db: Executor,
  viewer: Viewer,
  userId: string,
  options: { notSelf?: string } = {},
): Promise<ManagedUser> {
  const user = await getManagedUser(db, userId);
  if (!user) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy tài khoản." });
  if (!canManageUser(viewer.roles, user.roles))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Tài khoản này nằm ngoài phạm vi đơn vị bạn quản lý.",
    });
  if (options.notSelf && user.id === viewer.id)
    throw new TRPCError({ code: "BAD_REQUEST", message: options.notSelf });
  return user;
}

/** A role, scope and department the viewer may grant, with the scope unit resolved. */
export async function requireGrantable(
  db: Executor,
  viewer: Viewer,
  input: { role: Role; scopeCode: string | null; department: string | null },
) {
  const scope = input.scopeCode ? await getUnitRef(db, input.scopeCode) : null;
  if (input.scopeCode && !scope) {
    refuseField("NOT_FOUND", "scopeCode", `Không tìm thấy đơn vị ${input.scopeCode}`);
  }
  if (input.role === "reviewer" && !input.department) {
    refuseField("BAD_REQUEST", "department", "Cán bộ thẩm định cần thuộc một phòng, ngành.");
  }
  const granted = {
    role: input.role,
    scopePath: scope?.path ?? null,
    // Only reviewers speak for a department.
    department: input.role === "reviewer" ? input.department : null,
  };
  if (!canGrant(viewer.roles, granted)) {
    // The scope is what the admin can change to fix it (a unit inside their subtree).
    refuseField("FORBIDDEN", "scopeCode", "Bạn không thể cấp vai trò này tại đơn vị này.");
  }
  return { scope, granted };
}

/** Changes a user's name, role, scope and department; audited before → after. */
export async function updateManagedUser(
  db: Executor,
  viewer: Viewer,
  input: {
    userId: string;
    expectedVersion: number;
    displayName: string;
    role: Role;
    scopeCode: string | null;
    department: string | null;
  },
) {
  const user = await requireManageableUser(db, viewer, input.userId);
  const { scope, granted } = await requireGrantable(db, viewer, input);
  return db.transaction(async (tx) => {
    const updated = await updateUserAccount(tx, {
      userId: user.id,
      expectedVersion: input.expectedVersion,
      displayName: input.displayName,
    });
    if (!updated) throwConflict(CHANGED, await getManagedUser(tx, user.id));
    await replaceRoleAssignments(tx, {
      userId: user.id,
      role: granted.role,
      scopeUnitId: scope?.id ?? null,
      department: granted.department,
    });
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "user.update",
      entity: "user",
      entityId: user.id,
      unitPath: granted.scopePath ?? "/",
      before: { displayName: user.displayName, roles: describeRoles(user) },
      after: { displayName: input.displayName, roles: [granted] },
    });
    return (await getManagedUser(tx, user.id))!;
  });
}

/** Disables (ending every session at once) or enables a user. */
export async function setUserDisabled(
  db: Executor,
  viewer: Viewer,
  input: { userId: string; disabled: boolean; expectedVersion: number },
) {
  const user = await requireManageableUser(db, viewer, input.userId, {
    notSelf: "Bạn không thể tự khóa tài khoản của mình.",
  });
  return db.transaction(async (tx) => {
    const updated = await updateUserAccount(tx, {
      userId: user.id,
      expectedVersion: input.expectedVersion,
      active: !input.disabled,
    });
    if (!updated) throwConflict(CHANGED, await getManagedUser(tx, user.id));
    const endedSessions = input.disabled ? await deleteAllSessions(tx, user.id) : 0;
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: input.disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: user.id,
      unitPath: auditPath(user),
      before: { active: user.active },
      after: { active: !input.disabled, endedSessions },
    });
    return (await getManagedUser(tx, user.id))!;
  });
}

/** Sets a new password chosen by the admin; every session of the user ends. */
export async function resetUserPassword(
  db: Executor,
  viewer: Viewer,
  input: { userId: string; newPassword: string; expectedVersion: number },
) {
  const user = await requireManageableUser(db, viewer, input.userId, {
    notSelf: "Đổi mật khẩu của chính bạn ở trang Đổi mật khẩu.",
  });
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const updated = await updatePasswordHash(tx, {
      userId: user.id,
      passwordHash,
      expectedVersion: input.expectedVersion,
    });
    if (!updated) throwConflict(CHANGED, await getManagedUser(tx, user.id));
    const endedSessions = await deleteAllSessions(tx, user.id);
    // The password itself is never written to the log, not even hashed.
    await recordAudit(tx, {
      actorUserId: viewer.id,
      action: "user.reset_password",
      entity: "user",
      entityId: user.id,
      unitPath: auditPath(user),
      after: { passwordReset: true, endedSessions },
    });
    return (await getManagedUser(tx, user.id))!;
  });
}
