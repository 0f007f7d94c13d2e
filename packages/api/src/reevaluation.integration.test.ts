import { getReevaluation, listReportsUnder } from "@datchuan/db";
import { storedVerdict } from "@datchuan/db/schema";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { like } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import {
  type BatchOutcome,
  processNextBatch,
  runPendingJobs,
  startReevaluationWorker,
} from "./services/reevaluation";
import { testDatabases, useTestDatabase } from "./testing";

const NTM = "ntm-xa-2021-2025";
const PERIOD = "2023";
const COMMUNES = 7;

/** A national version in force for 2023 (from its start), so it judges 2023's reports. */
function ntmVersion(version: string, from: string) {
  const { official: _note, ...set } = getOfficialCriteriaSet(NTM)!;
  return { ...set, version, effective: { ...set.effective, from } };
}

describe.each(await testDatabases())("re-evaluation after publishing, on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  async function publish(version: string, from: string) {
    const admin = await as("quantri");
    const draft = await admin.criteriaSet.createDraft({
      definition: ntmVersion(version, from),
      ownerUnitCode: null,
    });
    return admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
  }

  /** The reports a publish of the national set must judge again: every one of its programme. */
  async function reportIds() {
    const reports = await listReportsUnder(env.handle.db, { setId: NTM, pathPrefix: "/" });
    return reports.map((r) => r.id).sort();
  }

  /** Verdicts stored per report on a basis that includes the version's row (or its adaptation). */
  async function verdictsPerReport(setRowId: string) {
    const rows = await env.handle.db
      .select({ reportId: storedVerdict.reportId })
      .from(storedVerdict)
      .where(like(storedVerdict.basis, `%${setRowId}%`));
    const counts = new Map<string, number>();
    for (const { reportId } of rows) counts.set(reportId, (counts.get(reportId) ?? 0) + 1);
    return counts;
  }

  it("files a report for several communes", async () => {
    const communes = await (await as(null)).unit.children({ code: "THO-XUAN" });
    expect(communes.length).toBeGreaterThanOrEqual(COMMUNES);
    const admin = await as("quantri");
    for (const { code } of communes.slice(0, COMMUNES))
      await admin.report.saveValue({
        unitCode: code,
        setId: NTM,
        period: PERIOD,
        indicatorCode: "17.1",
        value: { kind: "number", period: PERIOD, value: 80 },
        expectedRowVersion: null,
      });
    expect((await reportIds()).length).toBeGreaterThanOrEqual(COMMUNES);
  });

  it("publishes at once and judges the reports in batches afterwards, showing progress", async () => {
    const ids = await reportIds();
    const published = await publish("2023-jobs-a", "2023-01-01");
    expect(published.reevaluation.total).toBe(ids.length);
    const admin = await as("quantri");
    expect(await admin.criteriaSet.reevaluation({ id: published.id })).toMatchObject({
      jobId: published.reevaluation.jobId,
      status: "pending",
      done: 0,
      total: ids.length,
      startedAt: null,
      finishedAt: null,
    });
    // Nothing is judged by the new version until the work runs.
    expect((await verdictsPerReport(published.id)).size).toBe(0);

    const outcomes = await runPendingJobs(env.handle.db, { batchSize: 3 });
    expect(outcomes).toHaveLength(Math.ceil(ids.length / 3));
    expect(outcomes.map((o) => (o.outcome === "judged" ? o.done : -1))).toEqual(
      outcomes.map((_, i) => Math.min((i + 1) * 3, ids.length)),
    );
    const progress = await admin.criteriaSet.reevaluation({ id: published.id });
    expect(progress).toMatchObject({ status: "done", done: ids.length, total: ids.length });
    expect(progress?.startedAt).toBeInstanceOf(Date);
    expect(progress?.finishedAt).toBeInstanceOf(Date);
    expect(progress?.error).toBeNull();
    const counts = await verdictsPerReport(published.id);
    expect([...counts.keys()].sort()).toEqual(ids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Nothing is left to do.
    expect(await processNextBatch(env.handle.db)).toBeUndefined();
  });

  it("finishes, in a worker started afresh, a job left half-way", async () => {
    const ids = await reportIds();
    const published = await publish("2023-jobs-b", "2023-02-01");
    const first = await processNextBatch(env.handle.db, { batchSize: 2 });
    expect(first).toMatchObject({ outcome: "judged", from: 0, done: 2, total: ids.length });
    const admin = await as("quantri");
    expect(await admin.criteriaSet.reevaluation({ id: published.id })).toMatchObject({
      status: "running",
      done: 2,
      finishedAt: null,
    });

    // The process that judged the first batch is gone; the one started next takes the job up.
    const worker = startReevaluationWorker(env.handle.db, {
      logger: pino({ level: "silent" }),
      pollMs: 60_000,
    });
    await worker.drained();
    await worker.stop();
    expect(await admin.criteriaSet.reevaluation({ id: published.id })).toMatchObject({
      status: "done",
      done: ids.length,
    });
    const counts = await verdictsPerReport(published.id);
    expect([...counts.keys()].sort()).toEqual(ids);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it("shows a set's progress only to those who may manage it", async () => {
    const national = (await (await as(null)).criteriaSet.list()).find((s) => s.setId === NTM)!;
    await expect(
      (await as("huyen.thoxuan")).criteriaSet.reevaluation({ id: national.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      (await as(null)).criteriaSet.reevaluation({ id: national.id }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.runIf(database.name === "PostgreSQL")(
    "shares jobs between two workers racing on separate connections, each batch judged once",
    async () => {
      const ids = await reportIds();
      expect(ids.length).toBeGreaterThanOrEqual(COMMUNES);
      const jobs = [
        await publish("2023-jobs-c", "2023-03-01"),
        await publish("2023-jobs-d", "2023-04-01"),
      ];
      const outcomes: BatchOutcome[] = [];
      // Two workers, as in two API processes: each transaction holds a connection of its own.
      const unfinished = async () => {
        for (const job of jobs) {
          const progress = await getReevaluation(env.handle.db, job.reevaluation.jobId);
          if (progress?.status !== "done") return true;
        }
        return false;
      };
      while (await unfinished()) {
        const rounds = await Promise.all([
          runPendingJobs(env.handle.db, { batchSize: 1 }),
          runPendingJobs(env.handle.db, { batchSize: 1 }),
        ]);
        outcomes.push(...rounds.flat());
      }
      expect(outcomes.filter((o) => o.outcome === "failed")).toEqual([]);
      for (const job of jobs) {
        const batches = outcomes
          .filter((o) => o.jobId === job.reevaluation.jobId && o.outcome === "judged")
          .map((o) => (o.outcome === "judged" ? o.from : -1))
          .sort((a, b) => a - b);
        // Every report judged in exactly one batch: no batch twice, none skipped.
        expect(batches).toEqual(ids.map((_, i) => i));
      }
      // The later version judges every report, once.
      const counts = await verdictsPerReport(jobs[1]!.id);
      expect([...counts.keys()].sort()).toEqual(ids);
    },
  );
});
