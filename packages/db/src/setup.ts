import type { DatabaseHandle } from "./client";
import { countUnits, insertUnits } from "./queries/units";
import { insertDemoUsers } from "./seed/demo-users";
import { thoXuanDemoUnits } from "./seed/tho-xuan";

export interface SetupResult {
  /** True when this start loaded the demo data into an empty database. */
  seeded: boolean;
}

/**
 * Brings a database to the current schema and, when asked and the database holds no units,
 * loads the demo data in one transaction: a crash midway leaves an empty database, which the
 * next start seeds again, never a half-seeded one.
 */
export async function prepareDatabase(
  handle: DatabaseHandle,
  options: { seedDemoData: boolean },
): Promise<SetupResult> {
  return handle.withSetupLock(async () => {
    await handle.migrate();
    if (!options.seedDemoData) return { seeded: false };
    return handle.db.transaction(async (tx) => {
      if ((await countUnits(tx)) > 0) return { seeded: false };
      await insertUnits(tx, thoXuanDemoUnits());
      await insertDemoUsers(tx);
      return { seeded: true };
    });
  });
}
