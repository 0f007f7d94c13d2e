import type { CriteriaSetInput } from "@datchuan/domain";
import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { appUser } from "./access";
import { unit } from "./units";

/**
 * Criteria sets (Bộ tiêu chí) as versioned legal objects. A draft can be edited; a published
 * version is immutable, and a change to it is a new version. Official sets load as published.
 */
export const criteriaSet = pgTable(
  "criteria_set",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The model's id, e.g. "ntm-xa-2021-2025"; one row per version. */
    setId: text().notNull(),
    version: text().notNull(),
    title: text().notNull(),
    status: text().$type<"draft" | "published">().notNull(),
    /** Null for national sets; a province (or district) for its own adaptations. */
    ownerUnitId: uuid().references(() => unit.id, { onDelete: "restrict" }),
    definition: jsonb().$type<CriteriaSetInput>().notNull(),
    /** Copied from the definition so the version judging a unit is chosen without parsing it. */
    effectiveFrom: text().notNull(),
    effectiveTo: text(),
    /** The set id this one adapts (`adapts.id`), and the version it pins, if any. */
    adaptsSetId: text(),
    adaptsVersion: text(),
    official: text().$type<"official" | "local">().notNull().default("local"),
    rowVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    unique("criteria_set_set_id_version_key").on(table.setId, table.version),
    index("criteria_set_status_idx").on(table.status, table.setId),
  ],
);

/** Which department (phòng, ngành) owns a criterion, or one indicator, in a unit's area. */
export const departmentAssignment = pgTable(
  "department_assignment",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerUnitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    criterionNumber: integer().notNull(),
    /** Null: the whole criterion. */
    indicatorCode: text(),
    department: text().notNull(),
  },
  (table) => [index("department_assignment_owner_idx").on(table.ownerUnitId, table.setId)],
);

/** A unit's registration to reach a set's standard in a year (đăng ký về đích). */
export const registration = pgTable(
  "registration",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    targetYear: integer().notNull(),
    note: text(),
    rowVersion: integer().notNull().default(1),
    createdBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("registration_unit_set_key").on(table.unitId, table.setId)],
);

/** A yearly target for an aggregate indicator of a district or province (chỉ tiêu năm). */
export const target = pgTable(
  "target",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    year: integer().notNull(),
    /** A stable key: "income", "poverty_rate", "health_insurance", "clean_water", "ocop_products"… */
    metric: text().notNull(),
    label: text().notNull(),
    comparator: text().$type<"gte" | "lte">().notNull(),
    value: numeric({ mode: "number" }).notNull(),
    unitOfMeasure: text().notNull(),
    /** The year's result as the office recorded it (null: not known yet), and where it is from. */
    actual: numeric({ mode: "number" }),
    actualSource: text(),
    rowVersion: integer().notNull().default(1),
  },
  (table) => [unique("target_unit_year_metric_key").on(table.unitId, table.year, table.metric)],
);
