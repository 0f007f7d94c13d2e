import { type Executor, findDepartment, getUnitRef } from "@datchuan/db";
import { type CriteriaSet, findIndicator, periodValidUntil } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { listStoredVersions, loadJudgingSet } from "./criteria-sets";

/** The unit with this code, or NOT_FOUND in Vietnamese. */
export async function requireUnit(db: Executor, code: string) {
  const unit = await getUnitRef(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
}

/** NOT_FOUND unless some version of the set is published. */
export async function requirePublishedSet(db: Executor, setId: string): Promise<void> {
  if (!(await listStoredVersions(db)).some((v) => v.setId === setId)) {
    throw new TRPCError({ code: "NOT_FOUND", message: `Chưa có bộ tiêu chí ${setId} đã ban hành` });
  }
}

/**
 * The set that judges a unit's report for a period (the nearest adaptation on the unit's path,
 * the version in force at the period's end), compiled; NOT_FOUND when none applies.
 */
export async function requireJudgingSet(
  db: Executor,
  params: { setId: string; unit: { path: string }; period: string },
) {
  const judging = await loadJudgingSet(db, {
    setId: params.setId,
    unitPath: params.unit.path,
    asOf: periodValidUntil(params.period),
  });
  if (!judging) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `Chưa có bộ tiêu chí ${params.setId} đã ban hành áp dụng cho đơn vị này`,
    });
  }
  return { ...judging, set: judging.compiled.set };
}

export function requireIndicator(set: CriteriaSet, code: string) {
  const found = findIndicator(set, code);
  if (!found) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Bộ tiêu chí ${set.id} không có chỉ tiêu ${code}`,
    });
  }
  return found;
}

/** The department that reviews an indicator for a unit: the set's own, else the area's assignment. */
export async function departmentOf(
  db: Executor,
  params: {
    set: CriteriaSet;
    indicatorCode: string;
    unitPath: string;
    /** The programme the assignments are made for, when the set is an adaptation of it. */
    setId?: string;
  },
): Promise<string | null> {
  const { criterion, indicator } = requireIndicator(params.set, params.indicatorCode);
  return (
    indicator.department ??
    criterion.department ??
    (await findDepartment(db, {
      unitPath: params.unitPath,
      setId: params.setId ?? params.set.id,
      criterionNumber: criterion.number,
      indicatorCode: indicator.code,
    }))
  );
}
