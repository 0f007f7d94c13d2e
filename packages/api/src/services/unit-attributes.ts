import {
  type Executor,
  getUnitAttributeEntry,
  insertUnitAttribute,
  lockUnitAttribute,
  type UnitAttributeEntry,
} from "@datchuan/db";
import { isoDateSchema } from "@datchuan/domain";
import { z } from "zod";
import { throwConflict } from "../trpc";

/**
 * What the writer read as the attribute's value on the day they set it from (with the day that
 * value took effect), or null when none was in effect: a change made since is a conflict.
 */
export const expectedAttributeSchema = z
  .object({ value: z.string().max(100), effectiveFrom: isoDateSchema })
  .nullable();

const sameEntry = (a: UnitAttributeEntry | null, b: UnitAttributeEntry | null) =>
  a === null || b === null
    ? a === b
    : a.value.normalize("NFC") === b.value.normalize("NFC") && a.effectiveFrom === b.effectiveFrom;

/**
 * Sets an attribute from a day unless someone changed what was in effect on that day since the
 * writer read it; returns the value replaced. Inside the transaction, after the per-attribute
 * lock, so two writers with the same expectation cannot both pass the check.
 */
export async function replaceUnitAttribute(
  tx: Executor,
  params: {
    unitId: string;
    name: string;
    value: string;
    effectiveFrom: string;
    expected: UnitAttributeEntry | null;
  },
): Promise<UnitAttributeEntry | null> {
  const { unitId, name, effectiveFrom } = params;
  await lockUnitAttribute(tx, { unitId, name });
  const current = await getUnitAttributeEntry(tx, { unitId, name, asOf: effectiveFrom });
  if (!sameEntry(current, params.expected)) {
    throwConflict("Ai đó vừa đổi thuộc tính này của đơn vị. Tải lại rồi làm lại.", current);
  }
  await insertUnitAttribute(tx, { unitId, name, value: params.value, effectiveFrom });
  return current;
}
