import { DEMO_PASSWORD, findUserForSignIn } from "@datchuan/db";
import { beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLE } from "./auth/throttle";
import { callerFor, testApp, testDatabases, useTestDatabase, viewerFor } from "./testing";
import type { Viewer } from "./trpc";

let app: ReturnType<typeof testApp>;

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  beforeAll(async () => {
    app = testApp(env.handle);
  });

  async function viewer(username: string): Promise<Viewer> {
    const user = await findUserForSignIn(env.handle.db, username);
    if (!user) throw new Error(`no demo user ${username}`);
    return viewerFor(env.handle.db, user);
  }

  async function trpc(path: string, body: unknown, cookie?: string) {
    return app.request(`/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  }

  describe("sign-in over HTTP", () => {
    it("sets an httpOnly SameSite cookie that identifies the user until sign-out", async () => {
      const response = await trpc("auth.signIn", {
        username: "XA.XuanMinh",
        password: DEMO_PASSWORD,
      });
      expect(response.status).toBe(200);
      const setCookie = response.headers.get("set-cookie") ?? "";
      expect(setCookie).toMatch(/^datchuan_session=[\w-]+;/u);
      expect(setCookie).toContain("HttpOnly");
      expect(setCookie).toContain("SameSite=Lax");
      const cookie = setCookie.split(";")[0]!;

      const me = await app.request("/trpc/auth.me", { headers: { cookie } });
      const body = (await me.json()) as { result: { data: Viewer } };
      expect(body.result.data.username).toBe("xa.xuanminh");
      // Only what the apps need: never a password hash or any other stored secret.
      expect(Object.keys(body.result.data).sort()).toEqual([
        "displayName",
        "id",
        "roles",
        "username",
        "version",
      ]);
      expect(body.result.data.roles).toEqual([
        {
          role: "commune_officer",
          scopePath: "/THANH-HOA/THO-XUAN/THO-XUAN.XUAN-MINH/",
          department: null,
        },
      ]);

      const out = await trpc("auth.signOut", {}, cookie);
      expect(out.headers.get("set-cookie")).toMatch(/datchuan_session=;/u);
      const after = (await (
        await app.request("/trpc/auth.me", { headers: { cookie } })
      ).json()) as {
        result: { data: Viewer | null };
      };
      expect(after.result.data).toBeNull();
    });

    it("refuses a wrong password with one message that does not say which part was wrong", async () => {
      for (const username of ["xa.xuanminh", "khong.ton.tai"]) {
        const response = await trpc("auth.signIn", { username, password: "sai-mat-khau" });
        expect(response.status).toBe(401);
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toBe("Tên đăng nhập hoặc mật khẩu không đúng.");
      }
    });

    it("throttles guessing after repeated failures, even with the right password", async () => {
      const caller = callerFor(env.handle.db);
      for (let i = 0; i < SIGN_IN_THROTTLE.freeFailures; i++) {
        await expect(
          caller.auth.signIn({ username: "thon1.xuanminh", password: `sai-${i}` }),
        ).rejects.toMatchObject({
          code: "UNAUTHORIZED",
        });
      }
      await expect(
        caller.auth.signIn({ username: "thon1.xuanminh", password: DEMO_PASSWORD }),
      ).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
      });
    });

    it("rejects empty fields with Vietnamese field messages", async () => {
      const response = await trpc("auth.signIn", { username: "", password: "" });
      expect(response.status).toBe(400);
      const body = (await response.json()) as {
        error: { data: { fieldErrors: Record<string, string[]> } };
      };
      expect(body.error.data.fieldErrors).toEqual({
        username: ["Nhập tên đăng nhập"],
        password: ["Nhập mật khẩu"],
      });
    });
  });

  describe("password change", () => {
    it("needs the current password, a long enough new one, and is audited", async () => {
      const me = await viewer("yte.thoxuan");
      const caller = callerFor(env.handle.db, me);
      await expect(
        caller.auth.changePassword({ currentPassword: "sai", newPassword: "mat-khau-moi-dai" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Mật khẩu hiện tại không đúng." });
      await expect(
        caller.auth.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: "ngan" }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await caller.auth.changePassword({
        currentPassword: DEMO_PASSWORD,
        newPassword: "mat-khau-moi-dai",
      });

      const anonymous = callerFor(env.handle.db);
      await expect(
        anonymous.auth.signIn({ username: "yte.thoxuan", password: DEMO_PASSWORD }),
      ).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
      await anonymous.auth.signIn({ username: "yte.thoxuan", password: "mat-khau-moi-dai" });

      const log = await callerFor(env.handle.db, await viewer("quantri")).audit.list({});
      expect(
        log.some((e) => e.action === "user.change_password" && e.actor === "yte.thoxuan"),
      ).toBe(true);
    });

    it("is refused to the public", async () => {
      await expect(
        callerFor(env.handle.db).auth.changePassword({
          currentPassword: "x",
          newPassword: "mat-khau-moi-dai",
        }),
      ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });
  });

  describe("users and roles", () => {
    const newOfficer = {
      username: "xa.xuantin",
      displayName: "Cán bộ xã Xuân Tín (demo)",
      password: "mat-khau-dai-du",
      role: "commune_officer" as const,
      scopeCode: "THO-XUAN.XUAN-TIN",
      department: null,
    };

    it("lets a district admin create an officer inside the district, audited in the subtree", async () => {
      const admin = callerFor(env.handle.db, await viewer("huyen.thoxuan"));
      const created = await admin.user.create(newOfficer);
      expect(created.username).toBe("xa.xuantin");
      const log = await admin.audit.list({ unitCode: "THO-XUAN" });
      expect(log[0]).toMatchObject({
        action: "user.create",
        actor: "huyen.thoxuan",
        entityId: created.id,
      });
      expect(log[0]?.after).toMatchObject({
        role: "commune_officer",
        scopePath: "/THANH-HOA/THO-XUAN/THO-XUAN.XUAN-TIN/",
      });
    });

    it("reports a taken username as a conflict", async () => {
      const admin = callerFor(env.handle.db, await viewer("huyen.thoxuan"));
      await expect(admin.user.create(newOfficer)).rejects.toMatchObject({
        code: "CONFLICT",
        message: "Tên đăng nhập xa.xuantin đã có người dùng.",
      });
    });

    it("names the field a refusal concerns, so the form shows it beside that input", async () => {
      const signIn = await trpc("auth.signIn", {
        username: "huyen.thoxuan",
        password: DEMO_PASSWORD,
      });
      const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
      const taken = await trpc("user.create", newOfficer, cookie);
      expect(taken.status).toBe(409);
      const message = "Tên đăng nhập xa.xuantin đã có người dùng.";
      const { error } = (await taken.json()) as { error: { message: string; data: object } };
      expect(error.message).toBe(message);
      expect(error.data).toMatchObject({
        fieldErrors: { username: [message] },
        issues: [{ path: "username", message }],
      });
      const elsewhere = await trpc(
        "user.create",
        { ...newOfficer, username: "ngoai.huyen", scopeCode: "THANH-HOA" },
        cookie,
      );
      expect(elsewhere.status).toBe(403);
      const refused = (await elsewhere.json()) as { error: { data: object } };
      expect(refused.error.data).toMatchObject({ issues: [{ path: "scopeCode" }] });
    });

    it.each([
      ["xa.xuanminh", { ...newOfficer, username: "a.b.c" }, "FORBIDDEN"],
      [
        "huyen.thoxuan",
        { ...newOfficer, username: "tinh.admin", role: "admin" as const, scopeCode: "THANH-HOA" },
        "FORBIDDEN",
      ],
      [
        "huyen.thoxuan",
        { ...newOfficer, username: "sys", role: "system_admin" as const, scopeCode: null },
        "FORBIDDEN",
      ],
      ["huyen.thoxuan", { ...newOfficer, username: "ko.co", scopeCode: "KHONG-CO" }, "NOT_FOUND"],
      [
        "huyen.thoxuan",
        { ...newOfficer, username: "yte2", role: "reviewer" as const },
        "BAD_REQUEST",
      ],
      ["huyen.thoxuan", { ...newOfficer, username: "x" }, "BAD_REQUEST"],
    ])("refuses %s creating %o (%s)", async (actor, input, code) => {
      const caller = callerFor(env.handle.db, await viewer(actor));
      await expect(caller.user.create(input)).rejects.toMatchObject({ code });
    });

    it("lists users only for those who manage them", async () => {
      const list = await callerFor(env.handle.db, await viewer("huyen.thoxuan")).user.list();
      expect(list.map((u) => u.username)).toContain("xa.xuanminh");
      expect(list.map((u) => u.username)).not.toContain("quantri");
      await expect(
        callerFor(env.handle.db, await viewer("xa.xuanminh")).user.list(),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    });

    it("keeps the audit log of other subtrees and of the whole system from admins", async () => {
      const admin = callerFor(env.handle.db, await viewer("huyen.thoxuan"));
      await expect(admin.audit.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(admin.audit.list({ unitCode: "THANH-HOA" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(callerFor(env.handle.db).audit.list({})).rejects.toMatchObject({
        code: "UNAUTHORIZED",
      });
    });
  });
});
