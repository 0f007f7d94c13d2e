import type { IndicatorValue, SetVerdict } from "@datchuan/domain";
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { appUser } from "./access";
import { criteriaSet } from "./criteria-sets";
import { unit } from "./units";

export type ReviewStatus = "draft" | "submitted" | "accepted" | "returned";
export type ReportStatus = "draft" | "submitted" | "accepted" | "returned";

/** Binary content (evidence files, dossier documents), read back as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** How often a set is reported and on which day of the following month it is due. */
export const reportingSchedule = pgTable("reporting_schedule", {
  setId: text().primaryKey(),
  frequency: text().$type<"month" | "quarter" | "year">().notNull(),
  /** Day of the month after the period ends: 25 by default, as districts ask. */
  dueDay: integer().notNull().default(25),
});

/** One unit's report against one set for one period (kỳ báo cáo). */
export const report = pgTable(
  "report",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "restrict" }),
    setId: text().notNull(),
    period: text().notNull(),
    status: text().$type<ReportStatus>().notNull().default("draft"),
    /** An accepted report is locked; only an explicit, logged reopening unlocks it. */
    locked: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("report_unit_set_period_key").on(table.unitId, table.setId, table.period)],
);

/** An indicator's value in a report, with its evidence note and review state. */
export const indicatorValue = pgTable(
  "indicator_value",
  {
    id: uuid().primaryKey().defaultRandom(),
    reportId: uuid()
      .notNull()
      .references(() => report.id, { onDelete: "restrict" }),
    indicatorCode: text().notNull(),
    value: jsonb().$type<IndicatorValue>().notNull(),
    evidenceNote: text(),
    reviewStatus: text().$type<ReviewStatus>().notNull().default("draft"),
    returnReason: text(),
    enteredBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    /** Bumped on every change; a write must name the version it read (no silent overwrite). */
    rowVersion: integer().notNull().default(1),
  },
  (table) => [
    unique("indicator_value_report_indicator_key").on(table.reportId, table.indicatorCode),
  ],
);

/** A file attached as evidence, stored in the database so it shares the value's transaction. */
export const evidenceFile = pgTable(
  "evidence_file",
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorValueId: uuid()
      .notNull()
      .references(() => indicatorValue.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    uploadedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("evidence_file_value_idx").on(table.indicatorValueId)],
);

/**
 * The evaluator's verdicts for a report, stored on every change so dashboards read them and never
 * re-evaluate on a page view. One row per set version a report was judged by: a value change
 * replaces the unsigned verdict of the same version; a new version adds a row beside it, so a
 * signed (accepted) report keeps the verdict that was signed.
 */
export const storedVerdict = pgTable(
  "stored_verdict",
  {
    id: uuid().primaryKey().defaultRandom(),
    reportId: uuid()
      .notNull()
      .references(() => report.id, { onDelete: "cascade" }),
    /** The stored set version that judged (an adaptation's row when one applied). */
    setRowId: uuid().references(() => criteriaSet.id, { onDelete: "restrict" }),
    setId: text().notNull(),
    setVersion: text().notNull(),
    /** Every stored version the verdict depends on (the set, the sets it adapts and refers to). */
    basis: text().notNull(),
    asOf: text().notNull(),
    status: text().notNull(),
    criteriaMet: integer().notNull(),
    criteriaTotal: integer().notNull(),
    indicatorsMet: integer().notNull(),
    indicatorsTotal: integer().notNull(),
    summary: text().notNull(),
    verdict: jsonb().$type<SetVerdict>().notNull(),
    evaluatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the report was accepted with this verdict; a signed verdict is never rewritten. */
    signedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index("stored_verdict_report_idx").on(table.reportId, table.evaluatedAt)],
);

/**
 * A stored verdict's statuses in rows SQL can count (how many communes fail criterion 2), and
 * what roll-ups read instead of the explained verdict: one row per criterion (`indicator` null)
 * followed by one per indicator of it, in the verdict's order (`position`).
 */
export const storedVerdictOutcome = pgTable(
  "stored_verdict_outcome",
  {
    verdictId: uuid()
      .notNull()
      .references(() => storedVerdict.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    criterion: integer().notNull(),
    indicator: text(),
    status: text().notNull(),
    /** Met within the fragile margin (đạt nhưng chưa bền vững). */
    fragile: boolean().notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.verdictId, table.position] })],
);
