import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { getPath } from "hono/utils/url";
import type { Logger } from "pino";
import { type AppEnv, isSecure, type RequestFacts } from "./client";
import { requestIdFor } from "./request-id";
import { securityHeaders } from "./security";

type Bytes = Uint8Array<ArrayBuffer>;

/** A reply kept as bytes, in each encoding it was compressed to once. */
export interface KeptBytes {
  body: Bytes;
  gzip: Bytes | null;
  br: Bytes | null;
  /** A strong validator of `body`; null when the reply is not for caches (no ETag, no 304). */
  etag: string | null;
  /** What the reply is and how caches may keep it: content type, cache control, … */
  headers: Record<string, string>;
}

/** The status, body and headers (a plain record) to send a kept reply to one reader. */
export interface Sending {
  status: 200 | 304;
  body: Bytes | null;
  headers: Record<string, string>;
}

/** Whether Accept-Encoding allows a coding (present and not `q=0`). */
export function acceptsEncoding(acceptEncoding: string, coding: string): boolean {
  let accepted = acceptedCodings.get(acceptEncoding);
  if (!accepted) {
    accepted = {
      br: parseAccepts(acceptEncoding, "br"),
      gzip: parseAccepts(acceptEncoding, "gzip"),
    };
    // Browsers send a handful of distinct headers; anything else is parsed each time.
    if (acceptedCodings.size < 64) acceptedCodings.set(acceptEncoding, accepted);
  }
  return coding === "br"
    ? accepted.br
    : coding === "gzip"
      ? accepted.gzip
      : parseAccepts(acceptEncoding, coding);
}

/** Accept-Encoding headers as read, for br and gzip: every kept reply asks. */
const acceptedCodings = new Map<string, { br: boolean; gzip: boolean }>();

function parseAccepts(acceptEncoding: string, coding: string): boolean {
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name !== coding && name !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** The tag of one encoding of a body: a strong validator names exact bytes (RFC 9110 8.8.1). */
function taggedFor(etag: string, encoding: "br" | "gzip" | null): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding === "br" ? "br" : "gz"}"` : etag;
}

/** Whether the reader holds this body in any encoding: the same content, so 304. */
function holds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(0, -1);
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag || tag === `${base}-br"` || tag === `${base}-gz"`);
}

/** Which form of a kept reply a reader gets: its encoding, and whether it holds it already. */
export interface SendingChoice {
  encoding: "br" | "gzip" | null;
  notModified: boolean;
}

/** Brotli or gzip by Accept-Encoding; not modified when the reader holds the body in any. */
export function chooseSending(
  reply: KeptBytes,
  acceptEncoding: string,
  ifNoneMatch: string | undefined,
): SendingChoice {
  const encoding =
    reply.br && acceptsEncoding(acceptEncoding, "br")
      ? "br"
      : reply.gzip && acceptsEncoding(acceptEncoding, "gzip")
        ? "gzip"
        : null;
  return { encoding, notModified: reply.etag !== null && holds(ifNoneMatch, reply.etag) };
}

/**
 * The status, body and headers of one choice: each encoding under its own tag (the body's tag
 * with `-br` or `-gz`), and 304 with only the validators when the reader holds the body.
 */
export function sendingFor(reply: KeptBytes, { encoding, notModified }: SendingChoice): Sending {
  const common: Record<string, string> = { vary: "Accept-Encoding" };
  if (reply.etag) {
    common.etag = taggedFor(reply.etag, encoding);
    if (notModified) {
      if (reply.headers["cache-control"]) common["cache-control"] = reply.headers["cache-control"];
      return { status: 304, body: null, headers: common };
    }
  }
  const body = encoding === "br" ? reply.br! : encoding === "gzip" ? reply.gzip! : reply.body;
  const headers: Record<string, string> = { ...reply.headers, ...common };
  if (encoding) headers["content-encoding"] = encoding;
  headers["content-length"] = String(body.byteLength);
  return { status: 200, body, headers };
}

/** How to send a kept reply to a reader with these request headers. */
export function sendingOf(
  reply: KeptBytes,
  acceptEncoding: string,
  ifNoneMatch: string | undefined,
): Sending {
  return sendingFor(reply, chooseSending(reply, acceptEncoding, ifNoneMatch));
}

/**
 * Where kept replies come from: the reply this request may be answered with, if one is kept.
 * Called before any other middleware: `secure` is what the client facts would say.
 */
export type KeptSource = (
  c: Context<AppEnv>,
  request: { secure: boolean },
) => KeptBytes | undefined | Promise<KeptBytes | undefined>;

/** The headers every reply carries (securityHeaders), read once from the middleware itself. */
async function securityHeadersFor(secure: boolean): Promise<Record<string, string>> {
  const probe = new Hono<AppEnv>();
  probe.use(async (c, next) => {
    c.set("client", { secure, address: "", origin: "" });
    await next();
  });
  probe.use(...securityHeaders);
  probe.get("/", (c) => c.body(null, 204));
  const response = await probe.request("/");
  return Object.fromEntries(response.headers);
}

/** The request line the server logs for every reply, kept or not. */
export function logRequest(
  logger: Logger,
  request: Pick<RequestFacts, "method" | "path">,
  fields: { requestId: string; status: number; started: number },
): void {
  if (!logger.isLevelEnabled("info")) return;
  logger.info(
    {
      requestId: fields.requestId,
      method: request.method,
      path: request.path,
      status: fields.status,
      durationMs: Math.round((performance.now() - fields.started) * 10) / 10,
    },
    "request",
  );
}

/**
 * Sends kept replies with plain headers — the security headers read once from the same
 * middleware every other reply passes through, a request id, the log line — without the app's
 * chain. On a projector's reload or a crawl that chain (routing, request scope, client facts,
 * header objects rebuilt and validated per reply) cost more than sending the bytes.
 */
function keptSender(options: { trustProxy: boolean; logger: Logger }) {
  const security: Partial<Record<"plain" | "tls", Record<string, string>>> = {};
  const reading: Partial<Record<"plain" | "tls", Promise<unknown>>> = {};
  // Each kept reply as sent (one per status, encoding and TLS), headers included, built once:
  // a reload picks one by a small number and copies its headers to add a request id.
  const templates = new WeakMap<KeptBytes, Array<Sending | undefined>>();
  const securityFor = (secure: boolean) => {
    const kind = secure ? "tls" : "plain";
    reading[kind] ??= securityHeadersFor(secure).then(
      (headers) => {
        security[kind] = headers;
      },
      (error: unknown) => {
        // Kept replies wait (the app answers meanwhile) and the next one asks again.
        reading[kind] = undefined;
        options.logger.error({ err: error }, "security headers for kept replies unread");
      },
    );
    return security[kind];
  };
  // Read now, so that no kept reply waits for them.
  securityFor(false);
  securityFor(true);
  return {
    isSecure: (request: RequestFacts) => isSecure(request, options.trustProxy),
    /** The reply to send, or undefined while the security headers are still being read. */
    send(
      request: RequestFacts,
      reply: KeptBytes,
      secure: boolean,
      started: number,
    ): Response | undefined {
      const fixed = securityFor(secure);
      if (!fixed) return undefined;
      const choice = chooseSending(
        reply,
        request.header("accept-encoding") ?? "",
        request.header("if-none-match"),
      );
      let byKind = templates.get(reply);
      if (!byKind) {
        byKind = [];
        templates.set(reply, byKind);
      }
      const kind =
        (choice.encoding === "br" ? 0 : choice.encoding === "gzip" ? 4 : 8) +
        (choice.notModified ? 2 : 0) +
        (secure ? 1 : 0);
      let sending = byKind[kind];
      if (!sending) {
        const built = sendingFor(reply, choice);
        // X-Datchuan-Cache says the reply was kept, for whoever tunes or debugs this.
        sending = { ...built, headers: { ...fixed, ...built.headers, "x-datchuan-cache": "hit" } };
        byKind[kind] = sending;
      }
      const requestId = requestIdFor(request, options.trustProxy);
      logRequest(options.logger, request, { requestId, status: sending.status, started });
      const headers = { ...sending.headers };
      headers["x-request-id"] = requestId;
      // A web Response with a plain record of headers: the Node adapter writes it as it is.
      return new Response(sending.body, { status: sending.status, headers });
    },
  };
}

/**
 * The first middleware: a GET answered by a kept reply (the signed review, a unit page) is sent
 * from its bytes without the rest of the chain. A miss, and every other request, goes through
 * the whole app as before.
 */
export function keptReplies(options: {
  trustProxy: boolean;
  logger: Logger;
  sources: readonly KeptSource[];
}): MiddlewareHandler<AppEnv> {
  const sender = keptSender(options);
  return async (c, next) => {
    if (c.req.method !== "GET") return next();
    const started = performance.now();
    const secure = sender.isSecure(c.req);
    let reply: KeptBytes | undefined;
    try {
      for (const source of options.sources) {
        const found = source(c, { secure });
        reply = found instanceof Promise ? await found : found;
        if (reply) break;
      }
    } catch (error) {
      // A kept reply is only ever a shortcut: the app answers, with its own request id.
      options.logger.error({ err: error, path: c.req.path }, "kept reply lookup failed");
      return next();
    }
    return (reply && sender.send(c.req, reply, secure, started)) ?? next();
  };
}

/** The Node request under a Request, when the Node adapter passed it (not in app.request). */
type NodeBindings = {
  incoming?: { method?: string; headers: Record<string, string | string[] | undefined> };
};

/**
 * Before the app: a GET whose URL a public reply is kept for (see `ReplyCache.keptFor`, which
 * knows nothing of sessions) is answered without Hono routing it, reading the Node request's
 * headers as they came. The public tables are what crawlers and every citizen's phone read,
 * and routing them through the app cost as much as the rest of the reply (measured with
 * bench:api). Undefined for anything else: the app answers it.
 */
export function keptFront(options: {
  trustProxy: boolean;
  logger: Logger;
  source: (url: string) => KeptBytes | undefined;
}) {
  const sender = keptSender(options);
  return (request: Request, bindings: unknown): Response | undefined => {
    if (request.method !== "GET") return undefined;
    const started = performance.now();
    const url = request.url;
    const reply = options.source(url);
    if (!reply) return undefined;
    const incoming = (bindings as NodeBindings | undefined)?.incoming;
    const header = incoming
      ? (name: string) => {
          const value = incoming.headers[name];
          return Array.isArray(value) ? value.join(", ") : value;
        }
      : (name: string) => request.headers.get(name) ?? undefined;
    const facts: RequestFacts = { method: "GET", url, path: getPath(request), header };
    return sender.send(facts, reply, sender.isSecure(facts), started);
  };
}
