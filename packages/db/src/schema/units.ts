import type { UnitLevel, UnitType } from "@datchuan/domain";
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
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
    /** The unit existed from this day; a merged or abolished unit keeps its row with `validTo`. */
    validFrom: date({ mode: "string" }).notNull().default("1900-01-01"),
    validTo: date({ mode: "string" }),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("unit_parent_id_idx").on(table.parentId),
    index("unit_name_search_idx").on(table.nameSearch),
    index("unit_path_idx").on(table.path.op("text_pattern_ops")),
  ],
);

/** The levels in force from a date (configured, not hard-coded; see the domain's hierarchies). */
export const hierarchy = pgTable("hierarchy", {
  effectiveFrom: date({ mode: "string" }).primaryKey(),
  name: text().notNull(),
  levels: jsonb().$type<UnitLevel[]>().notNull(),
});

/**
 * Mergers, splits and renamings (sáp nhập, chia tách): a commune formed from three keeps their
 * history through these links, and reports can roll the old units' data into the new one.
 */
export const unitSuccession = pgTable(
  "unit_succession",
  {
    predecessorId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "restrict" }),
    successorId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "restrict" }),
    kind: text().$type<"merge" | "split">().notNull(),
    effectiveDate: date({ mode: "string" }).notNull(),
    decision: text(),
  },
  (table) => [
    primaryKey({ columns: [table.predecessorId, table.successorId] }),
    index("unit_succession_successor_idx").on(table.successorId),
  ],
);

/** A named group of units an admin defines, e.g. a former district kept as a cluster. */
export const unitCluster = pgTable("unit_cluster", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  ownerUnitId: uuid()
    .notNull()
    .references(() => unit.id, { onDelete: "cascade" }),
  /** Bumped by every edit (name, members): an edit names the version it read. */
  rowVersion: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const unitClusterMember = pgTable(
  "unit_cluster_member",
  {
    clusterId: uuid()
      .notNull()
      .references(() => unitCluster.id, { onDelete: "cascade" }),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.clusterId, table.unitId] })],
);
