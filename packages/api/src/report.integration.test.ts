import { getStoredVerdict } from "@datchuan/db";
import { describe, expect, it } from "vitest";
import { shownVerdictReads } from "./services/shown-verdicts";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024" };
  const bhyt = (numerator: number) => ({
    kind: "ratio" as const,
    period: "2024",
    numerator,
    denominator: 3200,
  });

  describe("entering values", () => {
    it("saves a value, stores the verdict with it, and audits before → after", async () => {
      const officer = await as("xa.xuanminh");
      const saved = await officer.report.saveValue({
        ...key,
        indicatorCode: "15.1",
        value: bhyt(3000),
        evidenceNote: "Danh sách BHXH huyện tháng 12",
        expectedRowVersion: null,
      });
      expect(saved.value.rowVersion).toBe(1);
      expect(saved.verdictSummary).toMatch(/tiêu chí/u);

      const report = await officer.report.get(key);
      expect(report?.draft).toBe(true);
      expect(report?.values.map((v) => v.indicatorCode)).toEqual(["15.1"]);
      const stored = await getStoredVerdict(env.handle.db, report!.report.id);
      const verdict15 = stored?.verdict.criteria
        .find((c) => c.number === 15)
        ?.indicators.find((i) => i.code === "15.1");
      expect(verdict15?.status).toBe("no_threshold");

      const log = await (await as("huyen.thoxuan")).audit.list({ unitCode: "THO-XUAN.XUAN-MINH" });
      expect(log[0]).toMatchObject({ action: "value.save", actor: "xa.xuanminh", before: null });
      expect(log[0]?.after).toMatchObject({ value: bhyt(3000) });
    });

    it("detects a concurrent edit and answers with the current value instead of overwriting", async () => {
      const officer = await as("xa.xuanminh");
      const admin = await as("quantri");
      const first = await officer.report.saveValue({
        ...key,
        indicatorCode: "15.1",
        value: bhyt(3050),
        expectedRowVersion: 1,
      });
      expect(first.value.rowVersion).toBe(2);
      // The second writer read version 1 too.
      await expect(
        admin.report.saveValue({
          ...key,
          indicatorCode: "15.1",
          value: bhyt(2900),
          expectedRowVersion: 1,
        }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
        cause: { current: { rowVersion: 2, value: bhyt(3050) } },
      });
      // Two people entering the first value at once: one wins, the other is told.
      await expect(
        admin.report.saveValue({
          ...key,
          indicatorCode: "15.1",
          value: bhyt(2900),
          expectedRowVersion: null,
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      const report = await officer.report.get(key);
      expect(report?.values[0]?.value).toEqual(bhyt(3050));
    });

    it.each([
      [
        "a value of the wrong kind",
        { indicatorCode: "15.1", value: { kind: "boolean", period: "2024", value: true } },
        /cần giá trị kiểu/u,
      ],
      [
        "a value of another period",
        { indicatorCode: "15.1", value: { ...bhyt(1), period: "2023" } },
        /kỳ 2023/u,
      ],
      [
        "an unknown indicator",
        { indicatorCode: "99.9", value: bhyt(1) },
        /không có chỉ tiêu 99.9/u,
      ],
      [
        "more people insured than live there",
        { indicatorCode: "15.1", value: bhyt(4000) },
        /Tử số/u,
      ],
    ])("refuses %s", async (_label, entry, message) => {
      const officer = await as("xa.xuanminh");
      await expect(
        officer.report.saveValue({ ...key, ...entry, expectedRowVersion: null } as never),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    });

    it.each([
      ["thon1.xuanminh", "THO-XUAN.XUAN-MINH.THON-1", /cấp xã, không nhập cho đơn vị thôn, bản/u],
      ["xa.xuanminh", "THO-XUAN.XUAN-MINH.THON-1", /cấp xã, không nhập cho đơn vị thôn, bản/u],
      ["quantri", "THO-XUAN", /cấp xã, không nhập cho đơn vị cấp huyện/u],
    ])(
      "refuses %s values of the commune set for %s, a unit of another level",
      async (username, unitCode, message) => {
        await expect(
          (await as(username)).report.saveValue({
            ...key,
            unitCode,
            indicatorCode: "15.2",
            value: { kind: "boolean", period: "2024", value: true },
            expectedRowVersion: null,
          }),
        ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
        expect(await (await as("quantri")).report.get({ ...key, unitCode })).toBeNull();
      },
    );

    it.each([
      [null, "THO-XUAN.XUAN-MINH", "UNAUTHORIZED"],
      ["xa.xuanminh", "THO-XUAN.XUAN-TIN", "FORBIDDEN"],
      ["thon1.xuanminh", "THO-XUAN.XUAN-MINH", "FORBIDDEN"],
      ["yte.thoxuan", "THO-XUAN.XUAN-MINH", "FORBIDDEN"],
      ["huyen.thoxuan", "THO-XUAN.XUAN-MINH", "FORBIDDEN"],
    ])("does not let %s enter values for %s", async (username, unitCode, code) => {
      const caller = await as(username);
      await expect(
        caller.report.saveValue({
          ...key,
          unitCode,
          indicatorCode: "15.1",
          value: bhyt(1),
          expectedRowVersion: null,
        }),
      ).rejects.toMatchObject({ code });
    });
  });

  describe("submission, review and reopening", () => {
    it("hides drafts from the public and from other communes' officers", async () => {
      expect(await (await as(null)).report.get(key)).toBeNull();
      const otherOfficer = await as("huyen.thoxuan");
      expect(await otherOfficer.report.get(key)).not.toBeNull();
    });

    it("locks values once submitted", async () => {
      const officer = await as("xa.xuanminh");
      const current = (await officer.report.get(key))!.report;
      const submitted = await officer.report.submit({
        ...key,
        expectedRowVersion: current.rowVersion,
      });
      expect(submitted.status).toBe("submitted");
      await expect(
        officer.report.saveValue({
          ...key,
          indicatorCode: "15.1",
          value: bhyt(3100),
          expectedRowVersion: 3,
        }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
      // Nor does a submitted report take a value it did not have: reviewers judge what was sent.
      await expect(
        officer.report.saveValue({
          ...key,
          indicatorCode: "15.2",
          value: { kind: "boolean", period: "2024", value: true },
          expectedRowVersion: null,
        }),
      ).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringMatching(/đang chờ thẩm định/u),
      });
      const report = await officer.report.get(key);
      expect(report?.report.status).toBe("submitted");
      expect(report?.values.map((v) => v.indicatorCode)).toEqual(["15.1"]);
    });

    it("lets only the owning department review, returns need a reason, and a return reopens entry", async () => {
      const value = (await (await as("xa.xuanminh")).report.get(key))!.values[0]!;
      const admin = await as("huyen.thoxuan");
      await admin.user.create({
        username: "gt.thoxuan",
        displayName: "Phòng Kinh tế - Hạ tầng (demo)",
        password: "mat-khau-dai-du",
        role: "reviewer",
        scopeCode: "THO-XUAN",
        department: "Kinh tế - Hạ tầng",
      });
      await expect(
        (await as("gt.thoxuan")).report.review({
          valueId: value.id,
          decision: "accepted",
          expectedRowVersion: value.rowVersion,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });

      const health = await as("yte.thoxuan");
      await expect(
        health.report.review({
          valueId: value.id,
          decision: "returned",
          expectedRowVersion: value.rowVersion,
        }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
      const returned = await health.report.review({
        valueId: value.id,
        decision: "returned",
        reason: "Thiếu danh sách người tham gia BHYT",
        expectedRowVersion: value.rowVersion,
      });
      expect(returned.report?.status).toBe("returned");

      const officer = await as("xa.xuanminh");
      const fixed = await officer.report.saveValue({
        ...key,
        indicatorCode: "15.1",
        value: bhyt(3010),
        evidenceNote: "Đã bổ sung danh sách",
        expectedRowVersion: returned.value.rowVersion,
      });
      const report = (await officer.report.get(key))!.report;
      await officer.report.submit({ ...key, expectedRowVersion: report.rowVersion });
      const accepted = await health.report.review({
        valueId: fixed.value.id,
        decision: "accepted",
        expectedRowVersion: fixed.value.rowVersion + 1,
      });
      expect(accepted.report).toMatchObject({ status: "accepted", locked: true });
    });

    it("publishes accepted reports to the public and keeps them locked until an explicit reopening", async () => {
      const published = await (await as(null)).report.get(key);
      expect(published?.draft).toBe(false);
      // Evidence notes are working papers: not shown to the public.
      expect(published?.values.map((v) => v.evidenceNote)).toEqual([null]);
      const officerView = await (await as("xa.xuanminh")).report.get(key);
      expect(officerView?.values.map((v) => v.evidenceNote)).toEqual(["Đã bổ sung danh sách"]);
      expect(published?.verdict?.summary).toMatch(/tiêu chí/u);

      const officer = await as("xa.xuanminh");
      await expect(
        officer.report.saveValue({
          ...key,
          indicatorCode: "15.2",
          value: { kind: "boolean", period: "2024", value: true },
          expectedRowVersion: null,
        }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

      const report = published!.report;
      await expect(
        officer.report.reopen({
          reportId: report.id,
          reason: "Sửa số liệu",
          expectedRowVersion: report.rowVersion,
        }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const admin = await as("huyen.thoxuan");
      await expect(
        admin.report.reopen({
          reportId: report.id,
          reason: "x",
          expectedRowVersion: report.rowVersion,
        }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      const reopened = await admin.report.reopen({
        reportId: report.id,
        reason: "Xã đề nghị cập nhật số BHYT cuối năm",
        expectedRowVersion: report.rowVersion,
      });
      expect(reopened).toMatchObject({ status: "draft", locked: false });
      const log = await admin.audit.list({ unitCode: "THO-XUAN" });
      expect(log[0]).toMatchObject({ action: "report.reopen", actor: "huyen.thoxuan" });
      expect(log[0]?.after).toMatchObject({ reason: "Xã đề nghị cập nhật số BHYT cuối năm" });
      await officer.report.saveValue({
        ...key,
        indicatorCode: "15.2",
        value: { kind: "boolean", period: "2024", value: true },
        expectedRowVersion: null,
      });
    });

    it("lists each commune's report state for the district, late and missing first", async () => {
      const district = await as("huyen.thoxuan");
      const query = { scopeCode: "THO-XUAN", setId: key.setId, period: "2024" };
      const onTime = await district.report.states({ ...query, asOf: "2025-01-20" });
      expect(onTime).toHaveLength(22);
      expect(onTime.every((s) => s.dueDate === "2025-01-25" && !s.late)).toBe(true);
      expect(onTime.filter((s) => s.missing)).toHaveLength(21);

      const after = await district.report.states({ ...query, asOf: "2025-02-01" });
      expect(after.filter((s) => s.late)).toHaveLength(22);
      expect(after.at(-1)).toMatchObject({
        unitCode: "THO-XUAN.XUAN-MINH",
        status: "draft",
        missing: false,
        late: true,
        asOf: "2025-02-01",
        daysLate: 7,
      });
      expect(onTime.every((s) => s.daysLate === 0)).toBe(true);
      await expect((await as("xa.xuanminh")).report.states(query)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    });

    it("reads today in Vietnam from the clock: due on the 25th, late from 00:00 on the 26th there", async () => {
      const query = { scopeCode: "THO-XUAN", setId: key.setId, period: "2024" };
      const statesAt = async (instant: string) =>
        (await as("huyen.thoxuan", { now: () => new Date(instant) })).report.states(query);
      // 23:59 on 25 January in Vietnam.
      const lastMinute = await statesAt("2025-01-25T16:59:00Z");
      expect(lastMinute.filter((s) => s.late)).toEqual([]);
      // 00:00 on the 26th in Vietnam, still the 25th in UTC.
      const midnight = await statesAt("2025-01-25T17:00:00Z");
      expect(midnight.filter((s) => s.late)).toHaveLength(22);
    });
  });

  describe("the reporting schedule", () => {
    it("asks by default for the period that ended last by the set's frequency", async () => {
      // The demo's NTM set is reported monthly, due on the 25th.
      const at = async (instant: string) =>
        (await as("huyen.thoxuan", { now: () => new Date(instant) })).report.states({
          scopeCode: "THO-XUAN",
          setId: key.setId,
        });
      const june = await at("2024-06-10T03:00:00Z");
      expect(new Set(june.map((s) => s.period))).toEqual(new Set(["2024-05"]));
      expect(june[0]!.dueDate).toBe("2024-06-25");
      expect(june.filter((s) => s.late)).toEqual([]);
      // From 1 January, Vietnam time, December is the period asked for.
      const newYear = await at("2024-12-31T17:30:00Z");
      expect(new Set(newYear.map((s) => s.period))).toEqual(new Set(["2024-12"]));
    });
  });

  describe("concurrency", () => {
    it("lets exactly one of many simultaneous writers of the same version win", async () => {
      const officer = await as("xa.xuanminh");
      const key2023 = { ...key, period: "2023" };
      const bhyt2023 = (n: number) => ({
        kind: "ratio" as const,
        period: "2023",
        numerator: n,
        denominator: 3200,
      });
      const first = await officer.report.saveValue({
        ...key2023,
        indicatorCode: "15.1",
        value: bhyt2023(2000),
        expectedRowVersion: null,
      });
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          officer.report.saveValue({
            ...key2023,
            indicatorCode: "15.1",
            value: bhyt2023(2100 + i),
            expectedRowVersion: first.value.rowVersion,
          }),
        ),
      );
      const won = attempts.filter((a) => a.status === "fulfilled");
      const lost = attempts.filter((a) => a.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost.every((a) => (a as PromiseRejectedResult).reason.code === "CONFLICT")).toBe(true);
      const stored = (await officer.report.get(key2023))!.values[0]!;
      expect(stored.rowVersion).toBe(2);
      expect(stored.value).toEqual(
        (won[0] as PromiseFulfilledResult<{ value: { value: unknown } }>).value.value.value,
      );
    });
  });

  describe("the unit page's verdict", () => {
    it("is parsed once per stored content, and a save shows the new verdict on the next read", async () => {
      const officer = await as("xa.xuanminh");
      const page = { ...key, period: "2025" };
      const value = (numerator: number) => ({ ...bhyt(numerator), period: "2025" });
      const first = await officer.report.saveValue({
        ...page,
        indicatorCode: "15.1",
        value: value(3000),
        expectedRowVersion: null,
      });
      const shown = await officer.report.get(page);
      const reads = shownVerdictReads();
      const again = await officer.report.get(page);
      expect(again?.verdict).toEqual(shown?.verdict);
      expect(shownVerdictReads()).toBe(reads);

      // 15.1 judged on another number: another content, read from the database.
      const second = await officer.report.saveValue({
        ...page,
        indicatorCode: "15.1",
        value: value(100),
        expectedRowVersion: first.value.rowVersion,
      });
      // The one-statement update hands the audit the value as it was.
      const log = await (await as("huyen.thoxuan")).audit.list({
        unitCode: "THO-XUAN.XUAN-MINH",
      });
      expect(log[0]).toMatchObject({
        action: "value.save",
        before: { value: value(3000), evidenceNote: null },
        after: { value: value(100) },
      });
      const after = await officer.report.get(page);
      expect(shownVerdictReads()).toBe(reads + 1);
      expect(after?.verdict?.summary).toBe(second.verdictSummary);
      const stored = await getStoredVerdict(env.handle.db, after!.report.id);
      expect(after?.verdict).toEqual(stored?.verdict);
      expect(after?.verdict).not.toEqual(shown?.verdict);
    });
  });
});
