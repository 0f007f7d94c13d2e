import { addDays, vietnamDate } from "@datchuan/domain";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  it("filters the log of a subtree by user, action and days in Vietnam", async () => {
    const admin = await as("huyen.thoxuan");
    await admin.user.create({
      username: "xa.xuanhoa",
      displayName: "Cán bộ xã (demo)",
      password: "mat-khau-dai-du",
      role: "commune_officer",
      scopeCode: "THO-XUAN.XUAN-HONG",
      department: null,
    });
    await admin.planning.setTarget({
      unitCode: "THO-XUAN",
      year: 2024,
      metric: "bhyt",
      label: "Tỷ lệ tham gia BHYT",
      comparator: "gte",
      value: 92,
      unitOfMeasure: "%",
      expectedRowVersion: null,
    });
    const today = vietnamDate(new Date());

    const byActor = await admin.audit.list({ unitCode: "THO-XUAN", actor: "HUYEN.THOXUAN" });
    expect(byActor.length).toBeGreaterThanOrEqual(2);
    expect(byActor.every((e) => e.actor === "huyen.thoxuan")).toBe(true);

    const exact = await admin.audit.list({ unitCode: "THO-XUAN", action: "target.save" });
    expect(exact.map((e) => e.action)).toEqual(["target.save"]);
    const kind = await admin.audit.list({ unitCode: "THO-XUAN", action: "user." });
    expect(kind.length).toBeGreaterThan(0);
    expect(kind.every((e) => e.action.startsWith("user."))).toBe(true);

    const todays = await admin.audit.list({ unitCode: "THO-XUAN", from: today, to: today });
    expect(todays.map((e) => e.action)).toEqual(
      expect.arrayContaining(["target.save", "user.create"]),
    );
    const yesterday = addDays(today, -1);
    expect(
      await admin.audit.list({ unitCode: "THO-XUAN", from: yesterday, to: yesterday }),
    ).toEqual([]);
    expect(await admin.audit.list({ unitCode: "THO-XUAN", actor: "khong.ai" })).toEqual([]);
  });

  it("refuses a reversed date range and another subtree's log", async () => {
    const admin = await as("huyen.thoxuan");
    await expect(
      admin.audit.list({ unitCode: "THO-XUAN", from: "2025-02-01", to: "2025-01-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.audit.list({ unitCode: "THANH-HOA" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      (await as("yte.thoxuan")).audit.list({ unitCode: "THO-XUAN" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
