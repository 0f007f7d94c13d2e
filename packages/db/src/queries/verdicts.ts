import type { IndicatorStatus, RuleStatus, SetVerdict } from "@datchuan/domain";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { report, storedVerdict, storedVerdictOutcome, unit } from "../schema";
import { reportToReevaluate } from "./reports";

/**
 * The verdict a report shows: for an accepted report the one signed (the newest signed), for
 * any other the newest. Correlated on `report`, for joins.
 */
const shownVerdictId = sql`(
  select v.id from stored_verdict v where v.report_id = ${report.id}
  order by (${report.status} = 'accepted' and v.signed_at is not null) desc, v.evaluated_at desc, v.id
  limit 1
)`;

/** Signed verdicts and those judged after the signature; the working drafts' are not results. */
const afterSignature = sql`(${storedVerdict.signedAt} is not null or ${storedVerdict.evaluatedAt} > (
  select max(s.signed_at) from stored_verdict s where s.report_id = ${storedVerdict.reportId}
))`;

/** What a verdict was judged by: the stored set version and every version it depends on. */
export interface VerdictBasis {
  /** The criteria_set row that judged; an adaptation's row when one applied. */
  setRowId: string;
  /** The row ids of that set, the sets it adapts and the sets it refers to. */
  basis: string;
}

/**
 * Stores a report's verdict. The unsigned verdict of the same basis is replaced (the values
 * changed); a new basis adds a row beside the old ones; a signed verdict is never rewritten, and
 * a locked report judged again on the basis it was signed on keeps that verdict alone.
 */
export async function storeVerdict(
  db: Executor,
  params: VerdictBasis & { reportId: string; locked: boolean; verdict: SetVerdict },
): Promise<"inserted" | "replaced" | "kept"> {
  const { verdict } = params;
  const row = {
    reportId: params.reportId,
    setRowId: params.setRowId,
    setId: verdict.set.id,
    setVersion: verdict.set.version,
    basis: params.basis,
    asOf: verdict.asOf,
    status: verdict.status,
    criteriaMet: verdict.criteriaMet,
    criteriaTotal: verdict.criteriaTotal,
    indicatorsMet: verdict.indicatorsMet,
    indicatorsTotal: verdict.indicatorsTotal,
    summary: verdict.summary,
    verdict,
    // Several verdicts of one report may be written in one transaction; now() would tie them.
    evaluatedAt: sql`clock_timestamp()`,
  };
  // The usual case, a draft's values changed: its newest verdict, unsigned and of the same
  // basis, is replaced in place, and its outcome rows rewritten: two round trips.
  const newest = db
    .select({ id: storedVerdict.id })
    .from(storedVerdict)
    .where(eq(storedVerdict.reportId, params.reportId))
    .orderBy(desc(storedVerdict.evaluatedAt), desc(storedVerdict.id))
    .limit(1);
  const [replaced] = await db
    .update(storedVerdict)
    .set(row)
    .where(
      and(
        eq(storedVerdict.id, sql`(${newest})`),
        eq(storedVerdict.basis, params.basis),
        isNull(storedVerdict.signedAt),
      ),
    )
    .returning({ id: storedVerdict.id });
  if (replaced) {
    await replaceOutline(db, replaced.id, verdict);
    return "replaced";
  }
  if (params.locked) {
    const [latest] = await db
      .select({ basis: storedVerdict.basis })
      .from(storedVerdict)
      .where(eq(storedVerdict.id, sql`(${newest})`));
    // Of the same basis yet not replaced, so signed: a locked report keeps it alone.
    if (latest?.basis === params.basis) return "kept";
  }
  const [inserted] = await db.insert(storedVerdict).values(row).returning({ id: storedVerdict.id });
  await insertOutline(db, inserted!.id, verdict);
  return "inserted";
}

/**
 * The verdict's statuses as `storedVerdictOutcome` rows: each criterion, then its indicators,
 * in order; an indicator counts as fragile only when met. Also used by bulk loaders.
 */
export function verdictOutcomeRows(verdictId: string, verdict: SetVerdict) {
  const rows: Array<typeof storedVerdictOutcome.$inferInsert> = [];
  for (const criterion of verdict.criteria) {
    rows.push({
      verdictId,
      position: rows.length,
      criterion: criterion.number,
      indicator: null,
      status: criterion.status,
      fragile: criterion.fragile,
    });
    for (const indicator of criterion.indicators)
      rows.push({
        verdictId,
        position: rows.length,
        criterion: criterion.number,
        indicator: indicator.code,
        status: indicator.status,
        fragile: indicator.status === "met" && indicator.fragile,
      });
  }
  return rows;
}

/**
 * The rows of `verdictOutcomeRows` as a `select` over one array per column: a statement of six
 * parameters however many rows (a verdict has some 80). Built row by row, drizzle's insert of
 * ~500 parameters cost more CPU than the judging itself on a busy save path.
 */
function outlineSelect(verdictId: string, rows: ReturnType<typeof verdictOutcomeRows>) {
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
  return sql`select ${verdictId}::uuid, t.position, t.criterion, t.indicator, t.status, t.fragile
    from unnest(
      ${column((r) => r.position)}::integer[], ${column((r) => r.criterion)}::integer[],
      ${column((r) => r.indicator ?? null)}::text[], ${column((r) => r.status)}::text[],
      ${column((r) => r.fragile ?? false)}::boolean[]
    ) as t(position, criterion, indicator, status, fragile)`;
}

/**
 * A replaced verdict's outcome rows, in one statement: the rows at each position written over
 * (the same basis has the same positions), any beyond the new verdict's removed. A save changes
 * one value, so most rows are as they were: those are left alone rather than written again.
 */
async function replaceOutline(db: Executor, verdictId: string, verdict: SetVerdict) {
  const rows = verdictOutcomeRows(verdictId, verdict);
  await db.execute(sql`
    with beyond as (
      delete from stored_verdict_outcome
      where verdict_id = ${verdictId} and position >= ${rows.length}
    )
    insert into stored_verdict_outcome (verdict_id, position, criterion, indicator, status, fragile)
    ${outlineSelect(verdictId, rows)}
    on conflict (verdict_id, position) do update set
      criterion = excluded.criterion, indicator = excluded.indicator,
      status = excluded.status, fragile = excluded.fragile
    where (stored_verdict_outcome.criterion, stored_verdict_outcome.indicator,
      stored_verdict_outcome.status, stored_verdict_outcome.fragile)
      is distinct from (excluded.criterion, excluded.indicator, excluded.status, excluded.fragile)`);
}

/** The verdict's statuses as rows (see `storedVerdictOutcome`), in one insert. */
async function insertOutline(db: Executor, verdictId: string, verdict: SetVerdict) {
  const rows = verdictOutcomeRows(verdictId, verdict);
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into stored_verdict_outcome (verdict_id, position, criterion, indicator, status, fragile)
    ${outlineSelect(verdictId, rows)}`);
}

/**
 * The outlines of stored verdicts (statuses only, the domain's `VerdictOutline`), by verdict id: what a
 * roll-up reads instead of parsing each explained verdict.
 */
export async function listVerdictOutlines(db: Executor, verdictIds: readonly string[]) {
  type Indicator = { code: string; status: IndicatorStatus; fragile: boolean };
  type Criterion = { number: number; status: RuleStatus; indicators: Indicator[] };
  const outlines = new Map<string, Criterion[]>();
  if (verdictIds.length === 0) return outlines;
  const rows = await db
    .select()
    .from(storedVerdictOutcome)
    .where(inArray(storedVerdictOutcome.verdictId, [...verdictIds]))
    .orderBy(asc(storedVerdictOutcome.verdictId), asc(storedVerdictOutcome.position));
  for (const row of rows) {
    const criteria = outlines.get(row.verdictId) ?? [];
    outlines.set(row.verdictId, criteria);
    // Rows come criterion first, then its indicators (`position`).
    if (row.indicator === null)
      criteria.push({ number: row.criterion, status: row.status as RuleStatus, indicators: [] });
    else
      criteria.at(-1)?.indicators.push({
        code: row.indicator,
        status: row.status as IndicatorStatus,
        fragile: row.fragile,
      });
  }
  return outlines;
}

/** Marks the report's newest verdict as the one signed: its acceptance is over these results. */
export async function signVerdict(db: Executor, reportId: string): Promise<void> {
  await db
    .update(storedVerdict)
    .set({ signedAt: sql`now()` })
    .where(
      eq(
        storedVerdict.id,
        sql`(select v.id from stored_verdict v where v.report_id = ${reportId}
          order by v.evaluated_at desc, v.id desc limit 1)`,
      ),
    );
}

/** The verdict a report shows (see `shownVerdictId`). */
export async function getStoredVerdict(db: Executor, reportId: string) {
  const [row] = await db
    .select({ verdictRow: storedVerdict })
    .from(report)
    .innerJoin(storedVerdict, eq(storedVerdict.id, shownVerdictId))
    .where(eq(report.id, reportId));
  return row?.verdictRow;
}

/**
 * Which verdict a report shows (see `shownVerdictId`) and a stamp of its stored content, without
 * the explained verdict (~50 KB): what a cache of parsed verdicts is checked against. A verdict
 * replaced gets a new `evaluatedAt` (clock_timestamp, to the microsecond), so id and stamp name
 * one content; signing changes only `signedAt`, not the verdict.
 */
export async function getShownVerdictStamp(db: Executor, reportId: string) {
  // The shown verdict's id found first (uncorrelated, so an index lookup, not a join).
  const [row] = await db
    .select({
      id: storedVerdict.id,
      stamp: sql<string>`cast(${storedVerdict.evaluatedAt} as text)`,
    })
    .from(storedVerdict)
    .where(
      eq(
        storedVerdict.id,
        sql`(select v.id from stored_verdict v join report r on r.id = v.report_id
          where v.report_id = ${reportId}
          order by (r.status = 'accepted' and v.signed_at is not null) desc, v.evaluated_at desc, v.id
          limit 1)`,
      ),
    );
  return row;
}

/** A stored verdict's explained content with its stamp (see `getShownVerdictStamp`). */
export async function getVerdictContent(db: Executor, verdictId: string) {
  const [row] = await db
    .select({
      verdict: storedVerdict.verdict,
      stamp: sql<string>`cast(${storedVerdict.evaluatedAt} as text)`,
    })
    .from(storedVerdict)
    .where(eq(storedVerdict.id, verdictId));
  return row;
}

/** One stored verdict, explained, by its id (as `listLatestVerdicts` names it). */
export async function getVerdictById(db: Executor, verdictId: string) {
  const [row] = await db.select().from(storedVerdict).where(eq(storedVerdict.id, verdictId));
  return row;
}

/**
 * Of these stored verdicts, those that rest on a threshold nobody has checked against the
 * decision yet (provenance `verified: false`): illustrative, not legal, results. Read inside
 * the database so the explained verdicts are not sent over.
 */
export async function listVerdictsOnUnverifiedThresholds(
  db: Executor,
  verdictIds: readonly string[],
): Promise<Set<string>> {
  if (verdictIds.length === 0) return new Set();
  const rows = await db
    .select({ id: storedVerdict.id })
    .from(storedVerdict)
    .where(
      and(
        inArray(storedVerdict.id, [...verdictIds]),
        sql`jsonb_path_exists(${storedVerdict.verdict}, '$.criteria[*].indicators[*].threshold.reason.provenance.verified ? (@ == false)')`,
      ),
    );
  return new Set(rows.map((r) => r.id));
}

const verdictSummaryColumns = {
  id: storedVerdict.id,
  setId: storedVerdict.setId,
  setVersion: storedVerdict.setVersion,
  asOf: storedVerdict.asOf,
  verdictStatus: storedVerdict.status,
  summary: storedVerdict.summary,
  criteriaMet: storedVerdict.criteriaMet,
  criteriaTotal: storedVerdict.criteriaTotal,
  indicatorsMet: storedVerdict.indicatorsMet,
  indicatorsTotal: storedVerdict.indicatorsTotal,
  evaluatedAt: storedVerdict.evaluatedAt,
  signedAt: storedVerdict.signedAt,
};

/**
 * Every verdict of a report, oldest first: the set version each was judged by, and when. With
 * `publishedOnly`, the signed ones and those judged after the signature (not the working drafts').
 */
export async function listReportVerdicts(
  db: Executor,
  params: { reportId: string; publishedOnly: boolean },
) {
  return db
    .select({
      ...verdictSummaryColumns,
      shown: sql<boolean>`${storedVerdict.id} = ${shownVerdictId}`,
    })
    .from(storedVerdict)
    .innerJoin(report, eq(report.id, storedVerdict.reportId))
    .where(
      and(
        eq(storedVerdict.reportId, params.reportId),
        params.publishedOnly ? afterSignature : undefined,
      ),
    )
    .orderBy(asc(storedVerdict.evaluatedAt), asc(storedVerdict.id));
}

/** The reports a set version may judge: those of its programme, inside its owner's subtree. */
export async function listReportsUnder(
  db: Executor,
  params: { setId: string; pathPrefix: string },
) {
  return db
    .select(reportToReevaluate)
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .where(and(eq(report.setId, params.setId), sql`${unit.path} like ${`${params.pathPrefix}%`}`));
}

/**
 * Every unit of a level in a subtree with its report (if any) for a set and period: the inbox
 * of what is missing, late or waiting for review. Units that ended before `asOf` (merged away,
 * closed) owe nothing any more and are left out.
 */
export async function listReportStates(
  db: Executor,
  params: { scopePath: string; level: string; setId: string; period: string; asOf: string },
) {
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      unitType: unit.type,
      reportId: report.id,
      status: report.status,
      submittedAt: report.submittedAt,
      verdictSummary: storedVerdict.summary,
    })
    .from(unit)
    .leftJoin(
      report,
      and(
        eq(report.unitId, unit.id),
        eq(report.setId, params.setId),
        eq(report.period, params.period),
      ),
    )
    .leftJoin(storedVerdict, eq(storedVerdict.id, shownVerdictId))
    .where(
      and(
        eq(unit.level, params.level as "commune"),
        sql`${unit.path} like ${`${params.scopePath}%`}`,
        sql`(${unit.validTo} is null or ${unit.validTo} >= ${params.asOf})`,
      ),
    )
    .orderBy(asc(unit.sortOrder));
}

/**
 * Stored verdicts of a set for some units (a unit and its predecessors), oldest period first
 * and, within a period, every set version the report was judged by, oldest first: a merged
 * commune's history continues its predecessors' reports. For the public (`acceptedOnly`) only
 * accepted reports, and of those the signed verdicts and any judged after the signature.
 */
export async function listVerdictHistory(
  db: Executor,
  params: { unitIds: readonly string[]; setId: string; acceptedOnly: boolean },
) {
  const conditions = [inArray(report.unitId, [...params.unitIds]), eq(report.setId, params.setId)];
  if (params.acceptedOnly) {
    conditions.push(eq(report.status, "accepted"));
    conditions.push(afterSignature);
  }
  return db
    .select({
      unitCode: unit.code,
      unitName: unit.name,
      period: report.period,
      status: report.status,
      /** The verdict the report shows (signed, for an accepted report). */
      shown: sql<boolean>`${storedVerdict.id} = ${shownVerdictId}`,
      ...verdictSummaryColumns,
    })
    .from(report)
    .innerJoin(unit, eq(report.unitId, unit.id))
    .innerJoin(storedVerdict, eq(storedVerdict.reportId, report.id))
    .where(and(...conditions))
    .orderBy(
      asc(report.period),
      asc(unit.code),
      asc(storedVerdict.evaluatedAt),
      asc(storedVerdict.id),
    );
}
