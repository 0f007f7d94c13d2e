import { scryptSync } from "node:crypto";
import { request as httpRequest } from "node:http";
import { DEMO_PASSWORD, findUserForSignIn } from "@datchuan/db";
import { appUser, signInAttempt } from "@datchuan/db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BATCH_SIZE } from "./app";
import { SIGN_IN_THROTTLE } from "./auth/throttle";
import { serveOverHttp, testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * What an attacker from outside found, each kept closed over real HTTP: the throttle, batches,
 * leaked internals, cross-site writes, headers, body sizes, cookies and invisible characters.
 */
describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  let server: Awaited<ReturnType<typeof serveOverHttp>>;
  beforeAll(async () => {
    // Behind a (pretend) TLS proxy, so each test can speak from an address of its own.
    const app = testApp(env.handle, { trustProxy: true });
    server = await serveOverHttp(app);
  });
  afterAll(async () => {
    await server?.close();
  });

  interface Options {
    client?: string;
    cookie?: string;
    headers?: Record<string, string>;
  }
  function post(path: string, body: unknown, options: Options = {}) {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": options.client ?? "10.0.0.1",
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...options.headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }
  const signIn = (username: string, password: string, options: Options = {}) =>
    post("/trpc/auth.signIn", { username, password }, options);

  type ErrorReply = {
    error: { message: string; data: { code: string; retryAfterSeconds?: number } };
  };

  describe("sign-in throttle", () => {
    it("refuses sign-in inside a batch, checking no password at all", async () => {
      const response = await post(
        "/trpc/auth.signIn,auth.signIn,auth.signIn?batch=1",
        {
          0: { username: "xa.xuanminh", password: "sai-mot-lan" },
          1: { username: "xa.xuanminh", password: "sai-hai-lan" },
          2: { username: "xa.xuanminh", password: DEMO_PASSWORD },
        },
        { client: "10.1.0.1" },
      );
      expect(response.headers.get("set-cookie")).toBeNull();
      const replies = (await response.json()) as ErrorReply[];
      expect(replies.map((reply) => reply.error.data.code)).toEqual([
        "BAD_REQUEST",
        "BAD_REQUEST",
        "BAD_REQUEST",
      ]);
      expect(replies[0]!.error.message).toBe(
        "Đăng nhập phải được gửi riêng, không gộp với yêu cầu khác.",
      );
      // Nothing was counted against the account: six single tries still get five checks.
      const rows = await env.handle.db
        .select({ n: sql<number>`cast(count(*) as int)` })
        .from(signInAttempt)
        .where(eq(signInAttempt.clientAddress, "10.1.0.1"));
      expect(rows[0]!.n).toBe(0);
    });

    it(`refuses batches of more than ${MAX_BATCH_SIZE} calls`, async () => {
      const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "auth.me").join(",");
      const input = encodeURIComponent(JSON.stringify({}));
      const response = await fetch(`${server.url}/trpc/${paths}?batch=1&input=${input}`);
      expect(response.status).toBe(400);
      const within = Array.from({ length: MAX_BATCH_SIZE }, () => "auth.me").join(",");
      expect((await fetch(`${server.url}/trpc/${within}?batch=1&input=${input}`)).status).toBe(200);
    });

    it("counts concurrent guesses before checking them: 20 at once, 5 checked", async () => {
      const client = "10.2.0.1";
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signIn("huyen.thoxuan", `doan-sai-${i}`, { client })),
      );
      const statuses = replies.map((reply) => reply.status).sort();
      expect(statuses.filter((status) => status === 401)).toHaveLength(
        SIGN_IN_THROTTLE.freeFailures,
      );
      expect(statuses.filter((status) => status === 429)).toHaveLength(
        20 - SIGN_IN_THROTTLE.freeFailures,
      );

      // The right password from the guessing client waits, and is told how long…
      const refused = await signIn("huyen.thoxuan", DEMO_PASSWORD, { client });
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as ErrorReply;
      expect(body.error.message).toMatch(
        /^Đăng nhập sai nhiều lần\. Vui lòng thử lại sau \d+ giây\.$/u,
      );
      expect(body.error.data.retryAfterSeconds).toBeGreaterThan(0);
      expect(body.error.data.retryAfterSeconds).toBeLessThanOrEqual(
        SIGN_IN_THROTTLE.firstDelaySeconds,
      );
      // …but the account's owner, elsewhere, is not locked out by a stranger's guesses.
      const owner = await signIn("huyen.thoxuan", DEMO_PASSWORD, { client: "10.2.0.2" });
      expect(owner.status).toBe(200);
    });

    it("limits what one client may try across many accounts", async () => {
      const client = "10.3.0.1";
      for (let round = 0; round < SIGN_IN_THROTTLE.perClient / 10; round++) {
        const replies = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            signIn(`khong-co-${round}-${i}`, "mat-khau-bat-ky", { client }),
          ),
        );
        expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(401));
      }
      const refused = await signIn("quantri", DEMO_PASSWORD, { client });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as ErrorReply).error.message).toMatch(
        /^Máy này đã đăng nhập sai quá nhiều lần/u,
      );
      expect((await signIn("quantri", DEMO_PASSWORD, { client: "10.3.0.2" })).status).toBe(200);
    });

    it("moves an old scrypt hash to argon2id at sign-in, keeping the account's version", async () => {
      const salt = Buffer.from("muoi-cu-cua-tai-khoan");
      const key = scryptSync(DEMO_PASSWORD, salt, 32, { N: 16_384, r: 8, p: 1 });
      const legacy = `scrypt$16384$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
      await env.handle.db
        .update(appUser)
        .set({ passwordHash: legacy })
        .where(eq(appUser.username, "thon1.xuanminh"));
      const before = (await findUserForSignIn(env.handle.db, "thon1.xuanminh"))!;

      const response = await signIn("thon1.xuanminh", DEMO_PASSWORD, { client: "10.4.0.1" });
      expect(response.status).toBe(200);
      const after = (await findUserForSignIn(env.handle.db, "thon1.xuanminh"))!;
      expect(after.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/u);
      expect(after.version).toBe(before.version);
      expect((await signIn("thon1.xuanminh", DEMO_PASSWORD, { client: "10.4.0.1" })).status).toBe(
        200,
      );
    });

    it("refuses everyone for a minute when guesses pour in from everywhere", async () => {
      await env.handle.db.insert(signInAttempt).values(
        Array.from({ length: SIGN_IN_THROTTLE.perMinuteOverall }, (_, i) => ({
          username: `bot-${i}`,
          clientAddress: `172.16.${i >> 8}.${i & 255}`,
        })),
      );
      const refused = await signIn("quantri", DEMO_PASSWORD, { client: "10.5.0.1" });
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as ErrorReply).error.message).toMatch(
        /^Hệ thống đang nhận quá nhiều lượt đăng nhập/u,
      );
      await env.handle.db.delete(signInAttempt).where(sql`${signInAttempt.username} like 'bot-%'`);
      expect((await signIn("quantri", DEMO_PASSWORD, { client: "10.5.0.1" })).status).toBe(200);
    });
  });

  describe("errors say what is wrong and nothing of the inside", () => {
    it("refuses a NUL byte anonymously with a 400 naming it, no SQL, no stack", async () => {
      const input = encodeURIComponent(JSON.stringify({ query: "Xuân\u0000Minh" }));
      const response = await fetch(`${server.url}/trpc/unit.search?input=${input}`);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).toContain("U+0000");
      expect(text).not.toMatch(/stack|\/work\/|node_modules|select |insert into/iu);
    });

    it("answers a 401 in a few hundred bytes, without a stack", async () => {
      const response = await post("/trpc/user.create", {
        username: "ai.do",
        displayName: "Ai đó",
        password: "mat-khau-dai-du",
        role: "commune_officer",
        scopeCode: "THO-XUAN",
        department: null,
      });
      expect(response.status).toBe(401);
      const text = await response.text();
      expect(text.length).toBeLessThan(400);
      expect(text).not.toMatch(/stack|\/work\/|\.ts:\d+/u);
    });
  });

  describe("cross-site writes", () => {
    it.each([
      ["an Origin of another site", { origin: "http://evil.example" }, 403],
      ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }, 403],
      ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }, 403],
      ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }, 200],
      ["no browser headers (a script or the CLI)", {}, 200],
    ])("a write with %s → %i", async (_, headers, status) => {
      const response = await post("/trpc/auth.signOut", {}, { headers });
      expect(response.status).toBe(status);
      if (status === 403) {
        expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
          "Yêu cầu từ trang khác bị từ chối (chống giả mạo yêu cầu).",
        );
      }
    });

    it("accepts a write whose Origin is this server", async () => {
      const response = await post("/trpc/auth.signOut", {}, { headers: { origin: server.url } });
      expect(response.status).toBe(200);
    });

    it.each([
      ["multipart/form-data; boundary=x", "--x--\r\n"],
      ["application/x-www-form-urlencoded", "a=1"],
      ["text/plain", "{}"],
    ])("takes only JSON on /trpc, not %s", async (contentType, body) => {
      const response = await fetch(`${server.url}/trpc/auth.signOut`, {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
      expect(response.status).toBe(415);
    });

    it("refuses a cross-site evidence upload before reading it", async () => {
      const form = new FormData();
      form.set("file", new Blob(["%PDF-1.4"]), "cai-vao.pdf");
      const response = await fetch(
        `${server.url}/files/evidence/00000000-0000-4000-8000-000000000000`,
        {
          method: "POST",
          headers: { origin: "http://evil.example" },
          body: form,
        },
      );
      expect(response.status).toBe(403);
    });
  });

  describe("headers and cookies", () => {
    it.each(["/", "/admin/", "/commune/", "/trpc/auth.me", "/health"])(
      "%s carries the security headers",
      async (path) => {
        const response = await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
        const csp = response.headers.get("content-security-policy") ?? "";
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("default-src 'self'");
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(response.headers.get("strict-transport-security")).toBeNull();
      },
    );

    it("adds HSTS and a Secure __Host- cookie when served over TLS", async () => {
      const tls = { "x-forwarded-proto": "https" };
      const response = await signIn("yte.thoxuan", DEMO_PASSWORD, {
        client: "10.6.0.1",
        headers: tls,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/u);
      const setCookie = response.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/^__Host-datchuan_session=[\w-]+;/u);
      expect(setCookie).toMatch(/; Secure/u);
      expect(setCookie).toMatch(/; HttpOnly/u);
      expect(setCookie).toMatch(/; Path=\//u);
      expect(setCookie).not.toMatch(/Domain=/iu);

      const cookie = setCookie.split(";")[0]!;
      const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie, ...tls } });
      const body = (await me.json()) as { result: { data: { username: string } | null } };
      expect(body.result.data?.username).toBe("yte.thoxuan");
    });

    it("sets a plain cookie, without Secure, over plain HTTP", async () => {
      const response = await signIn("yte.thoxuan", DEMO_PASSWORD, { client: "10.6.0.2" });
      const setCookie = response.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/^datchuan_session=/u);
      expect(setCookie).not.toMatch(/Secure/u);
    });
  });

  describe("body sizes", () => {
    /**
     * Posts on a connection of its own (a refused body leaves the rest unread on its socket) and
     * resolves with the reply as soon as it comes, whether or not all of `body` was sent.
     */
    function postOwnConnection(
      path: string,
      body: string,
      declaredLength = Buffer.byteLength(body),
    ) {
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = httpRequest(`${server.url}${path}`, {
          method: "POST",
          agent: false,
          headers: { "content-type": "application/json", "content-length": declaredLength },
        });
        request.on("response", (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => {
            resolve({ status: response.statusCode ?? 0, text });
            request.destroy();
          });
        });
        request.on("error", reject);
        request.write(body);
      });
    }
    const big = (bytes: number) => JSON.stringify({ username: "x".repeat(bytes), password: "y" });

    it("refuses a 2 MB body to an ordinary procedure with 413", async () => {
      const reply = await postOwnConnection("/trpc/auth.signIn", big(2 * 1024 * 1024));
      expect(reply.status).toBe(413);
      expect((JSON.parse(reply.text) as { error: { message: string } }).error.message).toBe(
        "Dữ liệu gửi lên quá lớn: tối đa 1 MB.",
      );
    });

    it("lets a criteria set of 2 MB through to the procedure (which wants a sign-in)", async () => {
      const definition = { id: "lon", padding: "x".repeat(2 * 1024 * 1024) };
      const reply = await postOwnConnection(
        "/trpc/criteriaSet.createDraft",
        JSON.stringify({ definition, ownerUnitCode: null }),
      );
      expect(reply.status).toBe(401);
    });

    it("refuses a body declared as 20 MB before reading it", async () => {
      // The client announces 20 MB and sends 1 KB: the answer must come without waiting for more.
      const reply = await postOwnConnection(
        "/trpc/criteriaSet.createDraft",
        "x".repeat(1024),
        20 * 1024 * 1024,
      );
      expect(reply.status).toBe(413);
    });
  });

  describe("invisible characters in names", () => {
    let cookie: string;
    beforeAll(async () => {
      const response = await signIn("quantri", DEMO_PASSWORD, { client: "10.7.0.1" });
      cookie = response.headers.get("set-cookie")!.split(";")[0]!;
    });

    it.each([
      ["a right-to-left override", "Thôn\u202Emới", "U+202E"],
      ["a zero-width space", "Thôn\u200Bmới", "U+200B"],
      ["a BOM", "\uFEFFThôn mới", "U+FEFF"],
    ])("refuses a unit name with %s", async (_, name, codePoint) => {
      const response = await post(
        "/trpc/unit.create",
        {
          code: "THO-XUAN.XUAN-MINH.THON-MOI",
          name,
          level: "village",
          parentCode: "THO-XUAN.XUAN-MINH",
          validFrom: "2024-01-01",
        },
        { cookie, client: "10.7.0.1" },
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(codePoint);
    });
  });
});
