import { DEMO_PASSWORD } from "@datchuan/db";
import { signInAttempt } from "@datchuan/db/schema";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE } from "./auth/throttle";
import { serveOverHttp, testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * Changing one's password checks the current one: a guess like a sign-in's. Whoever holds a
 * session (a borrowed laptop, a stolen cookie) must not try passwords in a batch or many at
 * once past the throttle sign-in has, over real HTTP as an attacker would send them.
 */
describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  let server: Awaited<ReturnType<typeof serveOverHttp>>;
  let cookie: string;
  beforeAll(async () => {
    const app = testApp(env.handle, { trustProxy: true });
    server = await serveOverHttp(app);
    const signedIn = await post("/trpc/auth.signIn", {
      username: "xa.xuanminh",
      password: DEMO_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
    cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(async () => {
    await server?.close();
  });

  function post(path: string, body: unknown, client = "10.7.0.1") {
    return fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": client,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
  }
  const change = (currentPassword: string, client: string) =>
    post(
      "/trpc/auth.changePassword",
      { currentPassword, newPassword: "mat-khau-cua-ke-gian" },
      client,
    );
  const attemptsFrom = async (client: string) =>
    (
      await env.handle.db
        .select({ n: sql<number>`cast(count(*) as int)` })
        .from(signInAttempt)
        .where(eq(signInAttempt.clientAddress, client))
    )[0]!.n;
  type ErrorReply = { error: { message: string; data: { code: string } } };

  it("refuses password changes inside a batch, checking no password at all", async () => {
    const response = await post(
      "/trpc/auth.changePassword,auth.changePassword,auth.changePassword?batch=1",
      Object.fromEntries(
        ["doan-mot", "doan-hai", DEMO_PASSWORD].map((currentPassword, i) => [
          i,
          { currentPassword, newPassword: "mat-khau-cua-ke-gian" },
        ]),
      ),
      "10.7.0.2",
    );
    const replies = (await response.json()) as ErrorReply[];
    expect(replies.map((reply) => reply.error.data.code)).toEqual([
      "BAD_REQUEST",
      "BAD_REQUEST",
      "BAD_REQUEST",
    ]);
    expect(replies[0]!.error.message).toBe(
      "Đổi mật khẩu phải được gửi riêng, không gộp với yêu cầu khác.",
    );
    expect(await attemptsFrom("10.7.0.2")).toBe(0);
  });

  it("counts 20 guesses at once before checking them, and the password stays", async () => {
    const client = "10.7.0.3";
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => change(`doan-sai-${i}`, client)),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 400)).toHaveLength(SIGN_IN_THROTTLE.freeFailures);
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      20 - SIGN_IN_THROTTLE.freeFailures,
    );
    // Even the right one waits now, from that client; the password is unchanged.
    expect((await change(DEMO_PASSWORD, client)).status).toBe(429);
    const elsewhere = await post(
      "/trpc/auth.signIn",
      { username: "xa.xuanminh", password: DEMO_PASSWORD },
      "10.7.0.4",
    );
    expect(elsewhere.status).toBe(200);
  });
});
