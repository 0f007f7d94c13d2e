import type { UnitLevel } from "@datchuan/domain";
import { sql } from "drizzle-orm";
import type { Executor } from "../database";

export interface ReportPageStamp {
  /** Where the unit sits: who may read its drafts is decided per request from these. */
  unitPath: string;
  unitLevel: UnitLevel;
  /** No report for this unit, set and period yet. */
  reportId: string | null;
  /**
   * A digest of every stored row a unit page shows: the report row, each of its values (whole
   * rows: value, evidence note, review state, row version) and each verdict's columns but its
   * explained content, which is named by id and `evaluated_at` (clock_timestamp, rewritten with
   * every replacement; see `getShownVerdictStamp`). Row versions and those stamps only move
   * forward, so a changed row never brings back an earlier digest.
   */
  stamp: string;
}

/**
 * The stamp of one unit page (unit, set, period), read before the page itself: a reply computed
 * afterwards is at least as new as the stamp, so a reply kept under it is stale only once the
 * stamp moves. One small query (index lookups, some eighty value rows hashed in the database),
 * in place of the page's reads and serialising its ~58 KB; undefined when no unit has the code.
 */
export async function readReportPageStamp(
  db: Executor,
  key: { unitCode: string; setId: string; period: string },
): Promise<ReportPageStamp | undefined> {
  const result = await db.execute(sql`
    select u.path as "unitPath", u.level as "unitLevel", r.id as "reportId",
      md5(concat_ws('|',
        r::text,
        (select string_agg(v::text, ',' order by v.id)
          from indicator_value v where v.report_id = r.id),
        (select string_agg(
            (s.id, s.set_row_id, s.set_id, s.set_version, s.basis, s.as_of, s.status,
              s.criteria_met, s.criteria_total, s.indicators_met, s.indicators_total, s.summary,
              s.evaluated_at, s.signed_at)::text, ',' order by s.id)
          from stored_verdict s where s.report_id = r.id)
      )) as stamp
    from unit u
    left join report r on r.unit_id = u.id and r.set_id = ${key.setId} and r.period = ${key.period}
    where u.code = ${key.unitCode}`);
  // Both drivers return { rows }; the HKT-typed result does not say so.
  const { rows } = result as unknown as { rows: ReportPageStamp[] };
  return rows[0];
}
