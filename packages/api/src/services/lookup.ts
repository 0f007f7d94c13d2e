import { type Executor, findDepartment, getPublishedSet, getUnitRef } from "@datchuan/db";
import { type CriteriaSet, findIndicator } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";

/** The unit with this code, or NOT_FOUND in Vietnamese. */
export async function requireUnit(db: Executor, code: string) {
  const unit = await getUnitRef(db, code);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${code}` });
  return unit;
}

export async function requirePublishedSet(db: Executor, setId: string) {
  const published = await getPublishedSet(db, setId);
  if (!published) {
    throw new TRPCError({ code: "NOT_FOUND", message: `Chưa có bộ tiêu chí ${setId} đã ban hành` });
  }
  return published;
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
  params: { set: CriteriaSet; indicatorCode: string; unitPath: string },
): Promise<string | null> {
  const { criterion, indicator } = requireIndicator(params.set, params.indicatorCode);
  return (
    indicator.department ??
    criterion.department ??
    (await findDepartment(db, {
      unitPath: params.unitPath,
      setId: params.set.id,
      criterionNumber: criterion.number,
      indicatorCode: indicator.code,
    }))
  );
}
