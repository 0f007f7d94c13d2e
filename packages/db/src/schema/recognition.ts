import type { RecognitionLevel } from "@datchuan/domain";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { appUser } from "./access";
import { registration } from "./criteria-sets";
import { bytea } from "./reporting";
import { unit } from "./units";

/**
 * The recognition lifecycle of a unit (commune, or village for thôn kiểu mẫu) under a set:
 * roadmap → dossier → appraisal → decision → maintenance → (revocation). Every table is keyed by
 * unit and set id, so the same lifecycle serves every level.
 */

/** A roadmap step of a registration: the criteria planned to be finished in one quarter. */
export const roadmapItem = pgTable(
  "roadmap_item",
  {
    id: uuid().primaryKey().defaultRandom(),
    registrationId: uuid()
      .notNull()
      .references(() => registration.id, { onDelete: "cascade" }),
    year: integer().notNull(),
    quarter: integer().notNull(),
    /** The criteria (their numbers in the set) planned to be finished by the quarter's end. */
    criterionNumbers: jsonb().$type<number[]>().notNull(),
    note: text(),
    rowVersion: integer().notNull().default(1),
    createdBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("roadmap_item_registration_idx").on(table.registrationId)],
);

/**
 * One item of the recognition dossier (hồ sơ đề nghị xét công nhận): a criterion's file, or the
 * general dossier of the unit (hồ sơ chung) when `criterionNumber` is null.
 */
export const dossierItem = pgTable(
  "dossier_item",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    criterionNumber: integer(),
    /** Declared finished by whoever keeps the dossier; counted complete only with a document. */
    complete: boolean().notNull().default(false),
    note: text(),
    rowVersion: integer().notNull().default(1),
    updatedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("dossier_item_unit_set_criterion_key")
      .on(table.unitId, table.setId, table.criterionNumber)
      .nullsNotDistinct(),
  ],
);

/** A document of a dossier item, stored like evidence files (same kinds and limits). */
export const dossierDocument = pgTable(
  "dossier_document",
  {
    id: uuid().primaryKey().defaultRandom(),
    dossierItemId: uuid()
      .notNull()
      .references(() => dossierItem.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    uploadedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("dossier_document_item_idx").on(table.dossierItemId)],
);

/** The departments (ngành) that appraise recognition dossiers of the units below a scope. */
export const appraisingDepartment = pgTable(
  "appraising_department",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerUnitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    department: text().notNull(),
  },
  (table) => [unique("appraising_department_owner_key").on(table.ownerUnitId, table.department)],
);

/** The dossier sent to one appraising department, and its visit and opinion once recorded. */
export const appraisal = pgTable(
  "appraisal",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    department: text().notNull(),
    sentOn: text().notNull(),
    visitedOn: text(),
    opinion: text(),
    agrees: boolean(),
    rowVersion: integer().notNull().default(1),
    updatedBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("appraisal_unit_set_department_key").on(table.unitId, table.setId, table.department),
  ],
);

/** What the unit stood at on a decision's date, copied when the decision is recorded. */
export interface StandingSnapshot {
  period: string;
  status: "met" | "not_met" | "undetermined";
  criteriaMet: number;
  criteriaTotal: number;
  indicatorsMet: number;
  indicatorsTotal: number;
  signed: boolean;
}

/**
 * A decision of recognition (quyết định công nhận) or of its revocation (thu hồi). A unit is
 * recognised under a set from a recognition decision's date until a later revocation.
 */
export const recognitionDecision = pgTable(
  "recognition_decision",
  {
    id: uuid().primaryKey().defaultRandom(),
    unitId: uuid()
      .notNull()
      .references(() => unit.id, { onDelete: "cascade" }),
    setId: text().notNull(),
    kind: text().$type<"recognition" | "revocation">().notNull(),
    /** Null for a revocation. */
    level: text().$type<RecognitionLevel>(),
    number: text().notNull(),
    decidedOn: text().notNull(),
    signer: text().notNull(),
    /** The unit's standing on the decision date (null: no verdict then). */
    standing: jsonb().$type<StandingSnapshot>(),
    /** Recorded although the standing disagreed with it: why (required then). */
    overrideReason: text(),
    /** A revocation's grounds, shown with it. */
    reason: text(),
    /** Made up for the demo: shown as illustrative wherever the decision is. */
    illustrative: boolean().notNull().default(false),
    createdBy: uuid().references(() => appUser.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("recognition_decision_unit_set_idx").on(table.unitId, table.setId)],
);
