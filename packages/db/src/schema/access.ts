import type { Role } from "@datchuan/domain";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { unit } from "./units";

/** People who sign in. Usernames are stored lower-case; passwords only as argon2id hashes. */
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

/**
 * Sign-in attempts, for throttling guesses. An attempt is written before its password is checked
 * (so concurrent guesses are counted) and deleted when it succeeds; what remains are failures.
 */
export const signInAttempt = pgTable(
  "sign_in_attempt",
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    /** The client's address as the server sees it (behind a trusted proxy: the forwarded one). */
    clientAddress: text().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("sign_in_attempt_username_idx").on(
      table.username,
      table.clientAddress,
      table.attemptedAt,
    ),
    index("sign_in_attempt_client_idx").on(table.clientAddress, table.attemptedAt),
    index("sign_in_attempt_time_idx").on(table.attemptedAt),
  ],
);
