import type { IncomingHttpHeaders } from "node:http";
import { request as httpRequest } from "node:http";
import { DEMO_PASSWORD } from "@datchuan/db";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOverHttp, testApp } from "./testing";

/**
 * Every kind of refusal a stranger can provoke, sent over real HTTP to the server as it runs in
 * production: tRPC (bad input, unknown procedure, wrong method, malformed JSON, huge bodies),
 * evidence uploads and downloads, open data and the portal's JSON, unknown paths. None may carry
 * a stack trace, a source path, SQL or a library's own message — and none of these is a 500.
 */
const INSIDE =
  /stack|\bat [\w.<>]+ \(|\/work\/|\/home\/|node_modules|\.[cm]?[jt]s:\d+|select |insert into|relation "|syntax error|ZodError|TRPCClientError|Unexpected token|JSON at position/iu;
/** The English of the libraries underneath: a refusal is worded for people, in Vietnamese. */
const LIBRARY_WORDS =
  /No procedure|Unsupported|Batch call|Unexpected end|Expected property|"expected":|invalid_type/u;

let handle: DatabaseHandle;
let server: Awaited<ReturnType<typeof serveOverHttp>>;
let cookie: string;
let valueId: string;
const previousEnv = process.env.NODE_ENV;

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request on a connection of its own: a refused large body may close the connection. */
function call(
  path: string,
  sent: Sent = {},
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  const url = new URL(`${server.url}${path}`);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: sent.method ?? "GET",
        headers: sent.headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            body: Buffer.concat(chunks).toString("utf8"),
            headers: response.headers,
          }),
        );
        response.on("error", reject);
      },
    );
    // The server may answer (413) and close before the whole body is sent: that is the point.
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    request.end(sent.body);
  });
}

/** A multipart form with one file field, as a browser sends it. */
function form(fileName: string, content: Buffer): Sent {
  const boundary = "----datchuan-test";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    method: "POST",
    headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
}

beforeAll(async () => {
  process.env.NODE_ENV = "production";
  handle = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(handle, { seedDemoData: true });
  const app = testApp(handle);
  server = await serveOverHttp(app);
  const signIn = await call("/trpc/auth.signIn", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "xa.xuanminh", password: DEMO_PASSWORD }),
  });
  cookie = String(signIn.headers["set-cookie"]).split(";")[0]!;
  const saved = await call("/trpc/report.saveValue", {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      unitCode: "THO-XUAN.XUAN-MINH",
      setId: "ntm-xa-2021-2025",
      period: "2024",
      indicatorCode: "3.2",
      value: { kind: "boolean", period: "2024", value: true },
      expectedRowVersion: null,
    }),
  });
  valueId = (JSON.parse(saved.body) as { result: { data: { value: { id: string } } } }).result.data
    .value.id;
});
afterAll(async () => {
  await server?.close();
  await handle?.close();
  process.env.NODE_ENV = previousEnv;
});

const json = { "content-type": "application/json" };
const unknownId = "0b7c5a52-6a3e-4c55-9d1e-4b1f7b0c0d11";
const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** [what is tried, path ("VALUE": a draft value's id), request, the status expected]. */
const cases: Array<[string, string, () => Sent, number]> = [
  ["a query input that is not JSON", "/trpc/unit.byCode?input=%7Bcode", () => ({}), 400],
  ["a query input of the wrong shape", "/trpc/unit.byCode?input=%5B1%2C2%5D", () => ({}), 400],
  ["an unknown unit", "/trpc/unit.byCode?input=%7B%22code%22%3A%22KHONG-CO%22%7D", () => ({}), 404],
  ["an unknown procedure", "/trpc/khong.co", () => ({}), 404],
  ["a query posted", "/trpc/unit.tree", () => ({ method: "POST", headers: json, body: "{}" }), 405],
  [
    "malformed JSON to a mutation",
    "/trpc/auth.signIn",
    () => ({ method: "POST", headers: json, body: '{"username": "quantri", "password":' }),
    400,
  ],
  [
    "a mutation body that is not JSON at all",
    "/trpc/auth.signIn",
    () => ({ method: "POST", headers: { "content-type": "text/plain" }, body: "username=quantri" }),
    415,
  ],
  ["a DELETE to tRPC", "/trpc/unit.tree", () => ({ method: "DELETE" }), 415],
  [
    "a batch far past the limit",
    `/trpc/${Array.from({ length: 50 }, () => "auth.me").join(",")}?batch=1&input=%7B%7D`,
    () => ({}),
    400,
  ],
  [
    "a mutation without signing in",
    "/trpc/report.saveValue",
    () => ({ method: "POST", headers: json, body: "{}" }),
    401,
  ],
  ["a download without signing in", `/files/evidence/${unknownId}`, () => ({}), 401],
  [
    "a download of an id that is none",
    "/files/evidence/..%2F..%2Fetc%2Fpasswd",
    () => ({ headers: { cookie } }),
    404,
  ],
  [
    "a download of no such file",
    `/files/evidence/${unknownId}`,
    () => ({ headers: { cookie } }),
    404,
  ],
  [
    "an upload that is not a form",
    "/files/evidence/VALUE",
    () => ({ method: "POST", headers: { cookie, "content-type": "application/json" }, body: "{}" }),
    400,
  ],
  [
    "an upload whose form is cut off",
    "/files/evidence/VALUE",
    () => {
      const whole = form("bien-ban.pdf", pdf);
      return { ...whole, body: (whole.body as Buffer).subarray(0, 90) };
    },
    400,
  ],
  ["an upload to no such value", `/files/evidence/${unknownId}`, () => form("a.pdf", pdf), 404],
  ["open data of no such unit", "/data/v1/units/KHONG-CO/standing.json", () => ({}), 404],
  [
    "open data with a bad date",
    "/data/v1/units/THO-XUAN/standing.json?date=2023-02-30",
    () => ({}),
    400,
  ],
  ["an unknown open data path", "/data/v1/khong-co.json", () => ({}), 404],
  [
    "a criterion page without its scope",
    "/data/v1/criteria/ntm-xa-2021-2025/1.json",
    () => ({}),
    400,
  ],
  [
    "a criterion page of no such set",
    "/data/v1/criteria/khong-co/1.json?scope=THO-XUAN",
    () => ({}),
    404,
  ],
  ["a search with a huge query", `/data/v1/search.json?q=${"a".repeat(5000)}`, () => ({}), 400],
  ["a missing asset", "/assets/khong-co.js", () => ({}), 404],
  ["a path outside every app", "/../../etc/passwd", () => ({}), 404],
  [
    "a 2 MB body to an ordinary mutation",
    "/trpc/auth.signIn",
    () => ({
      method: "POST",
      headers: json,
      body: JSON.stringify({ username: "x".repeat(2_000_000) }),
    }),
    413,
  ],
  [
    "an upload of 11 MB",
    "/files/evidence/VALUE",
    () => form("lon.pdf", Buffer.alloc(11 * 1024 * 1024)),
    413,
  ],
];

describe("error replies in production carry nothing of the inside", () => {
  it.each(cases)("%s", async (_what, path, init, expected) => {
    const reply = await call(path.replace("VALUE", valueId), init());
    expect(reply.body).not.toMatch(INSIDE);
    expect(reply.body).not.toMatch(LIBRARY_WORDS);
    expect(reply.status).toBeLessThan(500);
    expect(reply.status).toBe(expected);
  });
});
