import {
  findUserForSignIn,
  getOrCreateReport,
  getUnitRef,
  saveIndicatorValue,
  submitReport,
} from "@datchuan/db";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { type Action, can } from "@datchuan/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, viewerFor } from "./testing";
import type { Viewer } from "./trpc";

/**
 * Every role × action × unit through the real procedures: each grant gets past authorisation,
 * each denial is FORBIDDEN (UNAUTHORIZED for the public). The policy's own table of expected
 * grants is pinned in packages/domain/src/access.test.ts.
 */
let handle: DatabaseHandle;
const viewers = new Map<string, Viewer | null>();
const valueIds = new Map<string, string>();
const reportIds = new Map<string, string>();

const USERS = [
  null,
  "quantri",
  "huyen.thoxuan",
  "yte.thoxuan",
  "xa.xuanminh",
  "thon1.xuanminh",
] as const;
const UNITS = [
  "THANH-HOA",
  "THO-XUAN",
  "THO-XUAN.XUAN-MINH",
  "THO-XUAN.XUAN-MINH.THON-1",
  "THO-XUAN.XUAN-TIN",
] as const;
const setId = "ntm-xa-2021-2025";
let counter = 0;
const unique = () => `m${++counter}`;

function minimalSet(id: string) {
  return {
    id,
    version: "1",
    title: "Bộ thử",
    level: "commune",
    effective: { from: "2024-01-01" },
    legalBasis: [{ source: "thử" }],
    groups: [{ id: "G", name: "Nhóm" }],
    criteria: [
      {
        number: 1,
        name: "Tiêu chí thử",
        group: "G",
        provenance: { source: "thử", verified: false },
        indicators: [
          {
            code: "1.1",
            name: "Chỉ tiêu thử",
            kind: "boolean",
            unitOfMeasure: "",
            thresholds: [],
            provenance: { source: "thử", verified: false },
          },
        ],
      },
    ],
  };
}

/** One procedure call per action, aimed at one unit. */
const calls: Record<
  Action,
  (caller: ReturnType<typeof callerFor>, unitCode: string) => Promise<unknown>
> = {
  "unit.manage": (c, unitCode) =>
    c.unit.setAttribute({
      code: unitCode,
      name: "matrix",
      value: "x",
      effectiveFrom: "2024-01-01",
      // After the first allowed caller set it, later ones conflict: still not refused access.
      expected: null,
    }),
  "user.manage": (c, unitCode) =>
    c.user.create({
      username: `user.${unique()}`,
      displayName: "Thử",
      password: "mat-khau-dai-du",
      role: "commune_officer",
      scopeCode: unitCode,
      department: null,
    }),
  "criteria_set.manage": (c, unitCode) =>
    c.criteriaSet.createDraft({
      definition: minimalSet(`set-${unique()}`),
      ownerUnitCode: unitCode,
    }),
  "target.manage": (c, unitCode) =>
    c.planning.setTarget({
      unitCode,
      year: 2024,
      metric: `m_${unique()}`,
      label: "Thử",
      comparator: "gte",
      value: 1,
      unitOfMeasure: "%",
      expectedRowVersion: null,
    }),
  "value.read_draft": (c, unitCode) =>
    c.report.states({ scopeCode: unitCode, setId, period: "2024" }),
  "value.enter": (c, unitCode) =>
    c.report.saveValue({
      unitCode,
      setId,
      period: "2025",
      indicatorCode: "3.2",
      value: { kind: "boolean", period: "2025", value: true },
      expectedRowVersion: null,
    }),
  "report.submit": (c, unitCode) =>
    c.report.submit({ unitCode, setId, period: "2026", expectedRowVersion: 1 }),
  "value.review": (c, unitCode) =>
    c.report.review({
      valueId: valueIds.get(unitCode)!,
      decision: "accepted",
      expectedRowVersion: 999,
    }),
  "report.reopen": (c, unitCode) =>
    c.report.reopen({
      reportId: reportIds.get(unitCode)!,
      reason: "Kiểm tra quyền",
      expectedRowVersion: 999,
    }),
  "audit.read": (c, unitCode) => c.audit.list({ unitCode }),
  "bulletin.publish": (c, unitCode) => c.bulletin.list({ unitCode }),
  // Schedules are nationwide: the unit plays no part, the target is the root.
  "period.manage": (c) =>
    c.report.setSchedule({
      setId,
      frequency: "month",
      dueDay: 25,
      // The demo's schedule, kept as it is: every allowed caller's save goes through.
      expected: { frequency: "month", dueDay: 25 },
    }),
};

beforeAll(async () => {
  handle = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(handle, { seedDemoData: true });
  for (const username of USERS) {
    const user = username ? await findUserForSignIn(handle.db, username) : null;
    viewers.set(String(username), user ? await viewerFor(handle.db, user) : null);
  }
  // Each unit gets a submitted value of criterion 15 (owned by "Y tế" in Thọ Xuân) to review.
  // The commune set takes communes' values only, so they are written straight to the database:
  // this table is about who may review and reopen them, not how they were entered.
  const admin = viewers.get("quantri")!;
  for (const unitCode of UNITS) {
    const ref = (await getUnitRef(handle.db, unitCode))!;
    await handle.db.transaction(async (tx) => {
      const report = await getOrCreateReport(tx, { unitId: ref.id, setId, period: "2024" });
      const saved = await saveIndicatorValue(tx, {
        reportId: report.id,
        indicatorCode: "15.2",
        value: { kind: "boolean", period: "2024", value: true },
        evidenceNote: null,
        enteredBy: admin.id,
        expectedRowVersion: null,
      });
      if (saved.outcome !== "saved") throw new Error(`could not seed a value for ${unitCode}`);
      await submitReport(tx, {
        reportId: report.id,
        userId: admin.id,
        expectedRowVersion: report.rowVersion,
      });
      valueIds.set(unitCode, saved.value.id);
      reportIds.set(unitCode, report.id);
    });
  }
});
afterAll(async () => {
  await handle?.close();
});

const cases = USERS.flatMap((user) =>
  Object.keys(calls).flatMap((action) =>
    UNITS.map((unit) => ({ user: String(user), action: action as keyof typeof calls, unit })),
  ),
);

describe("role × action × unit through the procedures", () => {
  it.each(cases)("$user · $action · $unit", async ({ user, action, unit }) => {
    const viewer = viewers.get(user) ?? null;
    const ref = (await getUnitRef(handle.db, unit))!;
    const department = unit.startsWith("THO-XUAN") ? "Y tế" : null;
    const target =
      action === "period.manage"
        ? { unitPath: "/" }
        : { unitPath: ref.path, unitLevel: ref.level, department };
    const allowed = viewer !== null && can(viewer.roles, action, target);
    const outcome = await calls[action](callerFor(handle.db, viewer), unit).then(
      () => "ok",
      (error: { code?: string }) => error.code ?? "error",
    );
    if (allowed) expect(outcome).not.toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/u);
    else expect(outcome).toBe(viewer ? "FORBIDDEN" : "UNAUTHORIZED");
  });

  it("grants something to every role and denies something to every role", async () => {
    // Guards the table above against a policy that allows all or nothing.
    for (const user of USERS.slice(1)) {
      const roles = viewers.get(String(user))!.roles;
      const grants = Object.keys(calls).filter((action) =>
        can(roles, action as Action, {
          unitPath: "/THANH-HOA/THO-XUAN/THO-XUAN.XUAN-MINH/THO-XUAN.XUAN-MINH.THON-1/",
          unitLevel: "village",
          department: "Y tế",
        }),
      );
      expect(grants.length).toBeGreaterThan(0);
    }
    expect(can(viewers.get("xa.xuanminh")!.roles, "audit.read", { unitPath: "/THANH-HOA/" })).toBe(
      false,
    );
  });
});
