import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { precompressDir } from "@datchuan/vite-config";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPRESS_THRESHOLD_BYTES } from "./http/static";
import { serveOverHttp, testApp } from "./testing";

let handle: DatabaseHandle;
let app: ReturnType<typeof testApp>;
let appsDir: string;

// Files shaped like a Vite build, compressed by the same step the apps' builds run.
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"Xã ${i}"}`).join(",")}];`;
const styles = `.card { padding: 1rem; border: 1px solid #ccc; }\n`.repeat(40);
const icon = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h24v24H0z"/>'.repeat(30)}</svg>`;
const font = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
const page = (name: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="UTF-8"><title>${name}</title>${'<link rel="modulepreload" href="/assets/chunk.js">'.repeat(8)}<script type="module" src="/assets/index-Abc123.js"></script></head><body><div id="root">${name} index</div></body></html>`;

beforeAll(async () => {
  handle = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(handle, { seedDemoData: true });
  appsDir = await mkdtemp(join(tmpdir(), "datchuan-static-"));
  for (const name of ["public", "admin", "commune"]) {
    const dist = join(appsDir, name, "dist");
    await mkdir(join(dist, "assets"), { recursive: true });
    await mkdir(join(dist, ".vite"), { recursive: true });
    await writeFile(join(dist, "index.html"), page(name));
    await writeFile(join(dist, "assets", "index-Abc123.js"), script);
    await writeFile(join(dist, "assets", "index-Def456.css"), styles);
    await writeFile(join(dist, "assets", "icon-Ghi789.svg"), icon);
    await writeFile(join(dist, "assets", "font-Jkl012.woff2"), font);
    await writeFile(join(dist, ".vite", "manifest.json"), JSON.stringify({ [name]: script }));
    await precompressDir(dist);
  }
  app = testApp(handle, {
    logger: pino({ level: process.env.DEBUG_LOG ? "error" : "silent" }),
    appsDir,
  });
});

afterAll(async () => {
  await handle?.close();
  await rm(appsDir, { recursive: true, force: true });
});

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

describe("the build's precompression", () => {
  it("writes .br and .gz beside text files only, never inside dot folders", async () => {
    const assets = await readdir(join(appsDir, "public", "dist", "assets"));
    expect(assets.sort()).toEqual(
      [
        "font-Jkl012.woff2",
        ...["icon-Ghi789.svg", "index-Abc123.js", "index-Def456.css"].flatMap((file) => [
          file,
          `${file}.br`,
          `${file}.gz`,
        ]),
      ].sort(),
    );
    expect(await readdir(join(appsDir, "public", "dist", ".vite"))).toEqual(["manifest.json"]);
  });
});

describe("static files", () => {
  it.each([
    ["/assets/index-Abc123.js", "text/javascript", script],
    ["/assets/index-Def456.css", "text/css", styles],
    ["/assets/icon-Ghi789.svg", "image/svg+xml", icon],
    ["/admin/assets/index-Abc123.js", "text/javascript", script],
  ])("%s: brotli when accepted, gzip otherwise, cached for a year", async (path, type, text) => {
    const br = await app.request(path, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.status).toBe(200);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("content-type")).toContain(type);
    expect(br.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(br.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const brBody = await bytes(br);
    expect(brBody.length).toBeLessThan(Buffer.byteLength(text) / 2);
    expect(brotliDecompressSync(brBody).toString()).toBe(text);

    const gz = await app.request(path, { headers: { "accept-encoding": "gzip, deflate" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(await bytes(gz)).toString()).toBe(text);

    const plain = await app.request(path);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(await plain.text()).toBe(text);
  });

  it("keeps the security headers on compressed files", async () => {
    const response = await app.request("/assets/index-Abc123.js", {
      headers: { "accept-encoding": "br" },
    });
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends fonts as they are: woff2 is compressed already", async () => {
    const response = await app.request("/assets/font-Jkl012.woff2", {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await bytes(response)).toEqual(font);
  });

  it.each([
    ["/", "public"],
    ["/xa/THO-XUAN.XUAN-MINH", "public"],
    ["/admin/", "admin"],
    ["/commune/bao-cao/2025", "commune"],
  ])("%s: index.html compressed and revalidated on every load", async (path, name) => {
    const response = await app.request(path, {
      headers: { accept: "text/html", "accept-encoding": "gzip, br" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(brotliDecompressSync(await bytes(response)).toString()).toBe(page(name));
  });

  it("does not serve the build's dot folders", async () => {
    for (const path of ["/.vite/manifest.json", "/admin/.vite/manifest.json"]) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it("sends compressed files over real HTTP", async () => {
    const server = await serveOverHttp(app);
    try {
      // fetch decodes the body itself and keeps the header: the bytes on the wire were brotli.
      const response = await fetch(`${server.url}/assets/index-Abc123.js`, {
        headers: { "accept-encoding": "br" },
      });
      expect(response.headers.get("content-encoding")).toBe("br");
      expect(await response.text()).toBe(script);
      const index = await fetch(`${server.url}/xa/THO-XUAN`, {
        headers: { accept: "text/html", "accept-encoding": "gzip" },
      });
      expect(index.headers.get("content-encoding")).toBe("gzip");
      expect(await index.text()).toBe(page("public"));
    } finally {
      await server.close();
    }
  });
});

describe("tRPC replies", () => {
  const tree = `/trpc/unit.tree?input=${encodeURIComponent(
    JSON.stringify({ levels: ["province", "district", "commune", "village"] }),
  )}`;
  const one = `/trpc/unit.byCode?input=${encodeURIComponent(JSON.stringify({ code: "THO-XUAN" }))}`;

  it("gzips a large reply once, when the client accepts it", async () => {
    const plain = await app.request(tree);
    const plainText = await plain.text();
    expect(Buffer.byteLength(plainText)).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES * 10);
    expect(plain.headers.get("content-encoding")).toBeNull();

    const gz = await app.request(tree, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("vary")).toMatch(/accept-encoding/i);
    const body = await bytes(gz);
    expect(body.length).toBeLessThan(Buffer.byteLength(plainText) / 3);
    expect(gunzipSync(body).toString()).toBe(plainText);
  });

  it("sends a small reply as it is", async () => {
    const response = await app.request(one, { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBeNull();
    const text = await response.text();
    expect(Buffer.byteLength(text)).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(JSON.parse(text).result.data.code).toBe("THO-XUAN");
  });
});
