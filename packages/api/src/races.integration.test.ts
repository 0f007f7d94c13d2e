import { enqueueReevaluation, getReportById, getStoredVerdict } from "@datchuan/db";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { evaluateAndStore } from "./services/evaluation";
import { processNextBatch, runPendingJobs } from "./services/reevaluation";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * Writers racing each other on PostgreSQL. PGlite runs one transaction at a time, so only a
 * server with real concurrent connections (the handle's pool holds up to ten) can show a missing
 * lock. Each race is run for several rounds: one unlucky interleaving is enough to fail.
 */
const postgres = (await testDatabases()).find((database) => database.name === "PostgreSQL");
if (!postgres) console.warn("Race tests skipped: they need PostgreSQL (see above).");

const ROUNDS = 6;
const setId = "ntm-xa-2021-2025";
const YES_NO = ["1.1", "1.2", "3.2", "4.1", "6.1", "6.2", "7", "8.1"];
const yes = (period: string) => ({ kind: "boolean" as const, period, value: true });

describe.runIf(postgres)("races on PostgreSQL", () => {
  const env = useTestDatabase(postgres!);
  const as = env.as;

  async function communes(count: number) {
    const all = await (await as(null)).unit.children({ code: "THO-XUAN" });
    expect(all.length).toBeGreaterThanOrEqual(count);
    return all.slice(0, count).map((c) => c.code);
  }

  it("stores, after officers save different indicators of one report at once, the verdict of everything committed", async () => {
    const period = "2022";
    for (const unitCode of await communes(ROUNDS)) {
      const key = { unitCode, setId, period };
      // Separate callers, as separate people would be; each save is its own transaction.
      const writers = await Promise.all(YES_NO.map(() => as("quantri")));
      await Promise.all(
        YES_NO.map((indicatorCode, i) =>
          writers[i]!.report.saveValue({
            ...key,
            indicatorCode,
            value: yes(period),
            expectedRowVersion: null,
          }),
        ),
      );
      const report = (await (await as("quantri")).report.get(key))!;
      expect(report.values.map((v) => v.indicatorCode).sort()).toEqual([...YES_NO].sort());
      const stored = (await getStoredVerdict(env.handle.db, report.report.id))!.verdict;
      const entered = stored.criteria
        .flatMap((c) => c.indicators)
        .filter((i) => YES_NO.includes(i.code));
      expect(entered.filter((i) => i.status === "missing").map((i) => i.code)).toEqual([]);
      // Evaluated afresh, now that nobody is writing: the stored verdict must be the same.
      const fresh = await env.handle.db.transaction((tx) =>
        evaluateAndStore(tx, { ...report.report }),
      );
      expect(stored).toEqual(fresh);
    }
  });

  it("never leaves a draft value in a submitted report when saves race a submission", async () => {
    const period = "2021";
    for (const unitCode of await communes(ROUNDS)) {
      const key = { unitCode, setId, period };
      const officer = await as("quantri");
      await officer.report.saveValue({
        ...key,
        indicatorCode: "15.2",
        value: yes(period),
        expectedRowVersion: null,
      });
      const draft = (await officer.report.get(key))!.report;
      const writers = await Promise.all(YES_NO.map(() => as("quantri")));
      const submitter = await as("quantri");
      const outcomes = await Promise.allSettled([
        submitter.report.submit({ ...key, expectedRowVersion: draft.rowVersion }),
        ...YES_NO.map((indicatorCode, i) =>
          writers[i]!.report.saveValue({
            ...key,
            indicatorCode,
            value: yes(period),
            expectedRowVersion: null,
          }),
        ),
      ]);
      expect(outcomes[0]!.status).toBe("fulfilled");
      // A save either went in before the submission (and was sent with it) or was refused.
      for (const outcome of outcomes.slice(1))
        if (outcome.status === "rejected")
          expect(outcome.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
      const report = (await officer.report.get(key))!;
      expect(report.report.status).toBe("submitted");
      expect(report.values.filter((v) => v.reviewStatus !== "submitted")).toEqual([]);
      const saved = outcomes.slice(1).filter((o) => o.status === "fulfilled").length;
      expect(report.values).toHaveLength(1 + saved);
    }
  });

  it("accepts and locks a report when reviewers accept its last two values at once", async () => {
    const period = "2023";
    for (const unitCode of await communes(ROUNDS)) {
      const key = { unitCode, setId, period };
      const officer = await as("quantri");
      const saved = [];
      for (const indicatorCode of ["3.2", "15.2"]) {
        saved.push(
          await officer.report.saveValue({
            ...key,
            indicatorCode,
            value: yes(period),
            expectedRowVersion: null,
          }),
        );
      }
      const draft = (await officer.report.get(key))!.report;
      await officer.report.submit({ ...key, expectedRowVersion: draft.rowVersion });
      const reviewers = await Promise.all(saved.map(() => as("quantri")));
      await Promise.all(
        saved.map(({ value }, i) =>
          reviewers[i]!.report.review({
            valueId: value.id,
            decision: "accepted",
            expectedRowVersion: value.rowVersion + 1,
          }),
        ),
      );
      const settled = await getReportById(env.handle.db, draft.id);
      expect(settled).toMatchObject({ status: "accepted", locked: true });
    }
  });

  it("keeps every unit's path equal to its parent's path and code when moves run at once", async () => {
    const admin = await as("quantri");
    const reader = await as(null);
    const district = await admin.unit.create({
      code: "THANH-HOA.HUYEN-THU",
      name: "Huyện thử",
      type: "huyen",
      level: "district",
      parentCode: "THANH-HOA",
      validFrom: "2024-01-01",
    });
    const version = async (code: string) => (await reader.unit.byCode({ code })).rowVersion;
    const names = await communes(3 * ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const [from, to, other] = names.slice(3 * round, 3 * round + 3) as [string, string, string];
      const village = (await reader.unit.children({ code: from }))[0]!.code;
      const villageVersion = await version(village);
      // The village goes to `to` while `to` itself moves to the new district; a second mover of
      // the village, who read the same version, must lose rather than write a stale path.
      const outcomes = await Promise.allSettled([
        (await as("quantri")).unit.move({
          code: village,
          newParentCode: to,
          effectiveDate: "2025-01-01",
          expectedRowVersion: villageVersion,
        }),
        (await as("quantri")).unit.move({
          code: to,
          newParentCode: district.code,
          effectiveDate: "2025-01-01",
          expectedRowVersion: await version(to),
        }),
        (await as("quantri")).unit.move({
          code: village,
          newParentCode: other,
          effectiveDate: "2025-01-01",
          expectedRowVersion: villageVersion,
        }),
      ]);
      expect(outcomes[1]!.status).toBe("fulfilled");
      const villageMoves = [outcomes[0]!, outcomes[2]!];
      expect(villageMoves.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(villageMoves.find((o) => o.status === "rejected")).toMatchObject({
        reason: { code: "CONFLICT" },
      });
      const moved = await reader.unit.byCode({ code: village });
      expect([to, other]).toContain(moved.parentCode);

      const result = await env.handle.db.execute(sql`
        select u.code, u.path, p.path as parent_path
        from unit u left join unit p on p.id = u.parent_id
        where u.path <> coalesce(p.path, '/') || u.code || '/'`);
      expect((result as unknown as { rows: unknown[] }).rows).toEqual([]);
    }
  });
  it("stores, after officers save while a publish's re-evaluation runs, the verdict of everything committed", async () => {
    const period = "2025";
    const admin = await as("quantri");
    const { official: _note, ...national } = getOfficialCriteriaSet(setId)!;
    // Four communes of eight saves each: 32 chances for a batch to overwrite a save's verdict.
    const names = await communes(4);
    for (const [round, unitCode] of names.entries()) {
      const key = { unitCode, setId, period };
      // The report exists before the publish, so the job lists it.
      await admin.report.saveValue({
        ...key,
        indicatorCode: "17.1",
        value: { kind: "number", period, value: 80 },
        expectedRowVersion: null,
      });
      const draft = await admin.criteriaSet.createDraft({
        definition: {
          ...national,
          version: `2025-race-${round}`,
          effective: { ...national.effective, from: `2025-01-0${round + 1}` },
        },
        ownerUnitCode: null,
      });
      const published = await admin.criteriaSet.publish({
        id: draft.id,
        expectedRowVersion: draft.rowVersion,
      });
      const report = (await admin.report.get(key))!.report;
      // One save at a time, raced by batches judging its report (as further publishes would ask):
      // a batch that read the values before the save committed must not store its verdict after.
      for (const indicatorCode of YES_NO) {
        for (let job = 0; job < 8; job++)
          await enqueueReevaluation(env.handle.db, {
            setRowId: published.id,
            reportIds: [report.id],
          });
        const officer = await as("quantri");
        await Promise.all([
          runPendingJobs(env.handle.db),
          runPendingJobs(env.handle.db),
          runPendingJobs(env.handle.db),
          officer.report.saveValue({
            ...key,
            indicatorCode,
            value: yes(period),
            expectedRowVersion: null,
          }),
        ]);
        // A worker stops when the only job left is held by another, which finishes it.
        expect(await processNextBatch(env.handle.db)).toBeUndefined();
        const stored = (await getStoredVerdict(env.handle.db, report.id))!.verdict;
        expect(stored.set.version).toBe(`2025-race-${round}`);
        const fresh = await env.handle.db.transaction(async (tx) =>
          evaluateAndStore(tx, (await getReportById(tx, report.id))!),
        );
        expect(stored).toEqual(fresh);
      }
    }
  });
});
