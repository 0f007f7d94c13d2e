import {
  clearSignInFailures,
  countRecentSignInFailures,
  deleteOtherSessions,
  deleteSession,
  findUserForSignIn,
  getUserById,
  hashPassword,
  insertSession,
  recordAudit,
  recordSignInFailure,
  updatePasswordHash,
  verifyPassword,
} from "@datchuan/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashSessionToken, newSessionToken, SESSION_LIFETIME_MS } from "../auth/session";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc";

/** After this many failures within the window, sign-in for that username waits. */
export const SIGN_IN_MAX_FAILURES = 5;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;

const passwordSchema = z
  .string()
  .min(10, "Mật khẩu cần ít nhất 10 ký tự")
  .max(200, "Mật khẩu dài quá 200 ký tự");

export const authRouter = createTRPCRouter({
  /** Who is signed in (null for the public), with their roles. */
  me: publicProcedure.query(({ ctx }) => ctx.viewer),

  signIn: publicProcedure
    .input(
      z.object({
        username: z.string().trim().min(1, "Nhập tên đăng nhập").max(100),
        password: z.string().min(1, "Nhập mật khẩu").max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const failures = await countRecentSignInFailures(
        ctx.db,
        input.username,
        SIGN_IN_WINDOW_SECONDS,
      );
      if (failures >= SIGN_IN_MAX_FAILURES) {
        throw new TRPCError({
          code: "TOO_MANY_REQUESTS",
          message: "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
        });
      }
      const user = await findUserForSignIn(ctx.db, input.username);
      // Verify even for unknown users so timing does not reveal which usernames exist.
      const valid = await verifyPassword(
        input.password,
        user?.passwordHash ?? "scrypt$16384$8$1$AAAA$AAAA",
      );
      if (!user || !valid || !user.active) {
        await recordSignInFailure(ctx.db, input.username);
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Tên đăng nhập hoặc mật khẩu không đúng.",
        });
      }
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
      await ctx.db.transaction(async (tx) => {
        await insertSession(tx, { tokenHash: hashSessionToken(token), userId: user.id, expiresAt });
        await clearSignInFailures(tx, input.username);
      });
      ctx.sessionCookie.set(token, expiresAt);
      return { username: user.username, displayName: user.displayName };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    ctx.sessionCookie.clear();
    return { signedOut: true };
  }),

  changePassword: authedProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, "Nhập mật khẩu hiện tại"),
        newPassword: passwordSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const user = await getUserById(ctx.db, ctx.viewer.id);
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Mật khẩu hiện tại không đúng." });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.db.transaction(async (tx) => {
        const changed = await updatePasswordHash(tx, {
          userId: user.id,
          passwordHash,
          expectedVersion: user.version,
        });
        if (!changed) {
          throw new TRPCError({
            code: "CONFLICT",
            message: "Tài khoản vừa được thay đổi ở nơi khác. Vui lòng thử lại.",
          });
        }
        // Other devices signed in with the old password are signed out.
        if (ctx.sessionTokenHash) await deleteOtherSessions(tx, user.id, ctx.sessionTokenHash);
        await recordAudit(tx, {
          actorUserId: user.id,
          action: "user.change_password",
          entity: "user",
          entityId: user.id,
          unitPath: "/",
          before: { passwordChanged: false },
          after: { passwordChanged: true },
        });
      });
      return { changed: true };
    }),
});
