import {
  hashPassword,
  insertRoleAssignment,
  insertUser,
  isUniqueViolation,
  listUsersInScope,
  recordAudit,
} from "@datchuan/db";
import { roleSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  requireGrantable,
  resetUserPassword,
  setUserDisabled,
  updateManagedUser,
} from "../services/users";
import { authedProcedure, createTRPCRouter, refuseField } from "../trpc";

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,49}$/u,
    "Tên đăng nhập gồm 3–50 chữ không dấu, số, dấu chấm, gạch",
  );

const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Nhập họ tên")
  .max(200)
  .transform((s) => s.normalize("NFC"));
const passwordSchema = z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự").max(200);
const departmentSchema = z.string().trim().min(1).max(100).nullable().default(null);
const expectedVersion = z.int().min(1);

export const userRouter = createTRPCRouter({
  /** Users holding roles inside the subtrees where the viewer manages users. */
  list: authedProcedure.query(async ({ ctx }) => {
    const scopes = ctx.viewer.roles.filter((r) => r.role === "system_admin" || r.role === "admin");
    if (scopes.length === 0) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "Bạn không có quyền xem danh sách tài khoản.",
      });
    }
    if (scopes.some((r) => r.role === "system_admin")) return listUsersInScope(ctx.db, null);
    const lists = await Promise.all(scopes.map((r) => listUsersInScope(ctx.db, r.scopePath)));
    return lists.flat();
  }),

  create: authedProcedure
    .input(
      z.object({
        username: usernameSchema,
        displayName: displayNameSchema,
        password: passwordSchema,
        role: roleSchema,
        scopeCode: unitCodeSchema.nullable(),
        department: departmentSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { scope, granted } = await requireGrantable(ctx.db, ctx.viewer, input);
      const passwordHash = await hashPassword(input.password);
      try {
        return await ctx.db.transaction(async (tx) => {
          const user = await insertUser(tx, {
            username: input.username,
            displayName: input.displayName,
            passwordHash,
          });
          await insertRoleAssignment(tx, {
            userId: user.id,
            role: input.role,
            scopeUnitId: scope?.id ?? null,
            department: granted.department,
          });
          await recordAudit(tx, {
            actorUserId: ctx.viewer.id,
            action: "user.create",
            entity: "user",
            entityId: user.id,
            unitPath: scope?.path ?? "/",
            after: { username: user.username, displayName: user.displayName, ...granted },
          });
          return user;
        });
      } catch (error) {
        if (isUniqueViolation(error, "app_user_username_key")) {
          refuseField("CONFLICT", "username", `Tên đăng nhập ${input.username} đã có người dùng.`);
        }
        throw error;
      }
    }),

  /** Changes a user's name, role, scope and department; only for users inside one's subtree. */
  update: authedProcedure
    .input(
      z.object({
        userId: z.uuid(),
        expectedVersion,
        displayName: displayNameSchema,
        role: roleSchema,
        scopeCode: unitCodeSchema.nullable(),
        department: departmentSchema,
      }),
    )
    .mutation(({ ctx, input }) => updateManagedUser(ctx.db, ctx.viewer, input)),

  /** Disables a user (their sessions end at once) or enables them again. */
  setDisabled: authedProcedure
    .input(z.object({ userId: z.uuid(), disabled: z.boolean(), expectedVersion }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.viewer, input)),

  /** Gives a user a new password chosen by the admin; their sessions end. */
  resetPassword: authedProcedure
    .input(z.object({ userId: z.uuid(), newPassword: passwordSchema, expectedVersion }))
    .mutation(({ ctx, input }) => resetUserPassword(ctx.db, ctx.viewer, input)),
});
