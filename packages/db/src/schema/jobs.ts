import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { criteriaSet } from "./criteria-sets";

export type ReevaluationStatus = "pending" | "running" | "done" | "failed";

/**
 * Background work that judges reports again after a set version is published: a province has
 * hundreds of communes, the country thousands, too many for one request's transaction. The
 * reports are listed when the job is enqueued (with the publish) and judged in batches, each in
 * its own transaction holding this row's lock, so `done` only moves with the batch it counts.
 */
export const reevaluationJob = pgTable(
  "reevaluation_job",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The published version whose publishing asked for this work. */
    setRowId: uuid()
      .notNull()
      .references(() => criteriaSet.id, { onDelete: "restrict" }),
    status: text().$type<ReevaluationStatus>().notNull().default("pending"),
    /** Report ids in the order they are judged; `done` of them are judged already. */
    reportIds: jsonb().$type<string[]>().notNull(),
    done: integer().notNull().default(0),
    total: integer().notNull(),
    /** Batches that failed in a row; the job stops (failed) after a few. */
    attempts: integer().notNull().default(0),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index("reevaluation_job_status_idx").on(table.status, table.createdAt),
    index("reevaluation_job_set_row_idx").on(table.setRowId, table.createdAt),
  ],
);
