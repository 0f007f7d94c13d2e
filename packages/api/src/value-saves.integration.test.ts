import { getStoredVerdict, getUnitRef, lockUnitSetReports } from "@datchuan/db";
import { auditEvent } from "@datchuan/db/schema";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { evaluateAndStore } from "./services/evaluation";
import { waitingSaves } from "./services/value-saves";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * Saves of one report made at once may go in one turn (one transaction, one evaluation): each
 * must still be version-checked, audited and refused on its own, and the stored verdict must be
 * that of everything committed.
 */
const setId = "ntm-xa-2021-2025";
const YES_NO = ["1.1", "1.2", "3.2", "4.1", "6.1", "6.2", "7", "8.1"];
const STALE = "8.2";
/** Waiting for an event on a loaded machine: polled, with room to spare. */
const WAIT = { timeout: 60_000, interval: 20 };
const answer = (period: string, value: boolean) => ({ kind: "boolean" as const, period, value });

describe.each(await testDatabases())("saves of one report at once, on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  const auditOf = (entityIds: string[]) =>
    env.handle.db
      .select()
      .from(auditEvent)
      .where(and(inArray(auditEvent.entityId, entityIds), eq(auditEvent.action, "value.save")))
      .orderBy(asc(auditEvent.id));

  /** The report's values at version 1 (yes), and STALE's at version 2: a reading of it is old. */
  async function prepare(unitCode: string, period: string) {
    const key = { unitCode, setId, period };
    const officer = await as("quantri");
    for (const indicatorCode of [...YES_NO, STALE])
      await officer.report.saveValue({
        ...key,
        indicatorCode,
        value: answer(period, true),
        expectedRowVersion: null,
      });
    await officer.report.saveValue({
      ...key,
      indicatorCode: STALE,
      value: answer(period, false),
      expectedRowVersion: 1,
    });
    return key;
  }

  /** Every YES_NO value changed to "no" from version 1, and STALE from its old reading. */
  const saveAll = (key: { unitCode: string; setId: string; period: string }) =>
    [...YES_NO, STALE].map(
      (indicatorCode) => async () =>
        (await as("quantri")).report.saveValue({
          ...key,
          indicatorCode,
          value: answer(key.period, indicatorCode === STALE),
          expectedRowVersion: 1,
        }),
    );

  const saveAllAtOnce = (key: { unitCode: string; setId: string; period: string }) =>
    Promise.allSettled(saveAll(key).map((save) => save()));

  /** What the report holds afterwards, and its verdict stored and judged afresh. */
  async function expectEverySaveKept(key: { unitCode: string; setId: string; period: string }) {
    const report = (await (await as("quantri")).report.get(key))!;
    const values = new Map(report.values.map((v) => [v.indicatorCode, v]));
    for (const code of YES_NO)
      expect(values.get(code)).toMatchObject({ value: { value: false }, rowVersion: 2 });
    expect(values.get(STALE)).toMatchObject({ value: { value: false }, rowVersion: 2 });
    const saved = YES_NO.map((code) => values.get(code)!.id);
    const audited = await auditOf(saved);
    expect(audited.filter((e) => e.before !== null)).toHaveLength(YES_NO.length);
    for (const event of audited.filter((e) => e.before !== null)) {
      expect(event.before).toMatchObject({ value: { value: true } });
      expect(event.after).toMatchObject({ value: { value: false } });
    }
    // The stale save left nothing: its value keeps the two saves it had.
    expect(await auditOf([values.get(STALE)!.id])).toHaveLength(2);
    const stored = (await getStoredVerdict(env.handle.db, report.report.id))!.verdict;
    const fresh = await env.handle.db.transaction((tx) => evaluateAndStore(tx, report.report));
    expect(stored).toEqual(fresh);
    return audited.filter((e) => e.before !== null);
  }

  const expectOnlyStaleRefused = (outcomes: PromiseSettledResult<unknown>[]) => {
    expect(outcomes.slice(0, YES_NO.length).map((o) => o.status)).toEqual(
      YES_NO.map(() => "fulfilled"),
    );
    expect(outcomes.at(-1)).toMatchObject({
      status: "rejected",
      reason: { code: "CONFLICT", message: expect.stringMatching(/vừa được người khác/u) },
    });
  };

  it("checks, audits and refuses each of many saves made at once on its own", async () => {
    const key = await prepare("THO-XUAN.XUAN-MINH", "2022");
    const outcomes = await saveAllAtOnce(key);
    expectOnlyStaleRefused(outcomes);
    for (const outcome of outcomes.slice(0, YES_NO.length))
      expect(outcome).toMatchObject({
        value: { verdictSummary: expect.stringMatching(/tiêu chí/u) },
      });
    await expectEverySaveKept(key);
  });

  // Only a server with several connections can hold a report's lock while saves queue behind it.
  const postgres = database.name === "PostgreSQL";

  /**
   * The report's lock held elsewhere while the saves come: the first save's turn waits for it,
   * the others wait for a turn too, and the lock is released once they all wait.
   */
  async function saveAllBehindTheLock(key: { unitCode: string; setId: string; period: string }) {
    const unit = (await getUnitRef(env.handle.db, key.unitCode))!;
    const db = env.handle.db;
    const { racing } = await db.transaction(async (tx) => {
      await lockUnitSetReports(tx, { unitId: unit.id, setId });
      const outcomes = saveAllAtOnce(key);
      await vi.waitFor(() => expect(waitingSaves(db)).toBe(YES_NO.length + 1), WAIT);
      return { racing: outcomes };
    });
    return racing;
  }

  it.runIf(postgres)(
    "makes in one transaction the saves that came while the lock was held",
    async () => {
      const key = await prepare("THO-XUAN.XUAN-TIN", "2023");
      const outcomes = await saveAllBehindTheLock(key);
      expectOnlyStaleRefused(outcomes);
      const audited = await expectEverySaveKept(key);
      // A transaction's audit rows share its start time: one turn took them all.
      expect(new Set(audited.map((e) => e.at.toISOString())).size).toBe(1);
    },
  );

  it.runIf(postgres)(
    "makes one by one the saves of a turn that failed, failing only the faulty one",
    async () => {
      const key = await prepare("THO-XUAN.XUAN-PHONG", "2023");
      const faulty = YES_NO.at(-1)!;
      const unit = (await getUnitRef(env.handle.db, key.unitCode))!;
      // A fault the database raises for one of the saves, as a broken row would.
      await env.handle.db.execute(
        sql.raw(`
      create function fail_one_save() returns trigger language plpgsql as $$
      begin
        if new.indicator_code = '${faulty}' and new.row_version = 2
          and new.report_id in (select id from report where unit_id = '${unit.id}') then
          raise exception 'lỗi thử';
        end if;
        return new;
      end $$;
      create trigger fail_one_save before update on indicator_value
        for each row execute function fail_one_save();`),
      );
      try {
        const outcomes = await saveAllBehindTheLock(key);
        const byCode = new Map([...YES_NO, STALE].map((code, i) => [code, outcomes[i]!]));
        expect(byCode.get(faulty)).toMatchObject({ status: "rejected" });
        expect(byCode.get(STALE)).toMatchObject({
          status: "rejected",
          reason: { code: "CONFLICT" },
        });
        for (const code of YES_NO.slice(0, -1))
          expect(byCode.get(code)).toMatchObject({ status: "fulfilled" });
        const report = (await (await as("quantri")).report.get(key))!;
        const values = new Map(report.values.map((v) => [v.indicatorCode, v]));
        expect(values.get(faulty)).toMatchObject({ value: { value: true }, rowVersion: 1 });
        for (const code of YES_NO.slice(0, -1))
          expect(values.get(code)).toMatchObject({ value: { value: false }, rowVersion: 2 });
        const audited = await auditOf(YES_NO.map((code) => values.get(code)!.id));
        const changes = audited.filter((e) => e.before !== null);
        expect(changes).toHaveLength(YES_NO.length - 1);
        // The turn failed; then each save went in a transaction of its own.
        expect(new Set(changes.map((e) => e.at.toISOString())).size).toBe(YES_NO.length - 1);
        const stored = (await getStoredVerdict(env.handle.db, report.report.id))!.verdict;
        const fresh = await env.handle.db.transaction((tx) => evaluateAndStore(tx, report.report));
        expect(stored).toEqual(fresh);
      } finally {
        await env.handle.db.execute(
          sql`drop trigger fail_one_save on indicator_value; drop function fail_one_save()`,
        );
      }
    },
  );
});
