import { sql } from "drizzle-orm";
import type { Executor } from "../database";
import { sharedReads } from "../shared-reads";

/**
 * The version of what standings are read from (migration 0006: bumped at the commit of any
 * change to verdicts, reports, units, clusters or sets). Read it before the data it guards: a
 * result computed afterwards is then at least as new as the version, never older.
 */
export async function readStandingVersion(db: Executor): Promise<string> {
  const result = await db.execute(sql.raw(VERSION_SQL));
  // Both drivers return { rows }; the HKT-typed result does not say so.
  const { rows } = result as unknown as { rows: Array<{ version: string }> };
  return rows[0]?.version ?? "";
}

const VERSION_SQL = "select cast(version as text) as version from standing_version where id = 1";

/** The driver's own client under a database handle (a pg Pool, or PGlite); none for a transaction. */
type RawClient = { query(text: string): Promise<{ rows: Array<{ version: string }> }> };

/**
 * `readStandingVersion` straight through the driver when the executor is the database itself:
 * on the embedded database the query runs on the server's own thread, and through drizzle it
 * cost about three times the query (measured: ~300 against ~100 µs on PGlite).
 */
function readOutsideTransaction(db: Executor): Promise<string> {
  const client = (db as { $client?: RawClient }).$client;
  if (!client || typeof client.query !== "function") return readStandingVersion(db);
  return client.query(VERSION_SQL).then(({ rows }) => rows[0]?.version ?? "");
}

const sharedByDatabase = new WeakMap<Executor, ReturnType<typeof sharedReads<string>>>();

/**
 * `readStandingVersion`, shared by concurrent readers: a room reloading a dashboard costs one
 * small query at a time instead of one per request (and no queue for the pool). Still as fresh
 * as a query of one's own: a reader never takes the answer of a query that began before it
 * asked (a write committed just before would be missed); it waits for the next query, which
 * every reader arriving meanwhile shares. Not for transactions: they may see their own writes.
 */
export function readStandingVersionShared(db: Executor): Promise<string> {
  let shared = sharedByDatabase.get(db);
  if (!shared) {
    shared = sharedReads<string>();
    sharedByDatabase.set(db, shared);
  }
  const watch = watched.get(db);
  if (!watch) return shared("version", () => readOutsideTransaction(db));
  if (watch.version !== undefined) return Promise.resolve(watch.version);
  const announced = watch.announced;
  return shared("version", () => readOutsideTransaction(db)).then((version) => {
    // Kept only when no commit was announced meanwhile: the answer may predate that commit.
    if (watch.announced === announced) watch.version = version;
    return version;
  });
}

/** A version kept in memory from the commits a session announces (migration 0012). */
interface Watch {
  version: string | undefined;
  /** How many commits have been announced: a read that saw this move may be behind. */
  announced: number;
}

const watched = new WeakMap<Executor, Watch>();

/** The part of PGlite's client the watch uses. */
export interface AnnouncingClient {
  listen(channel: string, callback: (payload: string) => void): Promise<unknown>;
  exec(query: string): Promise<unknown>;
}

export const STANDING_CHANNEL = "datchuan_standing";

/**
 * Keeps `db`'s standing version in memory, moved by the announcement of each commit that bumps
 * it, so `readStandingVersionShared` answers without a query. Only for a database whose every
 * commit runs on `client`'s one session — the embedded database, which one process holds —
 * where the announcement arrives before the committing query returns: no reader can ask after
 * a commit and be given the version before it. Call after migrating (0012 makes the
 * announcement).
 */
export async function watchStandingVersion(db: Executor, client: AnnouncingClient): Promise<void> {
  if (watched.has(db)) return;
  const watch: Watch = { version: undefined, announced: 0 };
  await client.listen(STANDING_CHANNEL, (payload) => {
    watch.announced++;
    watch.version = payload;
  });
  await client.exec("set datchuan.notify_standing = 'on'");
  watched.set(db, watch);
}
