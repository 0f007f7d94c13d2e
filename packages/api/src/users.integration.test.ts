import { beforeAll, describe, expect, it } from "vitest";
import { testApp, testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;
  let app: ReturnType<typeof testApp>;
  beforeAll(() => {
    app = testApp(env.handle);
  });

  async function signIn(username: string, password: string) {
    const response = await app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    return { status: response.status, cookie: response.headers.get("set-cookie")?.split(";")[0] };
  }
  async function me(cookie: string) {
    const response = await app.request("/trpc/auth.me", { headers: { cookie } });
    return ((await response.json()) as { result: { data: { username: string } | null } }).result
      .data;
  }

  let officerId: string;
  let provinceAdminId: string;

  it("lets a district admin create a commune officer and see them in the list", async () => {
    const admin = await as("huyen.thoxuan");
    const created = await admin.user.create({
      username: "xa.xuanlap",
      displayName: "Cán bộ xã Xuân Lập (demo)",
      password: "mat-khau-ban-dau",
      role: "commune_officer",
      scopeCode: "THO-XUAN.XUAN-LAP",
      department: null,
    });
    officerId = created.id;
    const list = await admin.user.list();
    expect(list.find((u) => u.id === officerId)).toMatchObject({
      username: "xa.xuanlap",
      active: true,
      role: "commune_officer",
      scopeName: "Xuân Lập",
    });
    const outsider = await (await as("quantri")).user.create({
      username: "tinh.thanhhoa",
      displayName: "Văn phòng NTM tỉnh (demo)",
      password: "mat-khau-ban-dau",
      role: "admin",
      scopeCode: "THANH-HOA",
      department: null,
    });
    provinceAdminId = outsider.id;
    // The province's admin is outside the district's subtree: not in the district's list.
    expect(list.some((u) => u.username === "tinh.thanhhoa")).toBe(false);
  });

  it("changes a user's name, role and scope, audited before → after", async () => {
    const admin = await as("huyen.thoxuan");
    const updated = await admin.user.update({
      userId: officerId,
      expectedVersion: 1,
      displayName: "Cán bộ thôn 1 Xuân Lập (demo)",
      role: "village_officer",
      scopeCode: "THO-XUAN.XUAN-LAP.THON-1",
      department: null,
    });
    expect(updated).toMatchObject({
      displayName: "Cán bộ thôn 1 Xuân Lập (demo)",
      version: 2,
      roles: [{ role: "village_officer", scopeCode: "THO-XUAN.XUAN-LAP.THON-1" }],
    });
    // A write on the version read before is a conflict, not a silent overwrite.
    await expect(
      admin.user.update({
        userId: officerId,
        expectedVersion: 1,
        displayName: "Khác",
        role: "commune_officer",
        scopeCode: "THO-XUAN.XUAN-LAP",
        department: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const log = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(log[0]).toMatchObject({ action: "user.update", actor: "huyen.thoxuan" });
    expect(log[0]?.before).toMatchObject({ roles: [{ role: "commune_officer" }] });
    expect(log[0]?.after).toMatchObject({ roles: [{ role: "village_officer" }] });
    // Back to the commune for the tests below.
    await admin.user.update({
      userId: officerId,
      expectedVersion: 2,
      displayName: "Cán bộ xã Xuân Lập (demo)",
      role: "commune_officer",
      scopeCode: "THO-XUAN.XUAN-LAP",
      department: null,
    });
  });

  it("refuses a reviewer without a department and a scope outside the subtree", async () => {
    const admin = await as("huyen.thoxuan");
    const base = { userId: officerId, expectedVersion: 3, displayName: "X" };
    await expect(
      admin.user.update({ ...base, role: "reviewer", scopeCode: "THO-XUAN", department: null }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      admin.user.update({ ...base, role: "admin", scopeCode: "THANH-HOA", department: null }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      admin.user.update({ ...base, role: "system_admin", scopeCode: null, department: null }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a district admin every change to a user outside the district", async () => {
    const admin = await as("huyen.thoxuan");
    const quantri = (await admin.user.list()).find((u) => u.username === "quantri");
    expect(quantri).toBeUndefined();
    for (const userId of [provinceAdminId]) {
      await expect(
        admin.user.update({
          userId,
          expectedVersion: 1,
          displayName: "Đổi tên",
          role: "commune_officer",
          scopeCode: "THO-XUAN.XUAN-LAP",
          department: null,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        admin.user.setDisabled({ userId, disabled: true, expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        admin.user.resetPassword({ userId, newPassword: "mat-khau-moi-dai", expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    // Officers and reviewers manage nobody.
    await expect(
      (await as("yte.thoxuan")).user.setDisabled({
        userId: officerId,
        disabled: true,
        expectedVersion: 3,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("disables a user: their sessions end and they cannot sign in until enabled again", async () => {
    const session = await signIn("xa.xuanlap", "mat-khau-ban-dau");
    expect(session.status).toBe(200);
    expect((await me(session.cookie!))?.username).toBe("xa.xuanlap");

    const admin = await as("huyen.thoxuan");
    const disabled = await admin.user.setDisabled({
      userId: officerId,
      disabled: true,
      expectedVersion: 3,
    });
    expect(disabled.active).toBe(false);
    expect(await me(session.cookie!)).toBeNull();
    expect((await signIn("xa.xuanlap", "mat-khau-ban-dau")).status).toBe(401);

    const enabled = await admin.user.setDisabled({
      userId: officerId,
      disabled: false,
      expectedVersion: 4,
    });
    expect(enabled.active).toBe(true);
    expect((await signIn("xa.xuanlap", "mat-khau-ban-dau")).status).toBe(200);
    const log = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(log.slice(0, 2).map((e) => e.action)).toEqual(["user.enable", "user.disable"]);
    // Nobody locks themselves out.
    const self = (await admin.user.list()).find((u) => u.username === "huyen.thoxuan")!;
    await expect(
      admin.user.setDisabled({ userId: self.id, disabled: true, expectedVersion: self.version }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("resets a password: the old one and every session stop working, the log keeps no secret", async () => {
    const session = await signIn("xa.xuanlap", "mat-khau-ban-dau");
    const admin = await as("huyen.thoxuan");
    await expect(
      admin.user.resetPassword({ userId: officerId, newPassword: "ngan", expectedVersion: 5 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const reset = await admin.user.resetPassword({
      userId: officerId,
      newPassword: "mat-khau-moi-cap-lai",
      expectedVersion: 5,
    });
    expect(reset.version).toBe(6);
    expect(await me(session.cookie!)).toBeNull();
    expect((await signIn("xa.xuanlap", "mat-khau-ban-dau")).status).toBe(401);
    expect((await signIn("xa.xuanlap", "mat-khau-moi-cap-lai")).status).toBe(200);
    const log = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(log[0]).toMatchObject({ action: "user.reset_password", actor: "huyen.thoxuan" });
    expect(JSON.stringify(log[0])).not.toContain("mat-khau-moi-cap-lai");
  });
});
