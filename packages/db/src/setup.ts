import { VIETNAM_HIERARCHIES } from "@datchuan/domain";
import { officialCriteriaSets } from "@datchuan/domain/official";
import type { DatabaseHandle } from "./client";
import { insertOfficialSets } from "./queries/criteria-sets";
import { insertHierarchies } from "./queries/unit-history";
import { countUnits, insertUnits } from "./queries/units";
import { insertDemoUsers } from "./seed/demo-users";
import { thoXuanDemoUnits } from "./seed/tho-xuan";
import { insertThoXuanConfiguration } from "./seed/tho-xuan-config";

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
    await insertHierarchies(handle.db, VIETNAM_HIERARCHIES);
    // Official sets ship with the code; a new release's sets load on its first start.
    await insertOfficialSets(
      handle.db,
      officialCriteriaSets.map(({ official: _note, ...set }) => set),
    );
    if (!options.seedDemoData) return { seeded: false };
    return handle.db.transaction(async (tx) => {
      if ((await countUnits(tx)) > 0) return { seeded: false };
      await insertUnits(tx, thoXuanDemoUnits());
      await insertDemoUsers(tx);
      await insertThoXuanConfiguration(tx);
      return { seeded: true };
    });
  });
}
