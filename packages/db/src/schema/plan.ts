import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appUser } from "./access";
import { unit } from "./units";

export type PlanTaskStatus = "todo" | "doing" | "done";

/**
 * A task of a commune's plan to meet a criterion (phân công nhiệm vụ cụ thể cho từng thành viên
 * và thời gian hoàn thành): who, by when, how far. The owner is a name, not an account: members
 * of the steering committee rarely have one.
 */
export const planTask = pgTable(
  "plan_task",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    criterionNumber: integer().notNull(),
    title: text().notNull(),
    owner: text().notNull(),
    /** ISO date; null when none was agreed. */
    deadline: text(),
    status: text().$type<PlanTaskStatus>().notNull().default("todo"),
    note: text(),
    /** Bumped on every change; a write must name the version it read (no silent overwrite). */
    rowVersion: integer().notNull().default(1),
    createdBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("plan_task_unit_set_idx").on(table.unitId, table.setId)],
);
