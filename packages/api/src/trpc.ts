import type { Database } from "@datchuan/db";
import { initTRPC } from "@trpc/server";

/** What every procedure receives. Built from plain dependencies so tests need no HTTP. */
// A type alias, not an interface: @hono/trpc-server requires a Record-compatible context.
export type Context = {
  db: Database;
};

const t = initTRPC.context<Context>().create();

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not: only published, non-personal data. */
export const publicProcedure = t.procedure;
