import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context as HonoContext } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from "../auth/session";

/** What the server knows of the client behind a request, settled once per request. */
export interface ClientFacts {
  /** Served over TLS (directly, or at a trusted proxy that says so). */
  secure: boolean;
  /** The address the throttle keys on. */
  address: string;
  /** This server's own origin as the browser sees it, e.g. https://ntm.thanhhoa.gov.vn. */
  origin: string;
}

export type AppEnv = { Variables: { client: ClientFacts; requestId: string } };

export function sessionCookieName(client: ClientFacts): string {
  return client.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session cookie's token; `secure` (TLS) names the cookie, as `client.secure` does. */
export function readSessionToken(
  c: HonoContext<AppEnv>,
  secure = c.var.client.secure,
): string | undefined {
  return getCookie(c, secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
}

function socketAddress(c: HonoContext): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}

/** Served over TLS: directly, or (with `trustProxy`) at a proxy that says so. */
export function isSecure(request: RequestFacts, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = request.header("x-forwarded-proto")?.split(",")[0]?.trim();
    if (proto) return proto === "https";
  }
  return request.url.startsWith("https:");
}

/** What is read of a request before the app runs: Hono's request, or a stand-in before Hono. */
export interface RequestFacts {
  method: string;
  /** The whole URL, as Hono's `c.req.url`. */
  url: string;
  path: string;
  header(name: string): string | undefined;
}

/**
 * Reads the client's facts. Forwarded headers are believed only with `trustProxy` (the server
 * runs behind a TLS proxy that sets them); the last X-Forwarded-For entry is the one that proxy
 * added, so a client cannot choose its own address by sending the header itself.
 */
export function clientFacts(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const secure = isSecure(c.req, trustProxy);
    let address = socketAddress(c);
    if (trustProxy) {
      const forwarded = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim();
      if (forwarded) address = forwarded;
    }
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    c.set("client", { secure, address, origin: `${secure ? "https" : "http"}://${host}` });
    await next();
  });
}
