import { getUnitRef, insertEvidenceFile, listEvidenceFiles } from "@datchuan/db";
import { auditEvent } from "@datchuan/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * Evidence removal and unit attributes raced on PostgreSQL by separate callers over the
 * handle's pool: the stored state and the audit log must tell one story whichever goes first.
 */
const postgres = (await testDatabases()).find((database) => database.name === "PostgreSQL");
if (!postgres) console.warn("Entry race tests skipped: they need PostgreSQL (see above).");

const ROUNDS = 4;
const SET_ID = "ntm-xa-2021-2025";

type Settled = PromiseSettledResult<unknown>;

/** Exactly one of the racers wins; the other is refused as CONFLICT. Returns the winner's index. */
function expectOneWinner(outcomes: Settled[]): number {
  expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  for (const loser of outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected"))
    expect(loser.reason).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/Tải lại/u),
    });
  return outcomes.findIndex((o) => o.status === "fulfilled");
}

describe.runIf(postgres)("evidence and attribute writes raced on PostgreSQL", () => {
  const env = useTestDatabase(postgres!);
  const as = env.as;
  const auditOf = (entityId: string, action: string) =>
    env.handle.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.entityId, entityId), eq(auditEvent.action, action)))
      .orderBy(asc(auditEvent.id));

  /** A draft value of a commune's report with a PDF attached, as an upload would leave it. */
  async function draftWithEvidence(unitCode: string, indicatorCode: string) {
    const officer = await as("quantri");
    const key = { unitCode, setId: SET_ID, period: "2024" };
    const { value } = await officer.report.saveValue({
      ...key,
      indicatorCode,
      value: { kind: "boolean", period: "2024", value: true },
      expectedRowVersion: null,
    });
    const file = await insertEvidenceFile(env.handle.db, {
      indicatorValueId: value.id,
      fileName: "bien-ban-kiem-tra.pdf",
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4\n% minh chứng thử\n"),
      uploadedBy: (await officer.auth.me())!.id,
    });
    return { key, value, file };
  }

  it("removes a file once when two people remove it at once", async () => {
    const communes = await (await as(null)).unit.children({ code: "THO-XUAN" });
    for (const { code } of communes.slice(0, ROUNDS)) {
      const { value, file } = await draftWithEvidence(code, "3.2");
      const [first, second] = await Promise.all([as("quantri"), as("quantri")]);
      const outcomes = await Promise.allSettled([
        first.report.deleteEvidence({ fileId: file.id }),
        second.report.deleteEvidence({ fileId: file.id }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
        reason: { code: "NOT_FOUND" },
      });
      expect(await listEvidenceFiles(env.handle.db, value.id)).toEqual([]);
      expect(await auditOf(file.id, "evidence.delete")).toHaveLength(1);
    }
  });

  it("never removes a file from a value once it was submitted with it", async () => {
    const communes = await (await as(null)).unit.children({ code: "THO-XUAN" });
    for (const { code } of communes.slice(ROUNDS, 2 * ROUNDS)) {
      const { key, value, file } = await draftWithEvidence(code, "15.2");
      const draft = (await (await as("quantri")).report.get(key))!.report;
      const [remover, submitter] = await Promise.all([as("quantri"), as("quantri")]);
      const [removal, submission] = await Promise.allSettled([
        remover.report.deleteEvidence({ fileId: file.id }),
        submitter.report.submit({ ...key, expectedRowVersion: draft.rowVersion }),
      ]);
      expect(submission.status).toBe("fulfilled");
      const files = await listEvidenceFiles(env.handle.db, value.id);
      const audited = await auditOf(file.id, "evidence.delete");
      if (removal.status === "fulfilled") {
        // Removed before the submission: the report went without it.
        expect(files).toEqual([]);
        expect(audited).toHaveLength(1);
      } else {
        expect(removal.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
        expect(files.map((f) => f.id)).toEqual([file.id]);
        expect(audited).toEqual([]);
      }
    }
  });

  it("two attribute changes from one reading: one is saved and audited, the other conflicts", async () => {
    const reader = await as(null);
    const communes = await reader.unit.children({ code: "THO-XUAN" });
    for (const [round, { code }] of communes.slice(0, ROUNDS).entries()) {
      const unit = (await getUnitRef(env.handle.db, code))!;
      const name = `vung_thu_${round}`;
      const change = { code, name, effectiveFrom: "2026-01-01" };
      // Both read "none set" and both press "Lưu" at once.
      const values = ["dong_bang", "trung_du"];
      const setters = await Promise.all(values.map(() => as("huyen.thoxuan")));
      const first = await Promise.allSettled(
        values.map((value, i) =>
          setters[i]!.unit.setAttribute({ ...change, value, expected: null }),
        ),
      );
      const winner = expectOneWinner(first);
      expect(await reader.unit.attributes({ code, asOf: "2026-06-30" })).toMatchObject({
        [name]: values[winner],
      });
      // Both read the winner's value and change it from the same day at once. (The check is
      // on the value in effect on the day set: an entry from a later day is not a conflict for
      // a change from an earlier one, so racing two different days may rightly save both.)
      const read = { value: values[winner]!, effectiveFrom: "2026-01-01" };
      const again = await Promise.allSettled([
        setters[0]!.unit.setAttribute({ ...change, value: "mien_nui", expected: read }),
        setters[1]!.unit.setAttribute({ ...change, value: "ven_bien", expected: read }),
      ]);
      const second = expectOneWinner(again);
      const stored = await reader.unit.attributes({ code, asOf: "2026-06-30" });
      expect(stored[name]).toBe(["mien_nui", "ven_bien"][second]);
      // Only the two saves are in the log, each against the value the other left.
      const audited = (await auditOf(unit.id, "unit.set_attribute")).filter(
        (e) => name in (e.after as object),
      );
      expect(audited.map((e) => e.before)).toEqual([{ [name]: null }, { [name]: values[winner] }]);
      expect((audited[1]!.after as Record<string, string>)[name]).toBe(stored[name]);
    }
  });
});
