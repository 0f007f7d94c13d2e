import {
  admitSignInAttempt,
  clearSignInAttempts,
  DUMMY_PASSWORD_HASH,
  deleteOtherSessions,
  deleteSession,
  findUserForSignIn,
  getUserById,
  hashPassword,
  insertSession,
  lockUserCredentials,
  needsRehash,
  recordAudit,
  updatePasswordHash,
  upgradePasswordHash,
  verifyPassword,
} from "@datchuan/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { hashSessionToken, newSessionToken, SESSION_LIFETIME_MS } from "../auth/session";
import { decideSignIn, SIGN_IN_THROTTLE, waitInWords } from "../auth/throttle";
import {
  authedProcedure,
  type Context,
  createTRPCRouter,
  publicProcedure,
  ThrottledError,
} from "../trpc";

const THROTTLE_MESSAGES = {
  account: "Đăng nhập sai nhiều lần. Vui lòng thử lại sau",
  client: "Máy này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau",
  overall: "Hệ thống đang nhận quá nhiều lượt đăng nhập. Vui lòng thử lại sau",
} as const;

const passwordSchema = z
  .string()
  .min(10, "Mật khẩu cần ít nhất 10 ký tự")
  .max(200, "Mật khẩu dài quá 200 ký tự");

/**
 * Lets one password check through, or refuses it: one check per request (a batch of sign-ins
 * would be a batch of guesses), and each recorded before the password is checked, so that
 * concurrent guesses count. Sign-in and a password change share the counts: the same secret.
 */
async function admitPasswordCheck(
  ctx: Pick<Context, "db" | "callsInRequest">,
  attempt: { username: string; clientAddress: string },
  what: string,
) {
  if (ctx.callsInRequest > 1) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `${what} phải được gửi riêng, không gộp với yêu cầu khác.`,
    });
  }
  const admission = await ctx.db.transaction((tx) =>
    admitSignInAttempt(
      tx,
      { ...attempt, windowSeconds: SIGN_IN_THROTTLE.windowSeconds },
      decideSignIn,
    ),
  );
  if (!admission.admitted) {
    const message = `${THROTTLE_MESSAGES[admission.reason]} ${waitInWords(admission.retryAfterSeconds)}.`;
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message,
      cause: new ThrottledError(message, admission.retryAfterSeconds),
    });
  }
}

export const authRouter = createTRPCRouter({
  /** Who is signed in (null for the public), with their roles. */
  // Named fields, not the viewer as loaded: nothing else about the account reaches the browser.
  me: publicProcedure.query(({ ctx }) => {
    if (!ctx.viewer) return null;
    const { id, username, displayName, version, roles } = ctx.viewer;
    return { id, username, displayName, version, roles };
  }),

  signIn: publicProcedure
    .input(
      z.object({
        username: z.string().trim().min(1, "Nhập tên đăng nhập").max(100),
        password: z.string().min(1, "Nhập mật khẩu").max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const attempt = { username: input.username, clientAddress: ctx.clientAddress };
      await admitPasswordCheck(ctx, attempt, "Đăng nhập");
      const user = await findUserForSignIn(ctx.db, input.username);
      // Verify even for unknown users so timing does not reveal which usernames exist.
      const valid = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!user || !valid || !user.active) {
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Tên đăng nhập hoặc mật khẩu không đúng.",
        });
      }
      const rehashed = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
      const token = newSessionToken();
      const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
      await ctx.db.transaction(async (tx) => {
        // The password was checked outside any lock (it takes a while): if it was reset or the
        // account disabled meanwhile, that ended every session, and this one must not outlive it.
        const current = await lockUserCredentials(tx, user.id);
        if (!current || current.passwordHash !== user.passwordHash || !current.active) {
          throw new TRPCError({
            code: "UNAUTHORIZED",
            message: "Tên đăng nhập hoặc mật khẩu không đúng.",
          });
        }
        // A hash from an older scheme or cost is replaced now that the password is known.
        if (rehashed) {
          await upgradePasswordHash(tx, {
            userId: user.id,
            oldHash: user.passwordHash,
            newHash: rehashed,
          });
        }
        await insertSession(tx, { tokenHash: hashSessionToken(token), userId: user.id, expiresAt });
        await clearSignInAttempts(tx, attempt);
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
      // The current password is a guess like any sign-in's: whoever holds a session must not
      // try passwords in batches or in parallel without the throttle.
      const attempt = { username: ctx.viewer.username, clientAddress: ctx.clientAddress };
      await admitPasswordCheck(ctx, attempt, "Đổi mật khẩu");
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
        await clearSignInAttempts(tx, attempt);
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
