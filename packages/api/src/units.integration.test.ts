import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  const villagesOf = async (code: string) =>
    (await (await as(null)).unit.children({ code })).length;
  const versionOf = async (code: string) =>
    (await (await as(null)).unit.byCode({ code })).rowVersion;

  describe("who may place, rename and end units, and at which version", () => {
    it("does not let a district admin split its own district into units under the province", async () => {
      const communes = (await (await as(null)).unit.children({ code: "THO-XUAN" })).map(
        (c) => c.code,
      );
      const district = await as("huyen.thoxuan");
      await expect(
        district.unit.split({
          predecessorCode: "THO-XUAN",
          expectedRowVersion: await versionOf("THO-XUAN"),
          effectiveDate: "2025-01-01",
          successors: [
            {
              code: "THO-XUAN-A",
              name: "Thọ Xuân A",
              type: "huyen",
              childCodes: communes.slice(0, 5),
            },
            {
              code: "THO-XUAN-B",
              name: "Thọ Xuân B",
              type: "huyen",
              childCodes: communes.slice(5),
            },
          ],
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      // Nor end it, which would leave its communes to nobody below the province.
      await expect(
        district.unit.close({
          code: "THO-XUAN",
          lastDay: "2025-06-30",
          expectedRowVersion: await versionOf("THO-XUAN"),
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const after = await (await as(null)).unit.byCode({ code: "THO-XUAN" });
      expect(after).toMatchObject({ parentCode: "THANH-HOA", name: "Thọ Xuân" });
      expect(await (await as(null)).unit.children({ code: "THO-XUAN" })).toHaveLength(
        communes.length,
      );
    });

    it("lets an admin rename units below their scope's root, not the root itself", async () => {
      await (await as("quantri")).user.create({
        username: "tinh.thanhhoa",
        displayName: "Văn phòng NTM tỉnh (thử)",
        password: "mat-khau-dai-du",
        role: "admin",
        scopeCode: "THANH-HOA",
        department: null,
      });
      const district = await as("huyen.thoxuan");
      await expect(
        district.unit.update({
          code: "THO-XUAN",
          name: "Thọ Xuân Mới",
          type: "huyen",
          expectedRowVersion: await versionOf("THO-XUAN"),
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const commune = await district.unit.update({
        code: "THO-XUAN.XUAN-HOA",
        name: "Xuân Hòa",
        type: "xa",
        expectedRowVersion: await versionOf("THO-XUAN.XUAN-HOA"),
      });
      expect(commune.name).toBe("Xuân Hòa");
      const province = await as("tinh.thanhhoa");
      const renamed = await province.unit.update({
        code: "THO-XUAN",
        name: "Thọ Xuân",
        type: "huyen",
        expectedRowVersion: await versionOf("THO-XUAN"),
      });
      expect(renamed.rowVersion).toBe(2);
      await expect(
        province.unit.update({
          code: "THANH-HOA",
          name: "Thanh Hoá",
          type: "tinh",
          expectedRowVersion: await versionOf("THANH-HOA"),
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });

    it("refuses a move, close, merge or split at a stale version, with the unit as stored", async () => {
      const admin = await as("quantri");
      const stale = await versionOf("THO-XUAN.THO-LAM");
      const moved = await admin.unit.move({
        code: "THO-XUAN.THO-LAM",
        newParentCode: "THO-XUAN",
        effectiveDate: "2025-01-01",
        expectedRowVersion: stale,
      });
      expect(moved).toEqual({
        path: "/THANH-HOA/THO-XUAN/THO-XUAN.THO-LAM/",
        rowVersion: stale + 1,
      });
      const conflict = {
        code: "CONFLICT",
        cause: { current: { code: "THO-XUAN.THO-LAM", rowVersion: stale + 1 } },
      };
      await expect(
        admin.unit.move({
          code: "THO-XUAN.THO-LAM",
          newParentCode: "THO-XUAN",
          effectiveDate: "2025-01-01",
          expectedRowVersion: stale,
        }),
      ).rejects.toMatchObject(conflict);
      await expect(
        admin.unit.close({
          code: "THO-XUAN.THO-LAM",
          lastDay: "2025-06-30",
          expectedRowVersion: stale,
        }),
      ).rejects.toMatchObject(conflict);
      await expect(
        admin.unit.merge({
          predecessors: [
            { code: "THO-XUAN.THO-LAM", expectedRowVersion: stale },
            { code: "THO-XUAN.THO-HAI", expectedRowVersion: await versionOf("THO-XUAN.THO-HAI") },
          ],
          successor: { code: "THO-XUAN.THO-MOI", name: "Thọ Mới", type: "xa" },
          parentCode: "THO-XUAN",
          effectiveDate: "2025-01-01",
        }),
      ).rejects.toMatchObject(conflict);
      await expect(
        admin.unit.split({
          predecessorCode: "THO-XUAN.THO-LAM",
          expectedRowVersion: stale,
          effectiveDate: "2025-01-01",
          successors: [
            { code: "THO-XUAN.THO-LAM-A", name: "A", type: "xa", childCodes: [] },
            { code: "THO-XUAN.THO-LAM-B", name: "B", type: "xa", childCodes: [] },
          ],
        }),
      ).rejects.toMatchObject(conflict);
      // Nothing was left half-done: the merge's new unit does not exist.
      await expect(
        (await as(null)).unit.byCode({ code: "THO-XUAN.THO-MOI" }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("answers a cluster naming a unit twice with BAD_REQUEST in Vietnamese", async () => {
      await expect(
        (await as("huyen.thoxuan")).unit.createCluster({
          ownerCode: "THO-XUAN",
          name: "Cụm phía Bắc",
          memberCodes: ["THO-XUAN.XUAN-MINH", "THO-XUAN.XUAN-TIN", "THO-XUAN.XUAN-MINH"],
        }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/chỉ được nêu một lần.*THO-XUAN\.XUAN-MINH/u),
      });
      expect(await (await as(null)).unit.clusters({ ownerCode: "THO-XUAN" })).toEqual([]);
    });
  });

  describe("units and the 2025 reform", () => {
    it("places new units by the hierarchy in force on their start date", async () => {
      const admin = await as("quantri");
      const commune = {
        code: "THO-XUAN.XA-MOI",
        name: "Xã Mới (ví dụ)",
        type: "xa" as const,
        level: "commune" as const,
      };
      await expect(
        admin.unit.create({ ...commune, parentCode: "THANH-HOA", validFrom: "2024-01-01" }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/phải thuộc một đơn vị cấp huyện/u),
      });
      await expect(
        admin.unit.create({ ...commune, parentCode: "THO-XUAN", validFrom: "2025-08-01" }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringMatching(/phải thuộc một đơn vị cấp tỉnh/u),
      });
      const created = await admin.unit.create({
        ...commune,
        parentCode: "THO-XUAN",
        validFrom: "2024-01-01",
      });
      expect(created.path).toBe("/THANH-HOA/THO-XUAN/THO-XUAN.XA-MOI/");
      await expect(
        admin.unit.create({ ...commune, parentCode: "THO-XUAN", validFrom: "2024-01-01" }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
      });
      await expect(
        (await as("xa.xuanminh")).unit.create({
          ...commune,
          code: "THO-XUAN.KHAC",
          parentCode: "THO-XUAN",
          validFrom: "2024-01-01",
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });

    it("has an accepted 2024 report for Xuân Tín before the merger", async () => {
      const admin = await as("quantri");
      const key = { unitCode: "THO-XUAN.XUAN-TIN", setId: "ntm-xa-2021-2025", period: "2024" };
      const saved = await admin.report.saveValue({
        ...key,
        indicatorCode: "3.2",
        value: { kind: "boolean", period: "2024", value: true },
        expectedRowVersion: null,
      });
      const report = (await admin.report.get(key))!.report;
      await admin.report.submit({ ...key, expectedRowVersion: report.rowVersion });
      const reviewed = await admin.report.review({
        valueId: saved.value.id,
        decision: "accepted",
        expectedRowVersion: 2,
      });
      expect(reviewed.report?.status).toBe("accepted");
    });

    it("merges three communes into one under the province, keeping their history as lineage", async () => {
      const before = await Promise.all(
        ["XUAN-MINH", "XUAN-TIN", "TRUONG-XUAN"].map((c) => villagesOf(`THO-XUAN.${c}`)),
      );
      const codes = ["THO-XUAN.XUAN-MINH", "THO-XUAN.XUAN-TIN", "THO-XUAN.TRUONG-XUAN"];
      const merge = {
        predecessors: await Promise.all(
          codes.map(async (code) => ({ code, expectedRowVersion: await versionOf(code) })),
        ),
        successor: { code: "THANH-HOA.XUAN-MINH-MOI", name: "Xuân Minh", type: "xa" as const },
        parentCode: "THANH-HOA",
        effectiveDate: "2025-07-01",
        decision: "Nghị quyết (ví dụ)",
      };
      // A district admin cannot place a unit directly under the province.
      await expect((await as("huyen.thoxuan")).unit.merge(merge)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const admin = await as("quantri");
      await expect(admin.unit.merge({ ...merge, parentCode: "THO-XUAN" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      const merged = await admin.unit.merge(merge);
      expect(merged?.path).toBe("/THANH-HOA/THANH-HOA.XUAN-MINH-MOI/");

      expect(await villagesOf("THANH-HOA.XUAN-MINH-MOI")).toBe(before.reduce((a, b) => a + b, 0));
      const communes = await (await as(null)).unit.list({ levels: ["commune"] });
      expect(communes.map((c) => c.code)).not.toContain("THO-XUAN.XUAN-TIN");
      expect(communes.map((c) => c.code)).toContain("THANH-HOA.XUAN-MINH-MOI");

      const lineage = await (await as(null)).unit.lineage({ code: "THANH-HOA.XUAN-MINH-MOI" });
      expect(lineage.map((l) => [l.code, l.kind, l.effectiveDate])).toEqual([
        ["THO-XUAN.TRUONG-XUAN", "merge", "2025-07-01"],
        ["THO-XUAN.XUAN-MINH", "merge", "2025-07-01"],
        ["THO-XUAN.XUAN-TIN", "merge", "2025-07-01"],
      ]);
      const log = await admin.audit.list({ unitCode: "THANH-HOA" });
      expect(log[0]).toMatchObject({
        action: "unit.merge",
        before: { units: codes },
      });
    });

    it("drops merged-away communes from unit lists and the report inbox after their last day", async () => {
      const at = async (instant: string) => {
        const admin = await as("quantri", { now: () => new Date(instant) });
        const states = await admin.report.states({
          scopeCode: "THO-XUAN",
          setId: "ntm-xa-2021-2025",
          period: "2025",
        });
        const communes = await admin.unit.list({ levels: ["commune"] });
        return { states: states.map((s) => s.unitCode), communes: communes.map((c) => c.code) };
      };
      const merged = ["THO-XUAN.XUAN-MINH", "THO-XUAN.XUAN-TIN", "THO-XUAN.TRUONG-XUAN"];
      // 23:59 on 30 June 2025 in Vietnam, their last day; then 00:00 on 1 July.
      const lastDay = await at("2025-06-30T16:59:00Z");
      const nextDay = await at("2025-06-30T17:00:00Z");
      for (const code of merged) {
        expect(lastDay.states).toContain(code);
        expect(lastDay.communes).toContain(code);
        expect(nextDay.states).not.toContain(code);
        expect(nextDay.communes).not.toContain(code);
      }
      expect(nextDay.states).toHaveLength(lastDay.states.length - merged.length);
    });

    it("rolls the predecessors' accepted reports into the merged commune's history", async () => {
      const history = await (await as(null)).report.history({
        unitCode: "THANH-HOA.XUAN-MINH-MOI",
        setId: "ntm-xa-2021-2025",
      });
      expect(history).toEqual([
        expect.objectContaining({
          unitCode: "THO-XUAN.XUAN-TIN",
          unitName: "Xuân Tín",
          period: "2024",
          status: "accepted",
        }),
      ]);
      expect(history[0]?.summary).toMatch(/tiêu chí/u);
    });

    it("abolishes the district: communes move under the province, then the district ends", async () => {
      const admin = await as("quantri");
      const close = { code: "THO-XUAN", lastDay: "2025-06-30" };
      await expect(
        admin.unit.close({ ...close, expectedRowVersion: await versionOf("THO-XUAN") }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
      const remaining = await (await as(null)).unit.children({ code: "THO-XUAN" });
      for (const commune of remaining) {
        await admin.unit.move({
          code: commune.code,
          newParentCode: "THANH-HOA",
          effectiveDate: "2025-07-01",
          expectedRowVersion: await versionOf(commune.code),
        });
      }
      await admin.unit.close({ ...close, expectedRowVersion: await versionOf("THO-XUAN") });
      const districts = await (await as(null)).unit.list({ levels: ["district"] });
      expect(districts).toEqual([]);
      const moved = await (await as(null)).unit.byCode({ code: "THO-XUAN.THO-LAM" });
      expect(moved.parentCode).toBe("THANH-HOA");

      // The former district survives as a named cluster of its communes.
      await admin.unit.createCluster({
        ownerCode: "THANH-HOA",
        name: "Huyện Thọ Xuân (cũ)",
        memberCodes: remaining.map((c) => c.code),
      });
      const clusters = await (await as(null)).unit.clusters({ ownerCode: "THANH-HOA" });
      expect(clusters[0]).toMatchObject({ name: "Huyện Thọ Xuân (cũ)" });
      expect(clusters[0]?.members).toHaveLength(remaining.length);
    });

    it("keeps attributes by the date they took effect", async () => {
      const admin = await as("quantri");
      await admin.unit.setAttribute({
        code: "THO-XUAN.THO-LAM",
        name: "group",
        value: "2",
        effectiveFrom: "2026-02-15",
        expected: null,
      });
      const reader = await as(null);
      expect(
        await reader.unit.attributes({ code: "THO-XUAN.THO-LAM", asOf: "2024-06-30" }),
      ).toEqual({
        region: "BTB",
      });
      expect(
        await reader.unit.attributes({ code: "THO-XUAN.THO-LAM", asOf: "2026-03-01" }),
      ).toEqual({
        region: "BTB",
        group: "2",
      });
      // The history keeps every value with the day it took effect, newest first per name.
      await admin.unit.setAttribute({
        code: "THO-XUAN.THO-LAM",
        name: "group",
        value: "3",
        effectiveFrom: "2027-01-01",
        expected: { value: "2", effectiveFrom: "2026-02-15" },
      });
      // Someone who read the history before that change is told, and writes nothing.
      await expect(
        admin.unit.setAttribute({
          code: "THO-XUAN.THO-LAM",
          name: "group",
          value: "2",
          effectiveFrom: "2027-06-01",
          expected: { value: "2", effectiveFrom: "2026-02-15" },
        }),
      ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Tải lại/u) });
      expect(await reader.unit.attributeHistory({ code: "THO-XUAN.THO-LAM" })).toEqual([
        { name: "group", value: "3", effectiveFrom: "2027-01-01" },
        { name: "group", value: "2", effectiveFrom: "2026-02-15" },
        { name: "region", value: "BTB", effectiveFrom: "2022-03-08" },
      ]);
    });

    it("renames with a version check", async () => {
      const admin = await as("quantri");
      const version = await versionOf("THO-XUAN.THO-LAM");
      const renamed = await admin.unit.update({
        code: "THO-XUAN.THO-LAM",
        name: "Thọ  Lâm ",
        type: "xa",
        expectedRowVersion: version,
      });
      expect(renamed).toMatchObject({ name: "Thọ Lâm", rowVersion: version + 1 });
      await expect(
        admin.unit.update({
          code: "THO-XUAN.THO-LAM",
          name: "Khác",
          type: "xa",
          expectedRowVersion: version,
        }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
      });
    });

    it("splits a commune, each new commune taking the villages listed for it", async () => {
      const admin = await as("quantri");
      const villages = (await (await as(null)).unit.children({ code: "THO-XUAN.THO-HAI" })).map(
        (v) => v.code,
      );
      const half = Math.ceil(villages.length / 2);
      const split = {
        predecessorCode: "THO-XUAN.THO-HAI",
        expectedRowVersion: await versionOf("THO-XUAN.THO-HAI"),
        effectiveDate: "2026-01-01",
        successors: [
          {
            code: "THANH-HOA.THO-HAI-A",
            name: "Thọ Hải A (ví dụ)",
            type: "xa" as const,
            childCodes: villages.slice(0, half),
          },
          {
            code: "THANH-HOA.THO-HAI-B",
            name: "Thọ Hải B (ví dụ)",
            type: "xa" as const,
            childCodes: villages.slice(half),
          },
        ],
      };
      await expect(
        admin.unit.split({
          ...split,
          successors: [split.successors[0]!, { ...split.successors[1]!, childCodes: [] }],
        }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await admin.unit.split(split);
      expect(await villagesOf("THANH-HOA.THO-HAI-B")).toBe(villages.length - half);
      const lineage = await (await as(null)).unit.lineage({ code: "THANH-HOA.THO-HAI-A" });
      expect(lineage.map((l) => [l.code, l.kind])).toEqual([["THO-XUAN.THO-HAI", "split"]]);
    });
  });
});
