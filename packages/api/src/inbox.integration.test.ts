import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024" };
  const bhyt = { kind: "ratio" as const, period: "2024", numerator: 3000, denominator: 3200 };

  /** Xuân Minh sends 15.1 and 15.2 (Y tế) and 17.1 (Tài nguyên - Môi trường) for review. */
  async function submitReport() {
    const officer = await as("xa.xuanminh");
    const values = [
      { indicatorCode: "15.1", value: bhyt, evidenceNote: "Danh sách BHXH huyện" },
      {
        indicatorCode: "15.2",
        value: { kind: "boolean" as const, period: "2024", value: true },
        evidenceNote: null,
      },
      {
        indicatorCode: "17.1",
        value: { kind: "ratio" as const, period: "2024", numerator: 900, denominator: 1000 },
        evidenceNote: null,
      },
    ];
    for (const value of values)
      await officer.report.saveValue({ ...key, ...value, expectedRowVersion: null });
    const report = (await officer.report.get(key))!.report;
    await officer.report.submit({ ...key, expectedRowVersion: report.rowVersion });
    return report.id;
  }

  let reportId: string;

  it("lists for the health reviewer only the values the health department owns", async () => {
    reportId = await submitReport();
    const inbox = await (await as("yte.thoxuan")).report.inbox();
    const entry = inbox.find((e) => e.reportId === reportId);
    expect(entry).toMatchObject({
      unit: { code: "THO-XUAN.XUAN-MINH" },
      period: "2024",
      status: "submitted",
      indicatorCodes: ["15.1", "15.2"],
    });
    // The system admin reviews everything; an office admin reviews nothing.
    const all = await (await as("quantri")).report.inbox();
    expect(all.find((e) => e.reportId === reportId)?.indicatorCodes).toEqual([
      "15.1",
      "15.2",
      "17.1",
    ]);
    await expect((await as("huyen.thoxuan")).report.inbox()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect((await as("xa.xuanminh")).report.inbox()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("shows each value with its verdict, threshold source and evidence, marking the reviewer's own", async () => {
    const sheet = await (await as("yte.thoxuan")).report.reviewSheet({ reportId });
    expect(sheet.unit.code).toBe("THO-XUAN.XUAN-MINH");
    const byCode = new Map(sheet.items.map((i) => [i.indicatorCode, i]));
    expect(byCode.get("15.1")).toMatchObject({
      mine: true,
      department: "Y tế",
      reviewStatus: "submitted",
      evidenceNote: "Danh sách BHXH huyện",
      enteredText: expect.stringMatching(/3\.000.*3\.200.*93,75/u),
    });
    expect(byCode.get("15.1")?.verdictText).toBeTruthy();
    expect(byCode.get("17.1")).toMatchObject({
      mine: false,
      department: "Tài nguyên - Môi trường",
    });
    // A village officer of another commune reads no draft here.
    await expect(
      (await as("thon1.xuanminh")).report.reviewSheet({ reportId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to accept another department's value among the remaining", async () => {
    const sheet = await (await as("yte.thoxuan")).report.reviewSheet({ reportId });
    const all = sheet.items.map((i) => ({ valueId: i.valueId, expectedRowVersion: i.rowVersion }));
    await expect(
      (await as("yte.thoxuan")).report.acceptRemaining({ reportId, values: all }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Nothing was accepted.
    const after = await (await as("yte.thoxuan")).report.reviewSheet({ reportId });
    expect(after.items.every((i) => i.reviewStatus === "submitted")).toBe(true);
  });

  it("accepts all that remain of the department's, audited, leaving the others waiting", async () => {
    const health = await as("yte.thoxuan");
    const sheet = await health.report.reviewSheet({ reportId });
    const mine = sheet.items.filter((i) => i.mine);
    // One stale version: the whole batch is refused, nothing half-accepted.
    await expect(
      health.report.acceptRemaining({
        reportId,
        values: mine.map((i) => ({ valueId: i.valueId, expectedRowVersion: i.rowVersion + 1 })),
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const result = await health.report.acceptRemaining({
      reportId,
      values: mine.map((i) => ({ valueId: i.valueId, expectedRowVersion: i.rowVersion })),
    });
    expect(result.values.map((v) => v.reviewStatus)).toEqual(["accepted", "accepted"]);
    expect(result.report?.status).toBe("submitted");
    expect((await health.report.inbox()).find((e) => e.reportId === reportId)).toBeUndefined();

    const log = await (await as("huyen.thoxuan")).audit.list({ unitCode: "THO-XUAN.XUAN-MINH" });
    expect(log.slice(0, 2).map((e) => [e.action, e.actor])).toEqual([
      ["value.accept", "yte.thoxuan"],
      ["value.accept", "yte.thoxuan"],
    ]);

    // The last value, by its owner's reviewer (here the system admin): the report is accepted.
    const admin = await as("quantri");
    const rest = (await admin.report.reviewSheet({ reportId })).items.filter(
      (i) => i.reviewStatus === "submitted",
    );
    const done = await admin.report.acceptRemaining({
      reportId,
      values: rest.map((i) => ({ valueId: i.valueId, expectedRowVersion: i.rowVersion })),
    });
    expect(done.report).toMatchObject({ status: "accepted", locked: true });
  });
});
