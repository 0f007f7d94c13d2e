import type { UnitLevel, UnitType } from "@datchuan/domain";
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** Administrative units (đơn vị): province, district, commune, village. */
export const unit = pgTable(
  "unit",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique("unit_code_key"),
    /** NFC, as entered. */
    name: text().notNull(),
    /** Lower case without tone marks, for search that ignores them. */
    nameSearch: text().notNull(),
    level: text().$type<UnitLevel>().notNull(),
    type: text().$type<UnitType>().notNull(),
    parentId: uuid().references((): AnyPgColumn => unit.id, { onDelete: "restrict" }),
    /** Codes from the root down to this unit, "/THANH-HOA/THO-XUAN/": subtree = prefix match. */
    path: text().notNull(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("unit_parent_id_idx").on(table.parentId),
    index("unit_name_search_idx").on(table.nameSearch),
    index("unit_path_idx").on(table.path.op("text_pattern_ops")),
  ],
);
