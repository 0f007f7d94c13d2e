import {
  claimNextReevaluation,
  type Database,
  isDatabaseUnavailable,
  listReportsWithPaths,
  recordReevaluationBatch,
  recordReevaluationFailure,
} from "@datchuan/db";
import type { Logger } from "pino";
import { reevaluateReports } from "./evaluation";
import { markPublishedDataChanged } from "./published";

/** Reports judged per transaction: short enough not to hold officers' saves for long. */
export const REEVALUATION_BATCH_SIZE = 50;
/** Failed batches in a row before a job stops as failed (a deadlock or a restart is retried). */
const MAX_ATTEMPTS = 5;

export interface BatchOptions {
  batchSize?: number;
}

export type BatchOutcome =
  | {
      jobId: string;
      outcome: "judged";
      /** The batch: the job's reports from `from` (0-based) up to `done`. */
      from: number;
      judged: number;
      done: number;
      total: number;
    }
  | { jobId: string; outcome: "failed"; error: string };

/**
 * Judges the next batch of the oldest unfinished re-evaluation no other process is working on,
 * in one transaction: the job's row lock (so no one else takes this batch), the reports' locks
 * as every report write takes them, the verdicts, and the progress. A crash rolls all of it
 * back and the batch is judged again by whoever claims the job next. Undefined when there is
 * nothing to claim (no job, or every unfinished one is held by another process).
 */
export async function processNextBatch(
  db: Database,
  options: BatchOptions = {},
): Promise<BatchOutcome | undefined> {
  const size = options.batchSize ?? REEVALUATION_BATCH_SIZE;
  let jobId: string | undefined;
  try {
    const outcome = await db.transaction(async (tx) => {
      const job = await claimNextReevaluation(tx);
      if (!job) return undefined;
      jobId = job.id;
      const ids = job.reportIds.slice(job.done, job.done + size);
      const judged = await reevaluateReports(tx, await listReportsWithPaths(tx, ids));
      const progress = await recordReevaluationBatch(tx, {
        id: job.id,
        done: job.done + ids.length,
      });
      return {
        jobId: job.id,
        outcome: "judged" as const,
        from: job.done,
        judged,
        done: progress.done,
        total: progress.total,
      };
    });
    // New verdicts committed: the public routes rebuild their replies.
    if (outcome) markPublishedDataChanged();
    return outcome;
  } catch (error) {
    // The database away is not the job's fault: no attempt is counted, the next poll retries.
    if (!jobId || isDatabaseUnavailable(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await recordReevaluationFailure(db, { id: jobId, error: message, maxAttempts: MAX_ATTEMPTS });
    return { jobId, outcome: "failed", error: message };
  }
}

/** Judges batches until nothing is left to claim (or `shouldStop` says so); returns them. */
export async function runPendingJobs(
  db: Database,
  options: BatchOptions & { shouldStop?: () => boolean } = {},
): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  while (!options.shouldStop?.()) {
    const outcome = await processNextBatch(db, options);
    if (!outcome) break;
    outcomes.push(outcome);
  }
  return outcomes;
}

export interface ReevaluationWorker {
  /** Resolves once a pass has found nothing left to claim, or the worker has stopped. */
  drained(): Promise<void>;
  /** Finishes the batch in flight (its transaction commits), then stops polling. */
  stop(): Promise<void>;
}

/**
 * Runs in each API process: looks for unfinished re-evaluations every `pollMs` and works
 * through them. Several processes on one PostgreSQL share the work batch by batch; a job left
 * by a stopped or crashed process is taken up by the next poll of any of them.
 */
export function startReevaluationWorker(
  db: Database,
  options: { logger: Logger; pollMs?: number },
): ReevaluationWorker {
  const pollMs = options.pollMs ?? 2000;
  let stopped = false;
  let wake: (() => void) | undefined;
  let waiting: Array<() => void> = [];
  const loop = (async () => {
    while (!stopped) {
      try {
        const outcomes = await runPendingJobs(db, { shouldStop: () => stopped });
        if (!stopped) {
          for (const resolve of waiting) resolve();
          waiting = [];
        }
        for (const outcome of outcomes) {
          if (outcome.outcome === "failed")
            options.logger.error(outcome, "re-evaluation batch failed; it will be retried");
          else {
            // One line per batch: which process judged which reports of a job, for operators
            // running several processes (and the test that proves no batch is judged twice).
            options.logger.info({ ...outcome, pid: process.pid }, "re-evaluation batch judged");
            if (outcome.done >= outcome.total)
              options.logger.info(outcome, "re-evaluation finished");
          }
        }
      } catch (error) {
        options.logger.error({ err: error }, "re-evaluation worker could not claim a job");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();
  return {
    drained() {
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    stop() {
      stopped = true;
      wake?.();
      // Whoever waits for the work to drain is not left waiting for a worker that has stopped.
      return loop.then(() => {
        for (const resolve of waiting) resolve();
        waiting = [];
      });
    },
  };
}
