import type { Database } from "@datchuan/db";
import { type AccessTarget, type Action, can, type RoleAssignment } from "@datchuan/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";

// Messages zod writes itself (a field of the wrong type, …) come out in Vietnamese too.
z.config(z.locales.vi());

/** The signed-in person, with every role they hold. */
export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  version: number;
  roles: RoleAssignment[];
}

/** Where procedures write the session cookie; HTTP sets a real cookie, tests record calls. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * What every procedure receives. Built from plain dependencies so tests need no HTTP.
 * A type alias, not an interface: @hono/trpc-server requires a Record-compatible context.
 */
export type Context = {
  db: Database;
  viewer: Viewer | null;
  sessionTokenHash: string | null;
  sessionCookie: SessionCookie;
  /** The one clock: "today" is `vietnamDate(now())`. Tests pass a fixed instant. */
  now: () => Date;
};

/** The real clock, for the server. */
export const systemClock = (): Date => new Date();

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-level messages for forms: { "username": ["Tên đăng nhập …"] }.
        fieldErrors: cause instanceof z.ZodError ? z.flattenError(cause).fieldErrors : undefined,
        conflict: cause instanceof ConflictError ? cause.current : undefined,
      },
    };
  },
});

/** A write that lost a race: carries the value now stored so the client can show it. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message);
  }
}

/** Answers a lost race: CONFLICT, with the value now stored for the client to show. */
export function throwConflict(message: string, current: unknown): never {
  throw new TRPCError({ code: "CONFLICT", message, cause: new ConflictError(message, current) });
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not: only published, non-personal data. */
export const publicProcedure = t.procedure;

/** Anyone signed in; finer checks go through `authorize`. */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.viewer) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Bạn cần đăng nhập để làm việc này." });
  }
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** Throws FORBIDDEN unless one of the viewer's roles allows `action` on `target`. */
export function authorize(viewer: Viewer, action: Action, target: AccessTarget): void {
  if (!can(viewer.roles, action, target)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Bạn không có quyền thực hiện thao tác này tại đơn vị này.",
    });
  }
}
