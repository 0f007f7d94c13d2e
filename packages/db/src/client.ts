import { readFileSync } from "node:fs";
import { access, constants, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import lockfile from "proper-lockfile";
import type { Database } from "./database";
import { preparingStatements } from "./pglite-statements";
import { watchStandingVersion } from "./queries/standing-version";
import * as schema from "./schema";

export type DatabaseConfig =
  | { kind: "pglite"; dataDir: string }
  /** In-memory PGlite: tests only, nothing survives close(). */
  | { kind: "pglite-memory" }
  | { kind: "postgres"; url: string };

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  /** Where the data lives, without credentials: for logs and the health endpoint. */
  location: string;
  /** Applies committed migrations; a no-op when the database is up to date. */
  migrate(): Promise<void>;
  /** Runs `work` while holding the database-wide setup lock (migrations, demo data). */
  withSetupLock<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A configuration problem the operator must fix; its message is one line, fit to print. */
export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
// Any constant works; it only has to be the same for every process migrating this database.
const SETUP_LOCK_KEY = 7_121_002;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  switch (config.kind) {
    case "pglite":
      return openPglite(config.dataDir);
    case "pglite-memory":
      return openPgliteClient(await PGlite.create(), "memory", async () => {});
    case "postgres":
      return openPostgres(config.url);
  }
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (error) {
    throw new DatabaseConfigError(
      `Data folder ${dataDir} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? String(error)}); set DATA_DIR to a writable folder.`,
    );
  }
  // PGlite is single-process: a second server on the same folder would corrupt it, so the folder
  // is locked for as long as the database is open.
  const release = await lockDataFolder(dataDir, { wait: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    await release();
    throw new DatabaseConfigError(
      `Data folder ${dataDir} does not hold a readable database (${(error as Error).message}).`,
    );
  }
  return openPgliteClient(client, dataDir, release);
}

/**
 * A lock not refreshed for this long belongs to a process that is gone. The holder refreshes it
 * every second from its main thread, which PGlite also runs on: one long statement (a seed, a
 * migration, on a loaded machine) holds that thread for seconds, and a lock thought stale then
 * would let a second process open the folder beside a live one. So the margin is wide.
 */
const LOCK_STALE_MS = 15_000;

/** proper-lockfile's options for the data folder's lock (plain data: a test's worker takes them). */
export function dataFolderLockOptions(dataDir: string, options: { wait: boolean }) {
  const waits = Math.ceil(LOCK_STALE_MS / 1_000) + 2;
  return {
    lockfilePath: `${dataDir}/.datchuan.lock`,
    stale: LOCK_STALE_MS,
    update: 1_000,
    retries: options.wait ? { retries: waits, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 } : 0,
  };
}

/**
 * Takes the data folder's lock (`.datchuan.lock` inside it), which a running server holds and
 * refreshes every second. With `wait`, waiting a little longer than it takes to go stale lets a
 * restart after a crash take over from the process that is gone (one that stopped released
 * it); without it, a held folder is refused at once (backup and restore). Returns the release.
 */
export async function lockDataFolder(
  dataDir: string,
  options: { wait: boolean },
): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, dataFolderLockOptions(dataDir, options));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new DatabaseConfigError(
        `Data folder ${dataDir} is in use by another Đạt Chuẩn process; stop it first or set DATA_DIR to another folder.`,
      );
    }
    throw error;
  }
}

function openPgliteClient(
  client: PGlite,
  location: string,
  release: () => Promise<void>,
): DatabaseHandle {
  const db = drizzlePglite({
    client: preparingStatements(client),
    schema,
    casing: "snake_case",
  });
  return {
    db,
    kind: "pglite",
    location,
    async migrate() {
      await migratePglite(db, { migrationsFolder });
      // Every commit runs on this client, so the standing version can be kept in memory; only
      // once migrated, as the announcement of commits is one of the migrations (0012).
      await watchStandingVersion(db, client);
    },
    // One process owns the folder (see the lock above), so there is nobody to wait for.
    withSetupLock: (work) => work(),
    async close() {
      await client.close();
      await release();
    },
  };
}

function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseConfigError(
      "DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database.",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new DatabaseConfigError(
      `DATABASE_URL must start with postgres:// or postgresql://, not ${parsed.protocol}//.`,
    );
  }
  if (!parsed.hostname || parsed.pathname.length <= 1) {
    throw new DatabaseConfigError(
      "DATABASE_URL must name a host and a database, e.g. postgres://user@host:5432/database.",
    );
  }
  return `postgres://${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const location = describePostgresUrl(url);
  // A stopped or unreachable server fails a request within seconds instead of holding it: a
  // bounded wait for a connection (a refused one fails at once), and TCP keep-alive so a dead
  // peer is noticed. The pool drops broken clients and connects afresh when the server is back.
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: 2_500,
    keepAlive: true,
    max: 10,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseConfigError(
      `Cannot connect to PostgreSQL at ${location}: ${(error as Error).message || (error as NodeJS.ErrnoException).code}.`,
    );
  }
  const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" });
  return {
    db,
    kind: "postgres",
    location,
    migrate: () => migrateNodePg(db, { migrationsFolder }),
    async withSetupLock(work) {
      // Two servers starting together must not both migrate or seed: a session-level advisory
      // lock on a dedicated connection serialises them.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [SETUP_LOCK_KEY]);
        try {
          return await work();
        } finally {
          await client.query("select pg_advisory_unlock($1)", [SETUP_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Cheap liveness probe for the health endpoint. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

let newestMigration: number | undefined;

/** When the newest committed migration was generated (drizzle records this per migration). */
function newestCommittedMigration(): number {
  newestMigration ??= Math.max(
    ...(
      JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
        entries: Array<{ when: number }>;
      }
    ).entries.map((entry) => entry.when),
  );
  return newestMigration;
}

/**
 * Whether every committed migration has been applied, read as drizzle's migrator reads it (the
 * newest applied one's timestamp). Throws when the database cannot be reached.
 */
export async function migrationsApplied(db: Database): Promise<boolean> {
  try {
    const result = await db.execute(
      sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
    );
    const newest = (result as unknown as { rows: Array<{ newest: unknown }> }).rows[0]?.newest;
    return newest != null && Number(newest) >= newestCommittedMigration();
  } catch (error) {
    // No migrations table yet: nothing applied.
    if ((error as { code?: string }).code === "42P01") return false;
    if ((error as { cause?: { code?: string } }).cause?.code === "42P01") return false;
    throw error;
  }
}

export { type DemoSeed, prepareDatabase, type SetupResult } from "./setup";
