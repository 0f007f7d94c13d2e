import type { Role } from "@datchuan/domain";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { unit } from "./units";

/** People who sign in. Usernames are stored lower-case; passwords only as scrypt hashes. */
export const appUser = pgTable("app_user", {
  id: uuid().primaryKey().defaultRandom(),
  username: text().notNull().unique("app_user_username_key"),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
  active: boolean().notNull().default(true),
  /** Bumped on every change, for optimistic concurrency. */
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  passwordChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A role held over a unit subtree; system admins have no scope unit. */
export const roleAssignment = pgTable(
  "role_assignment",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    role: text().$type<Role>().notNull(),
    scopeUnitId: uuid().references(() => unit.id, { onDelete: "restrict" }),
    department: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("role_assignment_user_id_idx").on(table.userId)],
);

/** Signed-in sessions. Only a hash of the cookie's token is stored. */
export const session = pgTable(
  "session",
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => appUser.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index("session_user_id_idx").on(table.userId)],
);

/** Failed sign-ins, for throttling guessing; old rows are pruned on each attempt. */
export const signInFailure = pgTable(
  "sign_in_failure",
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    failedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("sign_in_failure_username_idx").on(table.username, table.failedAt)],
);
