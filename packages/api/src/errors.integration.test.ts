import { Writable } from "node:stream";
import { type DatabaseHandle, openDatabase } from "@datchuan/db/client";
import { Hono } from "hono";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppEnv, clientFacts } from "./http/client";
import { testApp } from "./testing";

/**
 * An unexpected failure answers with a generic message and the request id; the detail — SQL,
 * parameters, stack — goes to the log only. A database without its tables fails every query.
 */
let handle: DatabaseHandle;
let app: ReturnType<typeof testApp>;
const logLines: string[] = [];

beforeAll(async () => {
  handle = await openDatabase({ kind: "pglite-memory" }); // never migrated: every query fails
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = testApp(handle, { logger: pino(sink) });
});
afterAll(async () => {
  await handle?.close();
});

const INSIDE = /stack|select |from "|relation|\/work\/|node_modules|\.ts:\d+/iu;

describe("unexpected errors", () => {
  it("a tRPC query answers 500 with a request id, the SQL only in the log", async () => {
    const response = await app.request("/trpc/unit.tree");
    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toBeTruthy();
    const text = await response.text();
    expect(text).not.toMatch(INSIDE);
    const body = JSON.parse(text) as { error: { message: string; data: { requestId: string } } };
    expect(body.error.message).toBe(
      `Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị mã yêu cầu ${requestId}.`,
    );
    expect(body.error.data.requestId).toBe(requestId);
    const logged = logLines.find((line) => line.includes(requestId) && line.includes("trpc error"));
    expect(logged).toMatch(/relation|does not exist/u);
  });

  it("a plain HTTP route answers the same way", async () => {
    const response = await app.request("/files/evidence/00000000-0000-4000-8000-000000000000", {
      headers: { cookie: "datchuan_session=abc" },
    });
    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id")!;
    const text = await response.text();
    expect(text).not.toMatch(INSIDE);
    expect(JSON.parse(text)).toEqual({
      error: {
        message: `Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị mã yêu cầu ${requestId}.`,
        requestId,
      },
    });
    expect(logLines.some((line) => line.includes(requestId) && line.includes("http error"))).toBe(
      true,
    );
  });
});

describe("what the server believes of the client", () => {
  const echo = (trustProxy: boolean) =>
    new Hono<AppEnv>().use(clientFacts(trustProxy)).get("/", (c) => c.json(c.var.client));
  const forwarded = {
    "x-forwarded-for": "203.0.113.9, 10.0.0.7",
    "x-forwarded-proto": "https",
    host: "ntm.example.vn",
  };

  it("ignores forwarded headers unless told a proxy sets them", async () => {
    const response = await echo(false).request("http://ntm.example.vn/", { headers: forwarded });
    expect(await response.json()).toEqual({
      secure: false,
      address: "unknown",
      origin: "http://ntm.example.vn",
    });
  });

  it("behind a trusted proxy, takes the address it added and its word on TLS", async () => {
    const response = await echo(true).request("http://ntm.example.vn/", { headers: forwarded });
    expect(await response.json()).toEqual({
      secure: true,
      address: "10.0.0.7",
      origin: "https://ntm.example.vn",
    });
  });
});
