import { beforeAll, describe, expect, it } from "vitest";
import { markPublishedDataChanged } from "./services/published";
import { serveOverHttp, testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * Kept replies (public tables before the app routes them, the signed review by the first
 * middleware) are sent ahead of the chain every other reply passes through: they must leave with the same headers that chain
 * gives (security headers, request id, ETag, encoding), answer revalidation with 304, and never
 * outlive what they were kept for — a write, or the day a URL without a date names.
 */
const TABLE = "/data/v1/units/THO-XUAN/standing.json";
const NTM = "ntm-xa-2021-2025";

/** Headers as a record, without the two that differ by design between a build and a hit. */
const headersOf = (response: Response) => {
  const headers = Object.fromEntries(response.headers);
  delete headers["x-request-id"];
  delete headers["x-datchuan-cache"];
  return headers;
};

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  let clock = new Date("2026-11-27T16:30:00Z"); // 23:30 in Vietnam
  let app: ReturnType<typeof testApp>;
  beforeAll(() => {
    app = testApp(env.handle, { appsDir: "/nonexistent", now: () => clock });
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://localhost${path}`, { headers });

  it("sends a kept public table with the headers the app gives it, and 304 to its tag", async () => {
    const built = await get(`${TABLE}?date=2023-05-19`, { "accept-encoding": "gzip" });
    expect(built.status).toBe(200);
    expect(built.headers.get("x-datchuan-cache")).toBeNull();
    const kept = await get(`${TABLE}?date=2023-05-19`, { "accept-encoding": "gzip" });
    expect(kept.headers.get("x-datchuan-cache")).toBe("hit");
    expect(headersOf(kept)).toEqual(headersOf(built));
    expect(kept.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(kept.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept.headers.get("x-request-id")).not.toBe(built.headers.get("x-request-id"));
    expect(new Uint8Array(await kept.arrayBuffer())).toEqual(
      new Uint8Array(await built.arrayBuffer()),
    );

    const again = await get(`${TABLE}?date=2023-05-19`, {
      "accept-encoding": "gzip",
      "if-none-match": kept.headers.get("etag")!,
    });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-datchuan-cache")).toBe("hit");
    expect(again.headers.get("etag")).toBe(kept.headers.get("etag"));
    expect(await again.text()).toBe("");
  });

  it("answers a kept public table before the app over HTTP, from the headers as they came", async () => {
    // Behind a trusted proxy: the scheme and request id are the proxy's, read from Node's request.
    const proxied = testApp(env.handle, {
      appsDir: "/nonexistent",
      trustProxy: true,
      now: () => clock,
    });
    const http = await serveOverHttp(proxied);
    try {
      const get = (id: string, headers: Record<string, string> = {}) =>
        fetch(`${http.url}${TABLE}?date=2023-05-20`, {
          headers: {
            "accept-encoding": "gzip",
            "x-forwarded-proto": "https",
            "x-request-id": id,
            ...headers,
          },
        });
      const built = await get("proxy-1");
      expect(built.headers.get("x-datchuan-cache")).toBeNull();
      const kept = await get("proxy-2");
      expect(kept.headers.get("x-datchuan-cache")).toBe("hit");
      expect(kept.headers.get("x-request-id")).toBe("proxy-2");
      expect(kept.headers.get("strict-transport-security")).toBeTruthy();
      expect(headersOf(kept)).toEqual(headersOf(built));
      expect(await kept.text()).toBe(await built.text());
      const again = await get("proxy-3", { "if-none-match": kept.headers.get("etag")! });
      expect(again.status).toBe(304);
      expect(again.headers.get("x-request-id")).toBe("proxy-3");
    } finally {
      await http.close();
    }
  });

  it("is not sent once published data changed in this process: the next reader builds again", async () => {
    const path = `${TABLE}?date=2026-11-27`;
    await get(path);
    expect((await get(path)).headers.get("x-datchuan-cache")).toBe("hit");
    // What every committed mutation and re-evaluation does (services/published.ts).
    markPublishedDataChanged();
    expect((await get(path)).headers.get("x-datchuan-cache")).toBeNull();
    expect((await get(path)).headers.get("x-datchuan-cache")).toBe("hit");
  });

  it("reads a URL without a date as today's: past midnight it is not the kept reply", async () => {
    clock = new Date("2026-11-27T16:30:00Z");
    await get(TABLE);
    expect((await get(TABLE)).headers.get("x-datchuan-cache")).toBe("hit");
    clock = new Date("2026-11-27T17:30:00Z"); // 00:30 on the 28th in Vietnam
    const next = await get(TABLE);
    expect(next.status).toBe(200);
    expect(next.headers.get("x-datchuan-cache")).toBeNull();
    expect((await get(TABLE)).headers.get("x-datchuan-cache")).toBe("hit");
  });

  it("sends the kept signed review with the headers the app gives it", async () => {
    const input = encodeURIComponent(
      JSON.stringify({ unitCode: "THO-XUAN", setId: NTM, asOf: "2023-05-19" }),
    );
    const path = `/trpc/review.standing?input=${input}`;
    const built = await get(path, { "accept-encoding": "gzip" });
    expect(built.status).toBe(200);
    const kept = await get(path, { "accept-encoding": "gzip" });
    expect(kept.headers.get("x-datchuan-cache")).toBe("hit");
    expect(kept.headers.get("content-security-policy")).toBe(
      built.headers.get("content-security-policy"),
    );
    expect(kept.headers.get("x-frame-options")).toBe("DENY");
    expect(new Uint8Array(await kept.arrayBuffer())).toEqual(
      new Uint8Array(await built.arrayBuffer()),
    );
  });
});
