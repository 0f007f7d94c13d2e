import { gzipSync } from "node:zlib";
import { type Database, readStandingVersionShared } from "@datchuan/db";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./client";

/**
 * The district and province review (`review.standing`) of signed verdicts is the same for every
 * reader, and a room of officials reloads it on a projector: its reply is kept as bytes (and
 * gzipped once) per exact query, and served again while the database's standing version holds
 * still (see `readStandingVersion`): one small query instead of a session lookup, a roll-up
 * and serialising some hundred kilobytes. Working verdicts (`working: true`) depend on who reads
 * and always go through tRPC. A miss goes through tRPC too, and a 200 reply is kept under the
 * version read before it. Bounded, least recently used out.
 */
const LIMIT = 32;
const PATH = "/trpc/review.standing";

interface Kept {
  version: string;
  body: Uint8Array;
  gzip?: Uint8Array;
}

/** Whether a tRPC GET input (single or a batch of one) asks for working verdicts, or is unreadable. */
function asksForWorking(input: string): boolean {
  try {
    const parsed = JSON.parse(input) as unknown;
    const calls =
      parsed && typeof parsed === "object" && "0" in parsed ? Object.values(parsed) : [parsed];
    return calls.some((call) => {
      if (!call || typeof call !== "object") return true;
      const working = (call as { working?: unknown }).working;
      return working !== undefined && working !== false;
    });
  } catch {
    return true;
  }
}

export function cachedStandingReplies(db: Database) {
  const kept = new Map<string, Kept>();
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== "GET" || c.req.path !== PATH) return next();
    const url = new URL(c.req.url);
    const input = url.searchParams.get("input");
    if (input === null || asksForWorking(input)) return next();
    const key = url.search;
    // The version before the data: what is computed after it is at least this new.
    const version = await readStandingVersionShared(db);
    const hit = kept.get(key);
    if (hit && hit.version === version) {
      kept.delete(key);
      kept.set(key, hit);
      const gzip = /\bgzip\b/u.test(c.req.header("accept-encoding") ?? "");
      if (gzip) hit.gzip ??= gzipSync(hit.body);
      const body = gzip ? hit.gzip! : hit.body;
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "Content-Length": String(body.byteLength),
        Vary: "Accept-Encoding",
        "x-request-id": c.var.requestId,
        // Says the reply was kept, for whoever tunes or debugs this.
        "X-Datchuan-Cache": "hit",
      };
      if (gzip) headers["Content-Encoding"] = "gzip";
      return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
    }
    await next();
    const res = c.res;
    if (
      res.status !== 200 ||
      res.headers.has("Content-Encoding") ||
      !res.headers.get("Content-Type")?.startsWith("application/json")
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    c.res = new Response(body, res);
    if (kept.size >= LIMIT && !kept.has(key)) kept.delete(kept.keys().next().value as string);
    kept.set(key, { version, body });
  });
}
