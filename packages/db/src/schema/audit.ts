import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appUser } from "./access";

/**
 * Every write, attributable: who, when, what, before → after. `unitPath` places the event in
 * the unit tree so admins read the log of their own subtree only.
 */
export const auditEvent = pgTable(
  "audit_event",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid().references(() => appUser.id, { onDelete: "set null" }),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text().notNull(),
    unitPath: text().notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (table) => [
    index("audit_event_unit_path_idx").on(table.unitPath),
    index("audit_event_entity_idx").on(table.entity, table.entityId),
  ],
);
