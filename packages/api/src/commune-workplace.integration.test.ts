import { findUserForSignIn, insertEvidenceFile, listEvidenceFiles } from "@datchuan/db";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

const COMMUNE = "THO-XUAN.XUAN-MINH";
const OTHER_COMMUNE = "THO-XUAN.XUAN-TIN";
const SET = "ntm-xa-2021-2025";
const NEXT_SET = "ntm-xa-2026-2030";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;
  const task = {
    unitCode: COMMUNE,
    setId: SET,
    criterionNumber: 17,
    title: "Vận động hộ dân đấu nối nước sạch tập trung",
    owner: "Ông Lê Văn Minh (demo)",
    deadline: "2026-12-31",
    status: "todo" as const,
    note: null,
  };

  describe("the plan (planning.tasks, saveTask, deleteTask)", () => {
    it("lets the commune officer add, change and remove tasks, each at the version read", async () => {
      const clerk = await as("xa.xuanminh");
      const created = await clerk.planning.saveTask(task);
      const { unitCode: _unit, ...fields } = task;
      expect(created).toMatchObject({ ...fields, rowVersion: 1 });

      const doing = await clerk.planning.saveTask({
        ...task,
        id: created.id,
        status: "doing",
        expectedRowVersion: 1,
      });
      expect(doing).toMatchObject({ status: "doing", rowVersion: 2 });
      expect(await clerk.planning.tasks({ unitCode: COMMUNE, setId: SET })).toEqual([doing]);

      // Someone who read version 1 loses the race and gets the stored task back.
      const stale = clerk.planning.saveTask({
        ...task,
        id: created.id,
        status: "done",
        expectedRowVersion: 1,
      });
      await expect(stale).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(stale).rejects.toHaveProperty("cause.current.status", "doing");
      expect(
        await codeOf(clerk.planning.deleteTask({ id: created.id, expectedRowVersion: 1 })),
      ).toBe("CONFLICT");

      expect(await clerk.planning.deleteTask({ id: created.id, expectedRowVersion: 2 })).toEqual({
        id: created.id,
      });
      expect(await clerk.planning.tasks({ unitCode: COMMUNE, setId: SET })).toEqual([]);
      expect(
        await codeOf(clerk.planning.deleteTask({ id: created.id, expectedRowVersion: 2 })),
      ).toBe("NOT_FOUND");

      const log = await (await as("quantri")).audit.list({ unitCode: COMMUNE });
      const actions = log.map((e) => e.action).filter((a) => a.startsWith("plan_task."));
      expect(actions).toEqual(["plan_task.delete", "plan_task.update", "plan_task.create"]);
    });

    it("orders a commune's tasks by criterion, then deadline", async () => {
      const admin = await as("huyen.thoxuan");
      const late = await admin.planning.saveTask({ ...task, criterionNumber: 5, deadline: null });
      const soon = await admin.planning.saveTask({ ...task, criterionNumber: 5 });
      const first = await admin.planning.saveTask({ ...task, criterionNumber: 2 });
      const listed = await (await as("yte.thoxuan")).planning.tasks({
        unitCode: COMMUNE,
        setId: SET,
      });
      expect(listed.map((t) => t.id)).toEqual([first.id, soon.id, late.id]);
      for (const t of listed) await admin.planning.deleteTask({ id: t.id, expectedRowVersion: 1 });
    });

    it("lets reviewers read the plan but not change it; a village officer sees none of it", async () => {
      const created = await (await as("xa.xuanminh")).planning.saveTask(task);
      const reviewer = await as("yte.thoxuan");
      expect(await reviewer.planning.tasks({ unitCode: COMMUNE, setId: SET })).toHaveLength(1);
      const village = await as("thon1.xuanminh");
      expect(await codeOf(village.planning.tasks({ unitCode: COMMUNE, setId: SET }))).toBe(
        "FORBIDDEN",
      );
      for (const reader of [reviewer, village]) {
        expect(await codeOf(reader.planning.saveTask(task))).toBe("FORBIDDEN");
        expect(
          await codeOf(reader.planning.deleteTask({ id: created.id, expectedRowVersion: 1 })),
        ).toBe("FORBIDDEN");
      }
      const clerk = await as("xa.xuanminh");
      expect(await codeOf(clerk.planning.saveTask({ ...task, unitCode: OTHER_COMMUNE }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(clerk.planning.tasks({ unitCode: OTHER_COMMUNE, setId: SET }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf((await as(null)).planning.tasks({ unitCode: COMMUNE, setId: SET }))).toBe(
        "UNAUTHORIZED",
      );
      await clerk.planning.deleteTask({ id: created.id, expectedRowVersion: 1 });
    });

    it("refuses a task without a title or owner, or with an impossible deadline, in Vietnamese", async () => {
      const clerk = await as("xa.xuanminh");
      await expect(clerk.planning.saveTask({ ...task, title: "  " })).rejects.toThrow(
        /Nhập việc cần làm/u,
      );
      await expect(clerk.planning.saveTask({ ...task, owner: "" })).rejects.toThrow(
        /Nhập người phụ trách/u,
      );
      expect(await codeOf(clerk.planning.saveTask({ ...task, deadline: "2026-02-30" }))).toBe(
        "BAD_REQUEST",
      );
      expect(await codeOf(clerk.planning.saveTask({ ...task, unitCode: "THO-XUAN" }))).toBe(
        "BAD_REQUEST",
      );
    });
  });

  describe("report.deleteEvidence", () => {
    it("removes a file from a draft value, for those who may enter values only", async () => {
      const clerk = await as("xa.xuanminh");
      const { value } = await clerk.report.saveValue({
        unitCode: COMMUNE,
        setId: SET,
        period: "2023",
        indicatorCode: "3.2",
        value: { kind: "boolean", period: "2023", value: true },
        expectedRowVersion: null,
      });
      const file = await insertEvidenceFile(env.handle.db, {
        indicatorValueId: value.id,
        fileName: "nhầm.pdf",
        contentType: "application/pdf",
        content: Buffer.from("%PDF-1.4\n%%EOF\n"),
        uploadedBy: (await findUserForSignIn(env.handle.db, "xa.xuanminh"))!.id,
      });
      expect(
        await codeOf((await as("yte.thoxuan")).report.deleteEvidence({ fileId: file.id })),
      ).toBe("FORBIDDEN");
      expect(await clerk.report.deleteEvidence({ fileId: file.id })).toEqual({ id: file.id });
      expect(await listEvidenceFiles(env.handle.db, value.id)).toEqual([]);
      expect(await codeOf(clerk.report.deleteEvidence({ fileId: file.id }))).toBe("NOT_FOUND");
      const log = await (await as("quantri")).audit.list({ unitCode: COMMUNE });
      expect(log.find((e) => e.action === "evidence.delete")).toMatchObject({
        entityId: file.id,
        before: { fileName: "nhầm.pdf", indicatorValueId: value.id },
      });

      // Sent for review, the evidence is what reviewers judge: it stays.
      const kept = await insertEvidenceFile(env.handle.db, {
        indicatorValueId: value.id,
        fileName: "giữ.pdf",
        contentType: "application/pdf",
        content: Buffer.from("%PDF-1.4\n%%EOF\n"),
        uploadedBy: (await findUserForSignIn(env.handle.db, "xa.xuanminh"))!.id,
      });
      const got = await clerk.report.get({ unitCode: COMMUNE, setId: SET, period: "2023" });
      await clerk.report.submit({
        unitCode: COMMUNE,
        setId: SET,
        period: "2023",
        expectedRowVersion: got!.report.rowVersion,
      });
      expect(await codeOf(clerk.report.deleteEvidence({ fileId: kept.id }))).toBe(
        "PRECONDITION_FAILED",
      );
    });
  });

  describe("commune.home", () => {
    const at = (iso: string) => () => new Date(iso);

    it("says what is due and when by the server's date in Vietnam, and what was returned", async () => {
      // 2026-11-25 18:00 UTC is already the 26th in Vietnam.
      const late = await (
        await as("xa.xuanminh", { now: at("2026-11-25T18:00:00Z") })
      ).commune.home({ unitCode: COMMUNE });
      expect(late.today).toBe("2026-11-26");
      // The 2021–2025 set ended on 31/12/2025: no later month is due under it. Its card shows
      // its last month (never sent) and its standing at its end, and names the set in force.
      const ntm = late.sets.find((s) => s.setId === SET)!;
      expect(ntm.ended).toEqual({
        on: "2025-12-31",
        inForce: [{ setId: NEXT_SET, title: expect.stringContaining("2026-2030") }],
      });
      expect(ntm.due).toMatchObject({
        period: "2025-12",
        dueDate: "2026-01-25",
        sent: false,
        late: true,
      });
      // The report of 2023 submitted above has a verdict: the standing on that date.
      expect(ntm.standing).toMatchObject({ period: "2023", signed: false });
      expect(ntm.standing!.criteriaTotal).toBeGreaterThan(0);

      // The set in force took over: reported yearly by default, its first year is due next.
      const next = late.sets.find((s) => s.setId === NEXT_SET)!;
      expect(next).toMatchObject({ ended: null, registered: false, standing: null });
      expect(next.due).toMatchObject({ period: "2026", dueDate: "2027-01-25", late: false });

      // Reported monthly, October's report under the set in force is a day late.
      await (await as("quantri")).report.setSchedule({
        setId: NEXT_SET,
        frequency: "month",
        dueDay: 25,
        expected: { frequency: "year", dueDay: 25 },
      });
      const monthly = await (
        await as("xa.xuanminh", { now: at("2026-11-25T18:00:00Z") })
      ).commune.home({ unitCode: COMMUNE });
      expect(monthly.sets.find((s) => s.setId === NEXT_SET)!.due).toMatchObject({
        period: "2026-10",
        dueDate: "2026-11-25",
        sent: false,
        late: true,
        daysLate: 1,
      });
      expect(monthly.sets.find((s) => s.setId === SET)!.due.period).toBe("2025-12");

      const early = await (
        await as("xa.xuanminh", { now: at("2026-11-20T03:00:00Z") })
      ).commune.home({ unitCode: COMMUNE });
      expect(early.sets.find((s) => s.setId === NEXT_SET)!.due).toMatchObject({
        late: false,
        daysLeft: 5,
      });

      // While the 2021–2025 set was in force, the last ended month was the one due, and no
      // set had taken over.
      const before = await (
        await as("xa.xuanminh", { now: at("2025-11-20T03:00:00Z") })
      ).commune.home({ unitCode: COMMUNE });
      expect(before.sets.find((s) => s.setId === SET)).toMatchObject({
        ended: null,
        due: { period: "2025-10", dueDate: "2025-11-25", late: false, daysLeft: 5 },
      });
      expect(before.sets.map((s) => s.setId)).not.toContain(NEXT_SET);

      // A reviewer returns the value with a reason: it waits on the home for a fix.
      const admin = await as("quantri");
      const report = await admin.report.get({ unitCode: COMMUNE, setId: SET, period: "2023" });
      const value = report!.values.find((v) => v.indicatorCode === "3.2")!;
      await admin.report.review({
        valueId: value.id,
        decision: "returned",
        reason: "Thiếu biên bản nghiệm thu",
        expectedRowVersion: value.rowVersion,
      });
      const home = await (await as("xa.xuanminh")).commune.home({ unitCode: COMMUNE });
      expect(home.sets.find((s) => s.setId === SET)!.returned).toEqual([
        expect.objectContaining({
          period: "2023",
          indicatorCode: "3.2",
          reason: "Thiếu biên bản nghiệm thu",
        }),
      ]);
    });

    it("shows a registration's target year, and reads only for readers of the commune", async () => {
      await (await as("huyen.thoxuan")).planning.register({
        unitCode: COMMUNE,
        setId: "ntm-nang-cao-xa-2021-2025",
        targetYear: 2027,
        expectedRowVersion: null,
      });
      const home = await (await as("xa.xuanminh")).commune.home({ unitCode: COMMUNE });
      expect(home.sets.find((s) => s.setId === "ntm-nang-cao-xa-2021-2025")).toMatchObject({
        registered: true,
        targetYear: 2027,
        standing: null,
      });
      expect(
        await codeOf((await as("xa.xuanminh")).commune.home({ unitCode: OTHER_COMMUNE })),
      ).toBe("FORBIDDEN");
      expect(await codeOf((await as(null)).commune.home({ unitCode: COMMUNE }))).toBe(
        "UNAUTHORIZED",
      );
    });

    it("explains the latest verdict with the indicators' names, and one indicator across periods", async () => {
      const clerk = await as("xa.xuanminh");
      const card = await clerk.commune.scorecard({ unitCode: COMMUNE, setId: SET });
      expect(card).toMatchObject({ period: "2023" });
      expect(card!.indicators.find((i) => i.code === "17.1")?.name).toBeTruthy();
      const history = await clerk.commune.criterionHistory({
        unitCode: COMMUNE,
        setId: SET,
        criterion: 3,
      });
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ period: "2023" });
      expect(history[0]!.indicators).toContainEqual(
        expect.objectContaining({ code: "3.2", status: "met" }),
      );
    });
  });
});
