import { existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./client";
import { acceptsEncoding } from "./kept-replies";

/** Vite names every file under assets/ by its content's hash: a name never changes content. */
const HASHED = "public, max-age=31536000, immutable";
/** index.html (and any unhashed file) names the current hashes, so it is checked every time. */
const REVALIDATE = "no-cache";
/** Types the builds precompress (tooling/vite): a reply of these varies by Accept-Encoding. */
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg)/;

/**
 * Files of a built app under `base`, with the `.br` or `.gz` variant the build wrote beside
 * each (tooling/vite) when the browser accepts it. Dot folders (Vite's manifest) are not served.
 */
export function appFiles(distDir: string, base: string): MiddlewareHandler<AppEnv> {
  const inApp = (path: string) => (base === "/" ? path : path.slice(base.length - 1));
  const serve = serveStatic<AppEnv>({
    root: distDir,
    precompressed: true,
    rewriteRequestPath: inApp,
  });
  return async (c, next) => {
    const path = inApp(c.req.path);
    if (/(?:^|\/)\./.test(path)) return next();
    // A miss falls through to `next` (the SPA fallback), whose result is not a Response.
    const response = await serve(c, next);
    if (response instanceof Response) {
      cacheHeaders(response, path.startsWith("/assets/") ? HASHED : REVALIDATE);
    }
    return response;
  };
}

/** The app's index.html for a page navigation, compressed like its other files. */
export async function appIndex(c: Context<AppEnv>, distDir: string): Promise<Response | null> {
  if (!existsSync(join(distDir, "index.html"))) return null;
  const serve = serveStatic<AppEnv>({ root: distDir, path: "index.html", precompressed: true });
  const response = await serve(c, async () => {});
  if (!(response instanceof Response)) return null;
  cacheHeaders(response, REVALIDATE);
  return response;
}

function cacheHeaders(response: Response, cacheControl: string): void {
  response.headers.set("Cache-Control", cacheControl);
  const type = response.headers.get("Content-Type") ?? "";
  const vary = response.headers.get("Vary");
  // A cache must not hand the uncompressed reply to a browser that asked for brotli, or back.
  if (COMPRESSIBLE_TYPE.test(type) && !vary?.toLowerCase().includes("accept-encoding")) {
    response.headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  }
}

/** Replies smaller than this go as they are: gzip would save less than it costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

const gzipAsync = promisify(gzip);

/**
 * gzip for large tRPC replies (a unit tree, a district's verdicts, a unit page's verdict), by
 * zlib on libuv's thread pool: off the event loop, and cheaper than a CompressionStream. tRPC
 * builds its replies whole, without a Content-Length; each gets one. A streamed reply
 * (Transfer-Encoding) and one already encoded (kept bytes) pass untouched.
 */
export const compressTrpcReplies = [
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const res = c.res;
    // Headers first: reading `body` turns the adapter's light reply into a full web Response
    // with a stream, which a kept reply (already encoded, with its length) must not pay for.
    if (
      res.headers.has("Content-Length") ||
      res.headers.has("Content-Encoding") ||
      res.headers.has("Transfer-Encoding") ||
      !res.headers.get("Content-Type")?.startsWith("application/json") ||
      !res.body
    ) {
      return;
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const gzipped =
      body.byteLength >= COMPRESS_THRESHOLD_BYTES &&
      acceptsEncoding(c.req.header("accept-encoding") ?? "", "gzip");
    const sent = gzipped ? new Uint8Array(await gzipAsync(body)) : body;
    c.res = new Response(sent, res);
    c.res.headers.set("Content-Length", String(sent.byteLength));
    if (gzipped) {
      c.res.headers.set("Content-Encoding", "gzip");
      const vary = c.res.headers.get("Vary");
      if (!vary?.toLowerCase().includes("accept-encoding"))
        c.res.headers.set("Vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    }
  }),
] as const;
