import { date, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { unit } from "./units";

/**
 * Attributes that thresholds depend on (region, commune group, special status), each with the
 * date it took effect: a commune's group can change in 2026 without rewriting 2024's verdicts.
 */
export const unitAttribute = pgTable(
  "unit_attribute",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    name: text().notNull(),
    value: text().notNull(),
    effectiveFrom: date({ mode: "string" }).notNull(),
  },
  // One value per attribute and date: a correction on the same date replaces the value.
  (table) => [
    unique("unit_attribute_unit_name_from_key").on(table.unitId, table.name, table.effectiveFrom),
  ],
);
