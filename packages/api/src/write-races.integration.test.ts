import { getReportingSchedule } from "@datchuan/db";
import { auditEvent } from "@datchuan/db/schema";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * The version-checked writes of plans, users, the review inbox and targets, raced on
 * PostgreSQL by separate callers over the handle's pool (up to ten connections), as two people
 * pressing "Lưu" on the same row at once. Each race: exactly one wins, the other is told
 * CONFLICT (never silently overwritten), and the stored row and the audit log tell one story.
 * PGlite runs one transaction at a time, so only a real server shows a missing predicate.
 */
const postgres = (await testDatabases()).find((database) => database.name === "PostgreSQL");
if (!postgres) console.warn("Write race tests skipped: they need PostgreSQL (see above).");

const ROUNDS = 5;
const SET_ID = "ntm-xa-2021-2025";
const COMMUNE = "THO-XUAN.XUAN-MINH";

type Settled = PromiseSettledResult<unknown>;
const won = (outcomes: Settled[]) => outcomes.filter((o) => o.status === "fulfilled");
const lost = (outcomes: Settled[]) =>
  outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");

/** Exactly one of the racers wins; every other is refused as `code`. Returns the winner's index. */
function expectOneWinner(outcomes: Settled[], code = "CONFLICT"): number {
  expect(won(outcomes)).toHaveLength(1);
  for (const loser of lost(outcomes)) expect(loser.reason).toMatchObject({ code });
  return outcomes.findIndex((o) => o.status === "fulfilled");
}

describe.runIf(postgres)("version-checked writes raced on PostgreSQL", () => {
  const env = useTestDatabase(postgres!);
  const as = env.as;
  /** Callers of their own, as separate people would be; each write is its own transaction. */
  const callers = (username: string, count: number) =>
    Promise.all(Array.from({ length: count }, () => as(username)));
  const auditOf = (entityId: string) =>
    env.handle.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.entityId, entityId))
      .orderBy(asc(auditEvent.id));

  it("plan tasks: two saves at one version, one conflict; a save racing a delete, one wins", async () => {
    const officer = await as("xa.xuanminh");
    const base = {
      unitCode: COMMUNE,
      setId: SET_ID,
      criterionNumber: 15,
      owner: "Trạm y tế xã",
      deadline: "2026-12-31",
      status: "todo" as const,
      note: null,
    };
    for (let round = 0; round < ROUNDS; round++) {
      const task = await officer.planning.saveTask({ ...base, title: `Vận động BHYT ${round}` });
      const titles = ["Bản của chị Lan", "Bản của anh Minh", "Bản của chị Hoa"];
      const editors = await callers("xa.xuanminh", titles.length);
      const outcomes = await Promise.allSettled(
        titles.map((title, i) =>
          editors[i]!.planning.saveTask({
            ...base,
            title,
            id: task.id,
            expectedRowVersion: task.rowVersion,
          }),
        ),
      );
      const winner = expectOneWinner(outcomes);
      const stored = (await officer.planning.tasks({ unitCode: COMMUNE, setId: SET_ID })).find(
        (t) => t.id === task.id,
      )!;
      expect(stored).toMatchObject({ title: titles[winner], rowVersion: task.rowVersion + 1 });
      const updates = (await auditOf(task.id)).filter((e) => e.action === "plan_task.update");
      expect(updates).toHaveLength(1);
      expect(updates[0]!.after).toMatchObject({ title: titles[winner] });
      expect(updates[0]!.before).toMatchObject({ title: task.title });

      // The stored version, saved by one and deleted by another at once.
      const [saver, deleter] = await callers("xa.xuanminh", 2);
      const raced = await Promise.allSettled([
        saver!.planning.saveTask({
          ...base,
          title: "Sửa muộn",
          id: task.id,
          expectedRowVersion: stored.rowVersion,
        }),
        deleter!.planning.deleteTask({ id: task.id, expectedRowVersion: stored.rowVersion }),
      ]);
      // A delete that commits before the save reads the task leaves nothing to save: the save is
      // told the task is gone (NOT_FOUND); reading it first, it is told of the conflict.
      expect(won(raced)).toHaveLength(1);
      const first = raced.findIndex((o) => o.status === "fulfilled");
      const loser = lost(raced)[0]!;
      if (first === 0) expect(loser.reason).toMatchObject({ code: "CONFLICT" });
      else expect(["CONFLICT", "NOT_FOUND"]).toContain((loser.reason as { code: string }).code);
      const left = (await officer.planning.tasks({ unitCode: COMMUNE, setId: SET_ID })).find(
        (t) => t.id === task.id,
      );
      const events = (await auditOf(task.id)).map((e) => e.action);
      if (first === 0) {
        expect(left).toMatchObject({ title: "Sửa muộn", rowVersion: stored.rowVersion + 1 });
        expect(events).toEqual(["plan_task.create", "plan_task.update", "plan_task.update"]);
      } else {
        expect(left).toBeUndefined();
        expect(events).toEqual(["plan_task.create", "plan_task.update", "plan_task.delete"]);
      }
    }
  });

  it("users: an edit, a disabling and a password reset at one version, one wins", async () => {
    const admin = await as("huyen.thoxuan");
    for (let round = 0; round < ROUNDS; round++) {
      const created = await admin.user.create({
        username: `dua.tranh.${round}`,
        displayName: "Cán bộ thử",
        password: "mat-khau-ban-dau",
        role: "commune_officer",
        scopeCode: COMMUNE,
        department: null,
      });
      const user = (await admin.user.list()).find((u) => u.id === created.id)!;
      const [editor, disabler, resetter] = await callers("huyen.thoxuan", 3);
      const outcomes = await Promise.allSettled([
        editor!.user.update({
          userId: user.id,
          expectedVersion: user.version,
          displayName: "Tên mới",
          role: "commune_officer",
          scopeCode: COMMUNE,
          department: null,
        }),
        disabler!.user.setDisabled({
          userId: user.id,
          disabled: true,
          expectedVersion: user.version,
        }),
        resetter!.user.resetPassword({
          userId: user.id,
          newPassword: "mat-khau-moi-dat",
          expectedVersion: user.version,
        }),
      ]);
      const winner = expectOneWinner(outcomes);
      const stored = (await admin.user.list()).find((u) => u.id === user.id)!;
      expect(stored.version).toBe(user.version + 1);
      expect(stored.displayName).toBe(winner === 0 ? "Tên mới" : "Cán bộ thử");
      expect(stored.active).toBe(winner !== 1);
      const actions = (await auditOf(user.id)).map((e) => e.action);
      expect(actions).toEqual([
        "user.create",
        ["user.update", "user.disable", "user.reset_password"][winner],
      ]);
    }
  });

  it("inbox: accepting the rest never accepts a value another reviewer returned at once", async () => {
    const officer = await as("quantri");
    const communes = (await officer.unit.children({ code: "THO-XUAN" })).slice(0, ROUNDS);
    for (const { code: unitCode } of communes) {
      const key = { unitCode, setId: SET_ID, period: "2024" };
      for (const indicatorCode of ["3.2", "15.2"])
        await officer.report.saveValue({
          ...key,
          indicatorCode,
          value: { kind: "boolean", period: "2024", value: true },
          expectedRowVersion: null,
        });
      const draft = (await officer.report.get(key))!.report;
      await officer.report.submit({ ...key, expectedRowVersion: draft.rowVersion });
      const sheet = (await officer.report.get(key))!;
      const returned = sheet.values.find((v) => v.indicatorCode === "15.2")!;
      const [accepter, returner] = await callers("quantri", 2);
      const outcomes = await Promise.allSettled([
        accepter!.report.acceptRemaining({
          reportId: sheet.report.id,
          values: sheet.values.map((v) => ({ valueId: v.id, expectedRowVersion: v.rowVersion })),
        }),
        returner!.report.review({
          valueId: returned.id,
          decision: "returned",
          reason: "Thiếu danh sách người tham gia",
          expectedRowVersion: returned.rowVersion,
        }),
      ]);
      const winner = expectOneWinner(outcomes);
      const after = (await officer.report.get(key))!;
      const statuses = Object.fromEntries(
        after.values.map((v) => [v.indicatorCode, v.reviewStatus]),
      );
      const events = (await Promise.all(after.values.map((v) => auditOf(v.id))))
        .flat()
        .filter((e) => e.action === "value.accept" || e.action === "value.return")
        .map((e) => e.action)
        .sort();
      if (winner === 0) {
        expect(statuses).toEqual({ "3.2": "accepted", "15.2": "accepted" });
        expect(after.report).toMatchObject({ status: "accepted", locked: true });
        expect(events).toEqual(["value.accept", "value.accept"]);
      } else {
        // All or nothing: the other value still waits, and the report goes back to the commune.
        expect(statuses).toEqual({ "3.2": "submitted", "15.2": "returned" });
        expect(after.report).toMatchObject({ status: "returned", locked: false });
        expect(events).toEqual(["value.return"]);
      }
    }
  });

  it("targets: two edits of a year's actual at one version, one conflict", async () => {
    const admin = await as("huyen.thoxuan");
    for (let round = 0; round < ROUNDS; round++) {
      const target = {
        unitCode: COMMUNE,
        year: 2026,
        metric: `thu_nhap_${round}`,
        label: "Thu nhập bình quân đầu người",
        comparator: "gte" as const,
        value: 60,
        unitOfMeasure: "triệu đồng/người/năm",
      };
      const created = await admin.planning.setTarget({ ...target, expectedRowVersion: null });
      const actuals = [58.5, 61.2, 63];
      const editors = await callers("huyen.thoxuan", actuals.length);
      const outcomes = await Promise.allSettled(
        actuals.map((actual, i) =>
          editors[i]!.planning.setTarget({
            ...target,
            actual,
            actualSource: `Báo cáo thống kê số ${i + 1}`,
            expectedRowVersion: created.rowVersion,
          }),
        ),
      );
      const winner = expectOneWinner(outcomes);
      const stored = (await admin.planning.targets({ unitCode: COMMUNE, year: 2026 })).find(
        (t) => t.metric === target.metric,
      )!;
      expect(stored).toMatchObject({
        actual: actuals[winner],
        rowVersion: created.rowVersion + 1,
      });
      const saves = await auditOf(created.id);
      expect(saves.map((e) => e.action)).toEqual(["target.save", "target.save"]);
      expect(saves[1]!.before).toMatchObject({ actual: null });
      expect(saves[1]!.after).toMatchObject({ actual: actuals[winner] });
    }
  });

  it("schedules: two changes from one reading, one saved and audited, the other conflicts", async () => {
    const changes = [
      { frequency: "quarter" as const, dueDay: 10 },
      { frequency: "year" as const, dueDay: 20 },
    ];
    for (let round = 0; round < ROUNDS; round++) {
      const { frequency, dueDay } = await (await as(null)).report.schedule({ setId: SET_ID });
      const before = (await auditOf(SET_ID)).filter((e) => e.action === "schedule.save");
      const existing = await getReportingSchedule(env.handle.db, SET_ID);
      const admins = await callers("quantri", changes.length);
      const outcomes = await Promise.allSettled(
        changes.map((change, i) =>
          admins[i]!.report.setSchedule({
            setId: SET_ID,
            ...change,
            dueDay: change.dueDay + round,
            expected: { frequency, dueDay },
          }),
        ),
      );
      const winner = expectOneWinner(outcomes);
      const stored = await (await as(null)).report.schedule({ setId: SET_ID });
      expect(stored).toMatchObject({
        frequency: changes[winner]!.frequency,
        dueDay: changes[winner]!.dueDay + round,
      });
      // One save logged, from what both read (no row while the default applied) to what is stored.
      const events = (await auditOf(SET_ID)).filter((e) => e.action === "schedule.save");
      expect(events).toHaveLength(before.length + 1);
      const saved = events.at(-1)!;
      if (existing) expect(saved.before).toMatchObject({ frequency, dueDay });
      else expect(saved.before).toBeNull();
      expect(saved.after).toMatchObject(stored);
    }
  });
});
