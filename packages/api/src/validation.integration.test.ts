import { describe, expect, it } from "vitest";
import { type callerFor, testDatabases, useTestDatabase } from "./testing";

type Caller = ReturnType<typeof callerFor>;

/** One malformed input per procedure that takes input; a system admin passes every check but this one. */
const invalidCalls: Array<[string, (c: Caller) => Promise<unknown>]> = [
  ["unit.byCode", (c) => c.unit.byCode({ code: "chữ thường" })],
  ["unit.tree", (c) => c.unit.tree({ levels: ["xa" as never] })],
  ["unit.list", (c) => c.unit.list({ levels: ["tinh" as never] })],
  ["unit.children", (c) => c.unit.children({ code: "" })],
  [
    "unit.close",
    (c) => c.unit.close({ code: "THO-XUAN", lastDay: "30/06/2025", expectedRowVersion: 1 }),
  ],
  ["unit.lineage", (c) => c.unit.lineage({ code: "a b" })],
  ["unit.clusters", (c) => c.unit.clusters({ ownerCode: "" })],
  ["unit.successors", (c) => c.unit.successors({ code: "a b" })],
  [
    "unit.updateCluster",
    (c) =>
      c.unit.updateCluster({
        clusterId: "khong-phai-uuid",
        expectedRowVersion: 1,
        name: "Cụm",
        memberCodes: ["THO-XUAN.XUAN-MINH"],
      }),
  ],
  [
    "unit.deleteCluster",
    (c) =>
      c.unit.deleteCluster({
        clusterId: "0b6f3c9e-5d1a-4f7e-9c39-2f1d8f6a7b10",
        expectedRowVersion: 0,
      }),
  ],
  ["unit.search", (c) => c.unit.search({ query: " " })],
  [
    "unit.create",
    (c) =>
      c.unit.create({
        code: "X",
        name: "",
        type: "xa",
        level: "commune",
        parentCode: "THO-XUAN",
        validFrom: "2024-01-01",
      }),
  ],
  [
    "unit.update",
    (c) =>
      c.unit.update({ code: "THO-XUAN", name: "Thọ Xuân", type: "huyen", expectedRowVersion: 0 }),
  ],
  [
    "unit.setAttribute",
    (c) =>
      c.unit.setAttribute({
        code: "THO-XUAN",
        name: "Vùng",
        value: "BTB",
        effectiveFrom: "2024-01-01",
        expected: null,
      }),
  ],
  [
    "unit.setAttribute (expected)",
    (c) =>
      c.unit.setAttribute({
        code: "THO-XUAN.THO-LAM",
        name: "region",
        value: "BTB",
        effectiveFrom: "2024-01-01",
        expected: { value: "BTB", effectiveFrom: "08/03/2022" },
      }),
  ],
  ["unit.attributes", (c) => c.unit.attributes({ code: "THO-XUAN", asOf: "31/12/2024" })],
  [
    "unit.move",
    (c) =>
      c.unit.move({
        code: "THO-XUAN.THO-LAM",
        newParentCode: "THANH-HOA",
        effectiveDate: "2025-13-01",
        expectedRowVersion: 1,
      }),
  ],
  [
    "unit.merge",
    (c) =>
      c.unit.merge({
        predecessors: [{ code: "THO-XUAN.THO-LAM", expectedRowVersion: 1 }],
        successor: { code: "N", name: "N", type: "xa" },
        parentCode: "THANH-HOA",
        effectiveDate: "2025-07-01",
      }),
  ],
  [
    "unit.split",
    (c) =>
      c.unit.split({
        predecessorCode: "THO-XUAN.THO-LAM",
        expectedRowVersion: 1,
        successors: [],
        effectiveDate: "2025-07-01",
      }),
  ],
  [
    "unit.createCluster",
    (c) => c.unit.createCluster({ ownerCode: "THANH-HOA", name: "Cụm", memberCodes: [] }),
  ],
  ["auth.signIn", (c) => c.auth.signIn({ username: "", password: "x" })],
  [
    "auth.changePassword",
    (c) => c.auth.changePassword({ currentPassword: "datchuan-demo", newPassword: "ngắn" }),
  ],
  [
    "user.create",
    (c) =>
      c.user.create({
        username: "a",
        displayName: "A",
        password: "mat-khau-dai-du",
        role: "commune_officer",
        scopeCode: "THO-XUAN",
        department: null,
      }),
  ],
  ["audit.list", (c) => c.audit.list({ limit: 1000 })],
  ["criteriaSet.get", (c) => c.criteriaSet.get({ id: "khong-phai-uuid" })],
  [
    "criteriaSet.createDraft",
    (c) =>
      c.criteriaSet.createDraft({
        definition: { id: "x", criteria: "không" },
        ownerUnitCode: null,
      }),
  ],
  [
    "criteriaSet.updateDraft",
    (c) =>
      c.criteriaSet.updateDraft({ id: "khong-phai-uuid", definition: {}, expectedRowVersion: 1 }),
  ],
  [
    "criteriaSet.publish",
    (c) => c.criteriaSet.publish({ id: "khong-phai-uuid", expectedRowVersion: 1 }),
  ],
  ["criteriaSet.reevaluation", (c) => c.criteriaSet.reevaluation({ id: "khong-phai-uuid" })],
  ["planning.registrations", (c) => c.planning.registrations({ scopeCode: "" })],
  [
    "planning.register",
    (c) =>
      c.planning.register({
        unitCode: "THO-XUAN.THO-LAM",
        setId: "ntm-xa-2021-2025",
        targetYear: 1990,
        note: null,
        expectedRowVersion: null,
      }),
  ],
  ["planning.targets", (c) => c.planning.targets({ unitCode: "THO-XUAN", year: 3000 })],
  [
    "planning.setTarget",
    (c) =>
      c.planning.setTarget({
        unitCode: "THO-XUAN",
        year: 2024,
        metric: "Thu nhập",
        label: "x",
        comparator: "gte",
        value: 1,
        unitOfMeasure: "",
        expectedRowVersion: null,
      }),
  ],
  [
    "report.get",
    (c) =>
      c.report.get({ unitCode: "THO-XUAN.THO-LAM", setId: "ntm-xa-2021-2025", period: "2024-13" }),
  ],
  ["report.history", (c) => c.report.history({ unitCode: "THO-XUAN.THO-LAM", setId: "" })],
  ["report.schedule", (c) => c.report.schedule({ setId: "" })],
  [
    "report.setSchedule",
    (c) =>
      c.report.setSchedule({
        setId: "ntm-xa-2021-2025",
        frequency: "month",
        dueDay: 32,
        expected: { frequency: "year", dueDay: 25 },
      }),
  ],
  [
    "report.setSchedule (expected)",
    (c) =>
      c.report.setSchedule({
        setId: "ntm-xa-2021-2025",
        frequency: "month",
        dueDay: 20,
        expected: { frequency: "week" as never, dueDay: 25 },
      }),
  ],
  ["report.evidenceFiles", (c) => c.report.evidenceFiles({ valueId: "khong-phai-uuid" })],
  [
    "report.saveValue",
    (c) =>
      c.report.saveValue({
        unitCode: "THO-XUAN.THO-LAM",
        setId: "ntm-xa-2021-2025",
        period: "2024",
        indicatorCode: "3.1",
        value: { kind: "number", period: "2024", value: Number.NaN },
        expectedRowVersion: null,
      }),
  ],
  [
    "report.submit",
    (c) =>
      c.report.submit({
        unitCode: "THO-XUAN.THO-LAM",
        setId: "ntm-xa-2021-2025",
        period: "2024",
        expectedRowVersion: 0,
      }),
  ],
  [
    "report.review",
    (c) =>
      c.report.review({
        valueId: "00000000-0000-4000-8000-000000000000",
        decision: "returned",
        reason: null,
        expectedRowVersion: 1,
      }),
  ],
  [
    "report.reopen",
    (c) =>
      c.report.reopen({
        reportId: "00000000-0000-4000-8000-000000000000",
        reason: "",
        expectedRowVersion: 1,
      }),
  ],
  [
    "report.states",
    (c) =>
      c.report.states({
        scopeCode: "THO-XUAN",
        setId: "ntm-xa-2021-2025",
        period: "2024",
        asOf: "hôm nay",
      }),
  ],
];

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  it.each(invalidCalls)(
    "%s refuses malformed input with BAD_REQUEST and a message",
    async (_name, call) => {
      const error = await call(await as("quantri")).then(
        () => null,
        (caught: { code?: string; message?: string }) => caught,
      );
      expect(error?.code).toBe("BAD_REQUEST");
      expect(error?.message?.length).toBeGreaterThan(0);
    },
  );

  it("sets a reporting schedule (system admins only) and the inbox uses its due day", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.report.setSchedule({
        setId: "ntm-xa-2021-2025",
        frequency: "month",
        dueDay: 20,
        expected: { frequency: "year", dueDay: 25 },
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const { frequency, dueDay } = await district.report.schedule({ setId: "ntm-xa-2021-2025" });
    await (await as("quantri")).report.setSchedule({
      setId: "ntm-xa-2021-2025",
      frequency: "month",
      dueDay: 20,
      expected: { frequency, dueDay },
    });
    // Another admin who read the schedule before that change is told, and changes nothing.
    await expect(
      (await as("quantri")).report.setSchedule({
        setId: "ntm-xa-2021-2025",
        frequency: "quarter",
        dueDay: 10,
        expected: { frequency, dueDay },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Tải lại/u) });
    expect(await district.report.schedule({ setId: "ntm-xa-2021-2025" })).toMatchObject({
      frequency: "month",
      dueDay: 20,
    });
    const states = await district.report.states({
      scopeCode: "THO-XUAN",
      setId: "ntm-xa-2021-2025",
      period: "2024-05",
      asOf: "2024-06-21",
    });
    expect(states[0]).toMatchObject({ dueDate: "2024-06-20", late: true });
  });
});
