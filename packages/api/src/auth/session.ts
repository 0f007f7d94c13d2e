import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "datchuan_session";
/** Over TLS the cookie is `__Host-` prefixed: Secure, host-only, path / — browsers enforce it. */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A new random session token; the cookie holds it, the database only its hash. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
