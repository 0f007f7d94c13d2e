import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./client";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const refusal = (message: string) => ({ error: { message } });

/**
 * Cross-site request forgery: a write must come from a page of this origin. Browsers always
 * say where a request comes from (Sec-Fetch-Site, which pages cannot forge, or Origin); a
 * request saying neither is not from a browser, so it carries no victim's cookie by accident.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE_METHODS.has(c.req.method)) {
    const site = c.req.header("sec-fetch-site");
    const origin = c.req.header("origin");
    const allowed =
      site !== undefined
        ? site === "same-origin"
        : origin === undefined || origin === c.var.client.origin;
    if (!allowed) {
      return c.json(refusal("Yêu cầu từ trang khác bị từ chối (chống giả mạo yêu cầu)."), 403);
    }
  }
  await next();
});

/** tRPC takes JSON only: no forms, no multipart, whatever the browser would send cross-site. */
export const jsonOnlyWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE_METHODS.has(c.req.method)) {
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json") {
      return c.json(refusal("Chỉ nhận dữ liệu JSON (Content-Type: application/json)."), 415);
    }
  }
  await next();
});

/** Most requests are small; uploading a whole criteria set is the one large JSON body. */
export const BODY_LIMIT_BYTES = 1024 * 1024;
export const CRITERIA_SET_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
const CRITERIA_SET_UPLOADS = /(^|,)criteriaSet\.(createDraft|updateDraft)(,|$)/;

const tooLarge = (limit: number) =>
  bodyLimit({
    maxSize: limit,
    onError: (c) =>
      c.json(refusal(`Dữ liệu gửi lên quá lớn: tối đa ${limit / 1024 / 1024} MB.`), 413),
  });
const smallBody = tooLarge(BODY_LIMIT_BYTES);
const criteriaSetBody = tooLarge(CRITERIA_SET_BODY_LIMIT_BYTES);

/** Limits a tRPC request's body by what it calls; read as it streams, never buffered whole. */
export const trpcBodyLimit = createMiddleware<AppEnv>((c, next) => {
  // A GET or HEAD carries no body to limit; asking for one would build the full web Request
  // (a stream, an abort signal) on every read, a large share of a cached reply's cost.
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const procedures = c.req.path.slice("/trpc/".length);
  return CRITERIA_SET_UPLOADS.test(procedures) ? criteriaSetBody(c, next) : smallBody(c, next);
});

/**
 * Headers for every reply. The apps load only their own scripts, styles, fonts and images (data:
 * and blob: images for previews of evidence before upload); nothing may frame them.
 */
export const securityHeaders = [
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "strict-origin-when-cross-origin",
    xFrameOptions: "DENY",
    // HSTS only means something over TLS; it is added below when the request came that way.
    strictTransportSecurity: false,
  }),
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (c.var.client.secure) {
      c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  }),
] as const;
