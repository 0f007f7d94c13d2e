import type { UnitLevel } from "@datchuan/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../database";
import { report, unit } from "../schema";

export interface ReportPageStamp {
  /** Where the unit sits: who may read its drafts is decided per request from these. */
  unitPath: string;
  unitLevel: UnitLevel;
  /** No report for this unit, set and period yet. */
  reportId: string | null;
  /**
   * A digest of which version of each stored row a unit page shows: the report row, each of its
   * values (value, evidence note, review state) and each of its verdicts, every row named by id
   * and `xmin`, the transaction that wrote that version of it. Any write to a row — by this
   * code, another process or by hand, whatever columns it touches, row version bumped or not —
   * makes a new version with a newer transaction's id; a lock does not. So a changed row never
   * brings back an earlier digest, and the digest costs no reading of the rows' content.
   */
  stamp: string;
}

const stampQuery = (db: Database) =>
  db
    .select({
      unitPath: unit.path,
      unitLevel: unit.level,
      reportId: report.id,
      stamp: sql<string>`md5(concat_ws('|',
        ${report.id}::text || ':' || ${report}.xmin::text,
        (select string_agg(v.id::text || ':' || v.xmin::text, ',' order by v.id)
          from indicator_value v where v.report_id = ${report.id}),
        (select string_agg(s.id::text || ':' || s.xmin::text, ',' order by s.id)
          from stored_verdict s where s.report_id = ${report.id})
      ))`,
    })
    .from(unit)
    .leftJoin(
      report,
      and(
        eq(report.unitId, unit.id),
        eq(report.setId, sql.placeholder("setId")),
        eq(report.period, sql.placeholder("period")),
      ),
    )
    .where(eq(unit.code, sql.placeholder("unitCode")))
    // Named, so each connection plans it once: planning cost more than running it.
    .prepare("report_page_stamp");

const prepared = new WeakMap<Database, ReturnType<typeof stampQuery>>();

/**
 * The stamp of one unit page (unit, set, period), read before the page itself: a reply computed
 * afterwards is at least as new as the stamp, so a reply kept under it is stale only once the
 * stamp moves. One small query (index lookups; some eighty ids and transaction ids hashed), in
 * place of the page's reads and serialising its ~58 KB; undefined when no unit has the code.
 * Not for transactions: what one sees of its own writes is not what others read.
 */
export async function readReportPageStamp(
  db: Database,
  key: { unitCode: string; setId: string; period: string },
): Promise<ReportPageStamp | undefined> {
  let query = prepared.get(db);
  if (!query) {
    query = stampQuery(db);
    prepared.set(db, query);
  }
  const [row] = await query.execute(key);
  return row;
}
