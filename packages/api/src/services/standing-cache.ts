import { type Executor, readStandingVersionShared } from "@datchuan/db";

/**
 * Results computed from stored standings (a province's review: 600 communes' verdicts and
 * outcome rows), kept per query and reused while the database's standing version is unchanged
 * (see `readStandingVersion`): a dashboard on a projector, reloaded by a room of officials, is
 * one version check instead of a roll-up. Any committed write to what the result is read from
 * moves the version, in this process or another on the same database; a result read inside a
 * transaction (which may see its own uncommitted writes) is never cached. Bounded, oldest out.
 */
const LIMIT = 64;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

const entries = new Map<string, Entry>();
let computed = 0;
let served = 0;

/** How often the cache computed and how often it served a kept result; for tests. */
export function standingCacheStats() {
  return { computed, served, size: entries.size };
}

export async function cachedStanding<T>(
  db: Executor,
  key: unknown,
  compute: () => Promise<T>,
): Promise<T> {
  // A transaction (drizzle's has rollback(), the database has not) may see its own writes.
  if ("rollback" in db) return compute();
  const id = JSON.stringify(key);
  // The version before the data: what compute() reads is at least this new.
  const version = await readStandingVersionShared(db);
  const kept = entries.get(id);
  if (kept && kept.version === version) {
    served++;
    // Most recently used last, so the oldest goes first.
    entries.delete(id);
    entries.set(id, kept);
    return kept.value as Promise<T>;
  }
  computed++;
  // Concurrent readers of one version share one computation.
  const value = compute();
  const entry = { version, value };
  if (entries.size >= LIMIT && !entries.has(id))
    entries.delete(entries.keys().next().value as string);
  entries.set(id, entry);
  value.catch(() => {
    if (entries.get(id) === entry) entries.delete(id);
  });
  return value;
}
