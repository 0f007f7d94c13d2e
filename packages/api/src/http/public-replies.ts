import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import type { Context } from "hono";
import { publishedGeneration } from "../services/published";
import type { AppEnv } from "./client";

/** Caches may keep a public reply a minute, and serve it stale for ten while they revalidate. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

/** Smaller replies go as they are: compressing would save less than it costs. */
const COMPRESS_FROM_BYTES = 1024;
/**
 * How long this process trusts a reply it built. Writes through this process's API clear the
 * cache at once (the generation); this bounds staleness from writers elsewhere (the CLI, another
 * process on the same PostgreSQL) to about the time browsers may cache the reply anyway.
 */
const MAX_AGE_MS = 60_000;
/** Distinct URLs kept; the oldest go first. Bounds memory under a crawl of many dates. */
const MAX_ENTRIES = 2000;

type Bytes = Uint8Array<ArrayBuffer>;

/** Copies into a plain ArrayBuffer, which a Response body takes as it is. */
const bytes = (buffer: Buffer): Bytes => new Uint8Array(buffer);

/** A reply serialised, compressed and tagged once, then served many times. */
export interface PreparedReply {
  body: Bytes;
  gzip: Bytes | null;
  br: Bytes | null;
  etag: string;
  headers: Record<string, string>;
}

/** A reply to prepare: its text and the headers that say what it is. */
export interface ReplyContent {
  body: string;
  contentType: string;
  /** `inline; filename="…"` for open-data tables. */
  disposition?: string;
}

/** A strong validator: the same bytes, the same tag, whatever the process that made them. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

export function prepareReply(content: ReplyContent): PreparedReply {
  const body = Buffer.from(content.body, "utf8");
  const large = body.byteLength >= COMPRESS_FROM_BYTES;
  return {
    body: bytes(body),
    gzip: large ? bytes(gzipSync(body, { level: 6 })) : null,
    br: large
      ? bytes(
          brotliCompressSync(body, {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 6,
              [zlib.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
            },
          }),
        )
      : null,
    etag: etagOf(body),
    headers: {
      "content-type": content.contentType,
      ...(content.disposition ? { "content-disposition": content.disposition } : {}),
      "x-content-type-options": "nosniff",
    },
  };
}

/** The tag of one encoding of a body: a strong validator names exact bytes (RFC 9110 8.8.1). */
function taggedFor(etag: string, encoding: "br" | "gzip" | null): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding === "br" ? "br" : "gz"}"` : etag;
}

/** Whether the reader holds this body in any encoding: the same content, so 304. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(0, -1);
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag || tag === `${base}-br"` || tag === `${base}-gz"`);
}

/** Whether Accept-Encoding allows a coding (present and not `q=0`). */
export function acceptsEncoding(acceptEncoding: string, coding: string): boolean {
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== coding && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/**
 * Sends a prepared reply: brotli or gzip by Accept-Encoding, each encoding under its own tag
 * (the body's tag with `-br` or `-gz`), and 304 when the reader holds the body in any of them.
 */
export function sendPrepared(c: Context<AppEnv>, reply: PreparedReply): Response {
  const acceptEncoding = c.req.header("accept-encoding") ?? "";
  const encoding =
    reply.br && acceptsEncoding(acceptEncoding, "br")
      ? "br"
      : reply.gzip && acceptsEncoding(acceptEncoding, "gzip")
        ? "gzip"
        : null;
  const common: Record<string, string> = {
    etag: taggedFor(reply.etag, encoding),
    "cache-control": PUBLIC_CACHE_CONTROL,
    vary: "Accept-Encoding",
  };
  if (matches(c.req.header("if-none-match"), reply.etag)) return c.body(null, 304, common);
  const body = encoding === "br" ? reply.br! : encoding === "gzip" ? reply.gzip! : reply.body;
  const headers: Record<string, string> = { ...common, ...reply.headers };
  if (encoding) headers["content-encoding"] = encoding;
  headers["content-length"] = String(body.byteLength);
  return c.body(body, 200, headers);
}

interface Entry {
  generation: number;
  /** The database's standing version when the build began; undefined when not known. */
  version: string | undefined;
  built: number;
  reply: Promise<PreparedReply | Response>;
}

/** How old a standing version may be when a public read trusts it (see `recentStandingVersion`). */
export const VERSION_FRESH_MS = 1000;

/**
 * The database's standing version (bumped at the commit of any write to verdicts, reports,
 * units, clusters or sets, by any process), read at most once per `freshMs`: what lets a
 * process see another's writes within about a second instead of `MAX_AGE_MS`, for one tiny
 * query a second however many readers. A version read began at most `freshMs` ago, so it
 * holds every write committed before then.
 */
export function recentStandingVersion(
  read: () => Promise<string>,
  clock: () => number = Date.now,
  freshMs = VERSION_FRESH_MS,
): () => Promise<string> {
  let last: { at: number; version: Promise<string> } | undefined;
  return () => {
    const now = clock();
    if (!last || now - last.at >= freshMs) {
      const version = read();
      const current = { at: now, version };
      last = current;
      version.catch(() => {
        if (last === current) last = undefined;
      });
    }
    return last.version;
  };
}

/**
 * Prepared public replies by key (the URL with its parameters resolved). One build per key and
 * generation: concurrent readers of a missing entry wait for the same build. A build that
 * answers with an error Response (404, 400) is not kept.
 */
export class ReplyCache {
  private readonly entries = new Map<string, Entry>();

  /**
   * `version`: the database's standing version, recent (`recentStandingVersion`); a reply
   * built under another version is built again. Without it, or when the database does not
   * answer, replies are trusted for `MAX_AGE_MS`.
   */
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly version?: () => Promise<string>,
  ) {}

  async get(
    key: string,
    build: () => Promise<ReplyContent | Response>,
  ): Promise<PreparedReply | Response> {
    const generation = publishedGeneration();
    const version = this.version ? await this.version().catch(() => undefined) : undefined;
    const now = this.clock();
    const found = this.entries.get(key);
    if (
      found &&
      found.generation === generation &&
      (version === undefined || found.version === undefined || found.version === version) &&
      now - found.built < MAX_AGE_MS
    )
      return found.reply;
    const reply = build().then((content) =>
      content instanceof Response ? content : prepareReply(content),
    );
    const entry = { generation, version, built: now, reply };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    reply.then((r) => (r instanceof Response ? forget() : undefined), forget);
    return reply;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Serves the cached reply for a key, building it on a miss. */
export async function servePublic(
  c: Context<AppEnv>,
  cache: ReplyCache,
  key: string,
  build: () => Promise<ReplyContent | Response>,
): Promise<Response> {
  const reply = await cache.get(key, build);
  if (reply instanceof Response) return reply.clone();
  return sendPrepared(c, reply);
}

/** A JSON reply's content. */
export function jsonContent(data: unknown): ReplyContent {
  return { body: JSON.stringify(data), contentType: "application/json; charset=utf-8" };
}
