import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { vietnamDate } from "@datchuan/domain";
import type { Context } from "hono";
import { publishedGeneration } from "../services/published";
import type { AppEnv } from "./client";
import { type KeptBytes, sendingOf } from "./kept-replies";

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
export type PreparedReply = KeptBytes & { etag: string };

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
      "cache-control": PUBLIC_CACHE_CONTROL,
      ...(content.disposition ? { "content-disposition": content.disposition } : {}),
      "x-content-type-options": "nosniff",
    },
  };
}

/** Sends a prepared reply through the app (a miss, or a reply kept while the version was unknown). */
export function sendPrepared(c: Context<AppEnv>, reply: PreparedReply): Response {
  const sending = sendingOf(
    reply,
    c.req.header("accept-encoding") ?? "",
    c.req.header("if-none-match"),
  );
  return sending.body
    ? c.body(sending.body, 200, sending.headers)
    : c.body(null, 304, sending.headers);
}

interface Entry {
  generation: number;
  /** The database's standing version when the build began; undefined when not known. */
  version: string | undefined;
  built: number;
  reply: Promise<PreparedReply | Response>;
  /** The reply once built, for readers served before the app (`kept`). */
  prepared?: PreparedReply;
}

/** How old a standing version may be when a public read trusts it (see `recentStandingVersion`). */
export const VERSION_FRESH_MS = 1000;

/** The database's standing version as a public read may trust it. */
export interface RecentVersion {
  /** A version read begun at most `freshMs` ago (a new read when the last is older). */
  read(): Promise<string>;
  /** The same, only when such a read has already answered; undefined otherwise. */
  settled(): string | undefined;
}

/**
 * The database's standing version (bumped at the commit of any write to verdicts, reports,
 * units, clusters or sets, by any process), read at most once per `freshMs`: what lets a
 * process see another's writes within about a second instead of `MAX_AGE_MS`, for one tiny
 * query a second however many readers. A version read began at most `freshMs` ago, so it
 * holds every write committed before then.
 */
export function recentStandingVersion(
  query: () => Promise<string>,
  clock: () => number = Date.now,
  freshMs = VERSION_FRESH_MS,
): RecentVersion {
  let last: { at: number; version: Promise<string>; answer?: string } | undefined;
  const read = () => {
    const now = clock();
    if (!last || now - last.at >= freshMs) {
      const current: { at: number; version: Promise<string>; answer?: string } = {
        at: now,
        version: query(),
      };
      last = current;
      current.version.then(
        (answer) => {
          current.answer = answer;
        },
        () => {
          if (last === current) last = undefined;
        },
      );
    }
    return last.version;
  };
  return {
    read,
    settled() {
      if (!last || clock() - last.at >= freshMs) {
        // Stale: this reader goes the long way; the next finds a fresh answer.
        read().catch(() => undefined);
        return undefined;
      }
      return last.answer;
    },
  };
}

/**
 * Prepared public replies by key (the URL with its parameters resolved). One build per key and
 * generation: concurrent readers of a missing entry wait for the same build. A build that
 * answers with an error Response (404, 400) is not kept.
 *
 * Each request URL served is remembered with the key it resolved to and the day it was read on
 * (a URL without a date means today), so `keptFor` can answer the next request for that URL
 * before the app runs, while the entry is still valid and the day the same.
 */
export class ReplyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly urls = new Map<string, { key: string; day: string }>();

  /**
   * `version`: the database's standing version, recent (`recentStandingVersion`); a reply
   * built under another version is built again. Without it, or when the database does not
   * answer, replies are trusted for `MAX_AGE_MS`. `today`: the date routes read a missing
   * `date` as (the app's clock, in Vietnam).
   */
  constructor(
    private readonly clock: () => number = Date.now,
    private readonly version?: RecentVersion,
    private readonly today: () => string = () => vietnamDate(new Date()),
  ) {}

  private valid(found: Entry, generation: number, version: string | undefined, now: number) {
    return (
      found.generation === generation &&
      (version === undefined || found.version === undefined || found.version === version) &&
      now - found.built < MAX_AGE_MS
    );
  }

  async get(
    key: string,
    build: () => Promise<ReplyContent | Response>,
    url?: string,
  ): Promise<PreparedReply | Response> {
    const generation = publishedGeneration();
    const version = this.version ? await this.version.read().catch(() => undefined) : undefined;
    const now = this.clock();
    if (url !== undefined) this.remember(url, key);
    const found = this.entries.get(key);
    if (found && this.valid(found, generation, version, now)) return found.reply;
    const reply = build().then((content) =>
      content instanceof Response ? content : prepareReply(content),
    );
    const entry: Entry = { generation, version, built: now, reply };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    reply.then((r) => {
      if (r instanceof Response) forget();
      else entry.prepared = r;
    }, forget);
    return reply;
  }

  private remember(url: string, key: string): void {
    this.urls.delete(url);
    this.urls.set(url, { key, day: this.today() });
    if (this.urls.size > MAX_ENTRIES) {
      const oldest = this.urls.keys().next().value;
      if (oldest !== undefined) this.urls.delete(oldest);
    }
  }

  /**
   * The reply for a request URL served before, when it can be answered without the app: built,
   * valid by the same test as `get` with a version read that has already answered, and read on
   * the same day. Otherwise undefined, and the request goes through its route.
   */
  readonly keptFor = (url: string): PreparedReply | undefined => {
    const seen = this.urls.get(url);
    if (!seen) return undefined;
    const found = this.entries.get(seen.key);
    if (!found?.prepared) return undefined;
    let version: string | undefined;
    if (this.version) {
      version = this.version.settled();
      if (version === undefined) return undefined;
    }
    if (!this.valid(found, publishedGeneration(), version, this.clock())) return undefined;
    if (seen.day !== this.today()) return undefined;
    return found.prepared;
  };

  clear(): void {
    this.entries.clear();
    this.urls.clear();
  }
}

/** Serves the cached reply for a key, building it on a miss. */
export async function servePublic(
  c: Context<AppEnv>,
  cache: ReplyCache,
  key: string,
  build: () => Promise<ReplyContent | Response>,
): Promise<Response> {
  const reply = await cache.get(key, build, c.req.url);
  if (reply instanceof Response) return reply.clone();
  return sendPrepared(c, reply);
}

/** A JSON reply's content. */
export function jsonContent(data: unknown): ReplyContent {
  return { body: JSON.stringify(data), contentType: "application/json; charset=utf-8" };
}
