import { gzipSync } from "node:zlib";
import { type Database, readStandingVersionShared } from "@datchuan/db";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./client";
import type { KeptBytes, KeptSource } from "./kept-replies";
import { COMPRESS_THRESHOLD_BYTES } from "./static";

/**
 * The district and province review (`review.standing`) of signed verdicts is the same for every
 * reader, and a room of officials reloads it on a projector: its reply is kept as bytes (and
 * gzipped once) per exact query, and served again while the database's standing version holds
 * still (see `readStandingVersion`): one small query instead of a session lookup, a roll-up
 * and serialising some hundred kilobytes. Working verdicts (`working: true`) depend on who reads
 * and always go through tRPC. A miss goes through tRPC too, and a 200 reply is kept under the
 * version read before it (gzipped once). Bounded, least recently used out.
 */
const LIMIT = 32;
const PATH = "/trpc/review.standing";

interface Kept {
  version: string;
  reply: KeptBytes;
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

/**
 * `kept`: the reply for a request the version says is still current (the first middleware
 * sends it, see kept-replies.ts); `store`: on /trpc/review.standing, keeps a 200 reply tRPC
 * built, under the version read before it.
 */
export function cachedStandingReplies(db: Database) {
  const kept = new Map<string, Kept>();
  /** The kept entry's key for a cacheable request (signed verdicts, readable input), or null. */
  const keyOf = (c: Context<AppEnv>): string | null => {
    if (c.req.method !== "GET" || c.req.path !== PATH) return null;
    const url = new URL(c.req.url);
    const input = url.searchParams.get("input");
    return input === null || asksForWorking(input) ? null : url.search;
  };
  const source: KeptSource = async (c) => {
    const key = keyOf(c);
    if (key === null) return undefined;
    const hit = kept.get(key);
    if (!hit) return undefined;
    // The version now, read after this request came: a hit is as fresh as a query of its own.
    if ((await readStandingVersionShared(db)) !== hit.version) return undefined;
    kept.delete(key);
    kept.set(key, hit);
    return hit.reply;
  };
  const store = createMiddleware<AppEnv>(async (c, next) => {
    const key = keyOf(c);
    if (key === null) return next();
    // The version before the data: what is computed after it is at least this new.
    const version = await readStandingVersionShared(db);
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
    kept.set(key, {
      version,
      reply: {
        body,
        gzip: body.byteLength >= COMPRESS_THRESHOLD_BYTES ? new Uint8Array(gzipSync(body)) : null,
        br: null,
        etag: null,
        headers: { "content-type": "application/json" },
      },
    });
  });
  return { kept: source, store };
}
