import { VIETNAM_HIERARCHIES } from "@datchuan/domain";
import { officialCriteriaSets } from "@datchuan/domain/official";
import type { DatabaseHandle } from "./client";
import { insertOfficialSets } from "./queries/criteria-sets";
import { insertHierarchies } from "./queries/unit-history";
import { countUnits, insertUnits } from "./queries/units";
import { insertDemoUsers } from "./seed/demo-users";
import { thoXuanDemoUnits } from "./seed/tho-xuan";
import { insertThoXuanConfiguration } from "./seed/tho-xuan-config";
import { insertThoXuanHistory } from "./seed/tho-xuan-history";

/**
 * Which demo data to load into an empty database: none, the light demo (units, accounts,
 * configuration; what every test database gets) or `"full"`, which adds the illustrative
 * adaptations and the accepted reports behind the May 2023 district review (what `pnpm start`
 * loads; several seconds, so tests ask for it only when they read that history).
 */
export type DemoSeed = boolean | "full";

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
  options: { seedDemoData: DemoSeed },
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
      if (options.seedDemoData === "full") await insertThoXuanHistory(tx);
      return { seeded: true };
    });
  });
}
