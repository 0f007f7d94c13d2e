import { sql } from "drizzle-orm";
import type { Executor } from "../database";

/**
 * The version of what standings are read from (migration 0006: bumped at the commit of any
 * change to verdicts, reports, units, clusters or sets). Read it before the data it guards: a
 * result computed afterwards is then at least as new as the version, never older.
 */
export async function readStandingVersion(db: Executor): Promise<string> {
  const result = await db.execute(
    sql`select cast(version as text) as version from standing_version where id = 1`,
  );
  // Both drivers return { rows }; the HKT-typed result does not say so.
  const { rows } = result as unknown as { rows: Array<{ version: string }> };
  return rows[0]?.version ?? "";
}
