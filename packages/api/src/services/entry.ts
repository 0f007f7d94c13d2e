import {
  type Executor,
  findReport,
  getReportingSchedule,
  getUnitAttributes,
  getUnitById,
  listChildObservations,
  listRegistrations,
  listReportsOfUnit,
  listReportValues,
  listUnitObservations,
} from "@datchuan/db";
import {
  periodValidUntil,
  programmeOf,
  reportDueDate,
  reportEntryBlock,
  valuesInForce,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { judgingDefinitionTree, listStoredVersions, loadJudgingSet } from "./criteria-sets";
import { childIndicatorCodes, relatedVerdicts } from "./evaluation";
import { ENTRY_BLOCKED_MESSAGES } from "./reports";

type UnitRef = { id: string; code: string; path: string; level: string };

/**
 * The sets a unit can enter values for in a period: programmes with a version in force then
 * that judge units of its level; the ones it registered for (đăng ký về đích) first, then the
 * ones it has reported in, then by title (the national NTM set before nâng cao and kiểu mẫu).
 */
export async function listEntrySets(db: Executor, unit: UnitRef, period: string) {
  const asOf = periodValidUntil(period);
  const versions = await listStoredVersions(db);
  const programmes = [...new Set(versions.map((v) => programmeOf(versions, v.setId)))].sort();
  const registered = new Map(
    (await listRegistrations(db, unit.path))
      .filter((r) => r.unitCode === unit.code)
      .map((r) => [r.setId, r.targetYear]),
  );
  const reported = new Set((await listReportsOfUnit(db, unit.id)).map((r) => r.setId));
  const sets: Array<{
    setId: string;
    title: string;
    targetYear: number | null;
    reported: boolean;
  }> = [];
  for (const setId of programmes) {
    const judging = await loadJudgingSet(db, { setId, unitPath: unit.path, asOf });
    const { set } = judging?.compiled ?? {};
    if (!judging || !set || set.level !== unit.level) continue;
    if (set.effective.from > asOf || (set.effective.to && set.effective.to < asOf)) continue;
    sets.push({
      setId,
      title: set.title,
      targetYear: registered.get(setId) ?? null,
      reported: reported.has(setId),
    });
  }
  const rank = (s: (typeof sets)[number]) => (s.targetYear !== null ? 0 : s.reported ? 1 : 2);
  return sets.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, "vi"));
}

/**
 * Everything the entry page needs for one report, and everything the server's verdict depends
 * on (the set as definitions, the unit's attributes and other periods' values, its villages'
 * values in force, related verdicts), so the browser judges typed values as the server will.
 */
export async function loadEntryContext(
  db: Executor,
  params: { unit: UnitRef; setId: string; period: string },
) {
  const { unit, period } = params;
  const asOf = periodValidUntil(period);
  const judging = await loadJudgingSet(db, { setId: params.setId, unitPath: unit.path, asOf });
  const tree = await judgingDefinitionTree(db, {
    setId: params.setId,
    unitPath: unit.path,
    asOf,
  });
  if (!judging || !tree)
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `Chưa có bộ tiêu chí ${params.setId} đã ban hành áp dụng cho đơn vị này`,
    });
  const programme = judging.programme;
  const details = (await getUnitById(db, unit.id))!;
  const report = await findReport(db, { unitId: unit.id, setId: programme, period });
  const observations = await listUnitObservations(db, {
    unitId: unit.id,
    setId: programme,
    asOf,
  });
  const childCodes = childIndicatorCodes(judging.compiled);
  const children =
    childCodes.length === 0
      ? null
      : (
          await listChildObservations(db, { parentId: unit.id, asOf, indicatorCodes: childCodes })
        ).map((child) => ({
          code: child.code,
          values: valuesInForce(judging.compiled, child.observations, asOf, { of: "children" }),
        }));
  const schedule = (await getReportingSchedule(db, programme)) ?? {
    setId: programme,
    frequency: "year" as const,
    dueDay: 25,
  };
  const block = report ? reportEntryBlock(report) : null;
  return {
    unit: { code: details.code, name: details.name, level: details.level, path: details.path },
    setId: programme,
    judgingSet: { id: judging.compiled.set.id, version: judging.compiled.set.version },
    period,
    asOf,
    dueDate: reportDueDate(period, schedule.dueDay),
    tree,
    attributes: await getUnitAttributes(db, unit.id, asOf),
    history: observations.filter((o) => o.value.period !== period),
    children,
    related: await relatedVerdicts(db, judging.compiled.indicators, {
      unitId: unit.id,
      period,
    }),
    report: report ?? null,
    values: report ? await listReportValues(db, report.id) : [],
    entryBlock: block ? { kind: block, message: ENTRY_BLOCKED_MESSAGES[block] } : null,
  };
}
