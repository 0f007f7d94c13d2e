import { promisify } from "node:util";
import { gzip } from "node:zlib";
import {
  type Database,
  type ReportPageStamp,
  readReportPageStamp,
  sharedReads,
} from "@datchuan/db";
import { can } from "@datchuan/domain";
import { createMiddleware } from "hono/factory";
import { loadViewer } from "../auth/viewer";
import { reportKey } from "../routers/report-views";

import { unitPageReadersOf } from "../services/unit-page-readers";
import { type AppEnv, readSessionToken } from "./client";
import { acceptsEncoding, type KeptBytes, type KeptSource } from "./kept-replies";

/**
 * The unit page (`report.get`, ~58 KB) kept as bytes, gzipped once, per exact query, kind of
 * reader (may read drafts or not) and stamp of the report's rows (`readReportPageStamp`). Its
 * queries are sub-millisecond; what cost ~7 ms of the server's thread per load was serialising,
 * compressing and collecting the reply. A reload is now the stamp and, for a signed-in reader,
 * the session (two small queries side by side, shared by concurrent requests asking the same),
 * then the kept bytes, sent ahead of the app by the first middleware (kept-replies.ts).
 *
 * Never stale: the stamp is read from the database on every request, before the page, so a
 * write by any process (a value, a verdict, the report's status, a review, evidence notes) moves
 * it. Never a leak: the kind of reader is decided per request from the session's roles over the
 * unit, and a reply is kept under the kind the procedure computed it for. Anything unusual (a
 * batch of several calls, an unreadable input, an error) goes through tRPC untouched. Bounded,
 * least recently used out (~66 KB each with its gzip).
 */
const LIMIT = 256;
const PATH = "/trpc/report.get";
const gzipAsync = promisify(gzip);

interface Kept {
  stamp: string;
  reply: KeptBytes;
}

/** What a request read before its page: the stamp its reply is filed under on a miss. */
interface Read {
  stamp: string;
  search: string;
}

/** The report named by a tRPC GET input, single or a batch of one; undefined if unreadable. */
function reportNamed(input: string, batch: boolean) {
  try {
    const parsed = JSON.parse(input) as unknown;
    let call = parsed;
    if (batch) {
      if (!parsed || typeof parsed !== "object" || Object.keys(parsed).join() !== "0") return;
      call = (parsed as Record<string, unknown>)["0"];
    }
    const named = reportKey.safeParse(call);
    return named.success ? named.data : undefined;
  } catch {
    return undefined;
  }
}

const kindKey = (mayReadDraft: boolean, search: string) =>
  `${mayReadDraft ? "draft" : "public"} ${search}`;

/**
 * `kept`: the reply for a request whose reader's kind and page stamp match a kept one (sent by
 * the first middleware, see kept-replies.ts); `store`: on /trpc/report.get, files the reply tRPC
 * computed under the stamp `kept` read before it, for the kind the procedure computed it for.
 */
export function cachedUnitPages(db: Database) {
  const kept = new Map<string, Kept>();
  const readBoth = pageReads(db);
  // The request itself is the key: what `kept` read is what `store` files under.
  const reads = new WeakMap<Request, Read>();
  const source: KeptSource = async (c, { secure }) => {
    // A client asking for a streamed batch (trpc-accept) gets tRPC's own reply.
    if (c.req.path !== PATH || c.req.header("trpc-accept")) return undefined;
    const url = new URL(c.req.url);
    const input = url.searchParams.get("input");
    const named = input === null ? undefined : reportNamed(input, url.searchParams.has("batch"));
    if (!named) return undefined;
    // The database away, say: tRPC reads again and answers as it always does (503, ...).
    const read = await readBoth(named, readSessionToken(c, secure)).catch(() => undefined);
    const stamp = read?.stamp;
    if (!stamp) return undefined; // no such unit: tRPC's own NOT_FOUND
    reads.set(c.req.raw, { stamp: stamp.stamp, search: url.search });
    const mayReadDraft = Boolean(
      read.session &&
        can(read.session.viewer.roles, "value.read_draft", {
          unitPath: stamp.unitPath,
          unitLevel: stamp.unitLevel,
        }),
    );
    const key = kindKey(mayReadDraft, url.search);
    const hit = kept.get(key);
    if (!hit || hit.stamp !== stamp.stamp) return undefined;
    kept.delete(key);
    kept.set(key, hit);
    return hit.reply;
  };
  const store = createMiddleware<AppEnv>(async (c, next) => {
    const read = reads.get(c.req.raw);
    if (c.req.method !== "GET" || c.req.path !== PATH || !read) return next();
    const computedFor = await unitPageReadersOf(next);
    const res = c.res;
    if (
      computedFor.length !== 1 ||
      res.status !== 200 ||
      res.headers.has("Content-Encoding") ||
      res.headers.has("Set-Cookie") ||
      !res.headers.get("Content-Type")?.startsWith("application/json")
    )
      return;
    const body = new Uint8Array(await res.arrayBuffer());
    const entry: Kept = {
      stamp: read.stamp,
      reply: {
        body,
        gzip: new Uint8Array(await gzipAsync(body)),
        br: null,
        etag: null,
        headers: { "content-type": res.headers.get("Content-Type")! },
      },
    };
    // Filed under the procedure's own decision; the stamp read before it ran.
    const keptKey = kindKey(computedFor[0]!, read.search);
    if (kept.size >= LIMIT && !kept.has(keptKey)) kept.delete(kept.keys().next().value as string);
    kept.set(keptKey, entry);
    const gzipAccepted = acceptsEncoding(c.req.header("accept-encoding") ?? "", "gzip");
    const sent = gzipAccepted ? entry.reply.gzip! : body;
    c.res = undefined;
    c.res = c.body(sent, 200, {
      "Content-Type": entry.reply.headers["content-type"]!,
      "Content-Length": String(sent.byteLength),
      Vary: "Accept-Encoding",
      ...(gzipAccepted ? { "Content-Encoding": "gzip" } : {}),
      "x-request-id": c.var.requestId,
      // Says the reply was computed and kept, for whoever tunes or debugs this.
      "X-Datchuan-Cache": "miss",
    });
  });
  return { kept: source, store };
}

/**
 * The page's stamp and the reader's session, side by side, each shared with the concurrent
 * requests asking the same (`sharedReads`: never an answer begun before this request asked).
 */
function pageReads(db: Database) {
  const stamps = sharedReads<ReportPageStamp | undefined>();
  const sessions = sharedReads<Awaited<ReturnType<typeof loadViewer>>>();
  return async (named: { unitCode: string; setId: string; period: string }, token?: string) => {
    const [stamp, session] = await Promise.all([
      stamps(JSON.stringify([named.unitCode, named.setId, named.period]), () =>
        readReportPageStamp(db, named),
      ),
      token ? sessions(token, () => loadViewer(db, token)) : null,
    ]);
    return { stamp, session };
  };
}
