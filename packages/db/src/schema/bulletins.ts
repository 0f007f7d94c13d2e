import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appUser } from "./access";
import { unit } from "./units";

/**
 * A published review report (bản tin rà soát): the report model as it stood when an admin
 * published it, kept as a snapshot so the public reads what was published, not a later
 * recount. Retracting keeps the row (and its audit trail) but takes it off the portal.
 */
export const bulletin = pgTable(
  "bulletin",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "restrict" }),
    setId: text().notNull(),
    asOf: text().notNull(),
    since: text(),
    title: text().notNull(),
    /** The `ReviewReport` model, as built on publication. */
    report: jsonb().notNull(),
    publishedBy: uuid()
      .notNull()
      .references(() => appUser.id),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
    retractedBy: uuid().references(() => appUser.id),
    retractedAt: timestamp({ withTimezone: true }),
    retractReason: text(),
    rowVersion: integer().notNull().default(1),
  },
  (table) => [index("bulletin_published_at_idx").on(table.publishedAt)],
);
