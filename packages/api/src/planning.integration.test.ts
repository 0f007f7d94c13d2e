import { getStoredVerdict } from "@datchuan/db";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { describe, expect, it } from "vitest";
import { runPendingJobs } from "./services/reevaluation";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  /** A new version of the national set, as an admin would enter an amendment. Test data only. */
  function amendedNtmSet(version: string) {
    const { official: _note, ...set } = getOfficialCriteriaSet("ntm-xa-2021-2025")!;
    const criteria = set.criteria.map((criterion) => ({
      ...criterion,
      indicators: criterion.indicators.map((indicator) =>
        indicator.code === "15.1"
          ? {
              ...indicator,
              kind: "ratio" as const,
              numeratorLabel: "người tham gia BHYT",
              denominatorLabel: "người",
              thresholds: [
                { value: 95, provenance: { source: "test amendment", verified: false } },
              ],
            }
          : indicator,
      ),
    }));
    return { ...set, version, criteria };
  }

  describe("criteria sets", () => {
    it("loads the official sets as published and shows them to the public", async () => {
      const list = await (await as(null)).criteriaSet.list();
      expect(list.map((s) => s.setId)).toEqual(
        expect.arrayContaining([
          "ntm-xa-2021-2025",
          "ntm-nang-cao-xa-2021-2025",
          "ntm-kieu-mau-xa-2021-2025",
          "ntm-xa-2026-2030",
        ]),
      );
      expect(list.every((s) => s.status === "published" && s.official === "official")).toBe(true);
    });

    it("keeps national drafts to system admins and local drafts to their unit's admins", async () => {
      const district = await as("huyen.thoxuan");
      await expect(
        district.criteriaSet.createDraft({ definition: amendedNtmSet("x1"), ownerUnitCode: null }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const local = await district.criteriaSet.createDraft({
        definition: { ...amendedNtmSet("tx-2024"), id: "ntm-xa-tho-xuan" },
        ownerUnitCode: "THO-XUAN",
      });
      expect(local.status).toBe("draft");
      await expect(
        district.criteriaSet.createDraft({
          definition: amendedNtmSet("x2"),
          ownerUnitCode: "THANH-HOA",
        }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect((await (await as(null)).criteriaSet.list()).some((s) => s.status === "draft")).toBe(
        false,
      );
      await expect((await as(null)).criteriaSet.get({ id: local.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    });

    it("refuses an invalid definition and a version that exists", async () => {
      const admin = await as("quantri");
      await expect(
        admin.criteriaSet.createDraft({ definition: { id: "x" }, ownerUnitCode: null }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await expect(
        admin.criteriaSet.createDraft({
          definition: amendedNtmSet("2022-03-08"),
          ownerUnitCode: null,
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
    });

    it("publishes a new version immutably and re-evaluates the reports of the set", async () => {
      const officer = await as("xa.xuanminh");
      const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024" };
      await officer.report.saveValue({
        ...key,
        indicatorCode: "15.1",
        value: { kind: "ratio", period: "2024", numerator: 2900, denominator: 3200 },
        expectedRowVersion: null,
      });
      const report = (await officer.report.get(key))!.report;
      const statusOf151 = async () =>
        (await getStoredVerdict(env.handle.db, report.id))?.verdict.criteria
          .find((c) => c.number === 15)
          ?.indicators.find((i) => i.code === "15.1");
      expect((await statusOf151())?.status).toBe("no_threshold");

      const admin = await as("quantri");
      const draft = await admin.criteriaSet.createDraft({
        definition: amendedNtmSet("2024-test"),
        ownerUnitCode: null,
      });
      const edited = await admin.criteriaSet.updateDraft({
        id: draft.id,
        definition: amendedNtmSet("2024-test"),
        expectedRowVersion: 1,
      });
      await expect(
        admin.criteriaSet.updateDraft({
          id: draft.id,
          definition: amendedNtmSet("2024-test"),
          expectedRowVersion: 1,
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      const published = await admin.criteriaSet.publish({
        id: draft.id,
        expectedRowVersion: edited.rowVersion,
      });
      expect(published.reevaluation.total).toBe(1);
      // The publish only enqueued the work; the API process's worker does it (here, by hand).
      await runPendingJobs(env.handle.db);

      const verdict = await statusOf151();
      expect(verdict).toMatchObject({ status: "not_met" });
      // 2 900 of 3 200 is 90,625 %; 95 % needs 3 040 people: 140 more.
      expect(verdict?.status === "not_met" && verdict.gap).toMatchObject({
        kind: "count",
        amount: 140,
      });
      expect(verdict?.status === "not_met" && verdict.gap.text).toMatch(/140 người tham gia BHYT/u);

      await expect(
        admin.criteriaSet.updateDraft({
          id: draft.id,
          definition: amendedNtmSet("2024-test"),
          expectedRowVersion: published.rowVersion,
        }),
      ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    });
  });

  describe("registrations and targets", () => {
    it("registers a commune's target year, moves it with a version check, and audits both", async () => {
      const district = await as("huyen.thoxuan");
      const input = { unitCode: "THO-XUAN.THUAN-MINH", setId: "ntm-xa-2021-2025", note: null };
      const created = await district.planning.register({
        ...input,
        targetYear: 2024,
        expectedRowVersion: null,
      });
      await expect(
        district.planning.register({ ...input, targetYear: 2025, expectedRowVersion: null }),
      ).rejects.toMatchObject({
        code: "CONFLICT",
      });
      const moved = await district.planning.register({
        ...input,
        targetYear: 2025,
        note: "Lùi sang 2025",
        expectedRowVersion: created.rowVersion,
      });
      expect(moved).toMatchObject({ targetYear: 2025, rowVersion: 2 });
      const log = await district.audit.list({ unitCode: "THO-XUAN.THUAN-MINH" });
      expect(log[0]).toMatchObject({ action: "registration.move", before: { targetYear: 2024 } });

      const publicList = await (await as(null)).planning.registrations({ scopeCode: "THO-XUAN" });
      expect(publicList).toEqual([
        expect.objectContaining({ unitName: "Thuận Minh", targetYear: 2025 }),
      ]);
      await expect(
        (await as("xa.xuanminh")).planning.register({
          ...input,
          unitCode: "THO-XUAN.XUAN-MINH",
          targetYear: 2024,
          expectedRowVersion: null,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });

    it("sets yearly district targets", async () => {
      const district = await as("huyen.thoxuan");
      const income = {
        unitCode: "THO-XUAN",
        year: 2024,
        metric: "income",
        label: "Thu nhập bình quân đầu người",
        comparator: "gte" as const,
        value: 64,
        unitOfMeasure: "triệu đồng/người/năm",
      };
      await district.planning.setTarget({ ...income, expectedRowVersion: null });
      await district.planning.setTarget({ ...income, value: 65.5, expectedRowVersion: 1 });
      await expect(
        district.planning.setTarget({ ...income, value: 70, expectedRowVersion: 1 }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      const targets = await (await as(null)).planning.targets({ unitCode: "THO-XUAN", year: 2024 });
      expect(targets).toEqual([
        expect.objectContaining({ metric: "income", value: 65.5, actual: null }),
      ]);
    });

    it("records the year's actual result beside the target, with its source, audited", async () => {
      const district = await as("huyen.thoxuan");
      const saved = await district.planning.setTarget({
        unitCode: "THO-XUAN",
        year: 2024,
        metric: "income",
        label: "Thu nhập bình quân đầu người",
        comparator: "gte",
        value: 65.5,
        unitOfMeasure: "triệu đồng/người/năm",
        actual: 63.2,
        actualSource: "Báo cáo thống kê huyện năm 2024 (minh họa)",
        expectedRowVersion: 2,
      });
      expect(saved).toMatchObject({ actual: 63.2, rowVersion: 3 });
      const log = await district.audit.list({ unitCode: "THO-XUAN" });
      expect(log[0]).toMatchObject({ action: "target.save" });
      expect(log[0]?.before).toMatchObject({ actual: null });
      expect(log[0]?.after).toMatchObject({ actual: 63.2 });
      await expect(
        (await as("xa.xuanminh")).planning.setTarget({
          unitCode: "THO-XUAN",
          year: 2024,
          metric: "income",
          label: "x",
          comparator: "gte",
          value: 1,
          unitOfMeasure: "",
          actual: 99,
          expectedRowVersion: 3,
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    });
  });
});
