import {
  getUnitRef,
  hashPassword,
  insertRoleAssignment,
  insertUser,
  isUniqueViolation,
  listUsersInScope,
  recordAudit,
} from "@datchuan/db";
import { canGrant, roleSchema, unitCodeSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { authedProcedure, createTRPCRouter } from "../trpc";

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,49}$/u,
    "Tên đăng nhập gồm 3–50 chữ không dấu, số, dấu chấm, gạch",
  );

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
        displayName: z
          .string()
          .trim()
          .min(1, "Nhập họ tên")
          .max(200)
          .transform((s) => s.normalize("NFC")),
        password: z.string().min(10, "Mật khẩu cần ít nhất 10 ký tự").max(200),
        role: roleSchema,
        scopeCode: unitCodeSchema.nullable(),
        department: z.string().trim().min(1).max(100).nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const scope = input.scopeCode ? await getUnitRef(ctx.db, input.scopeCode) : null;
      if (input.scopeCode && !scope) {
        throw new TRPCError({
          code: "NOT_FOUND",
          message: `Không tìm thấy đơn vị ${input.scopeCode}`,
        });
      }
      if (input.role === "reviewer" && !input.department) {
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "Cán bộ thẩm định cần thuộc một phòng, ngành.",
        });
      }
      const granted = {
        role: input.role,
        scopePath: scope?.path ?? null,
        department: input.department,
      };
      if (!canGrant(ctx.viewer.roles, granted)) {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: "Bạn không thể cấp vai trò này tại đơn vị này.",
        });
      }
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
            department: input.department,
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
          throw new TRPCError({
            code: "CONFLICT",
            message: `Tên đăng nhập ${input.username} đã có người dùng.`,
          });
        }
        throw error;
      }
    }),
});
