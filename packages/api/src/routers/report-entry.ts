import { periodSchema, unitCodeSchema } from "@datchuan/domain";
import { z } from "zod";
import { listEntrySets, loadEntryContext } from "../services/entry";
import { requireUnit } from "../services/lookup";
import { authedProcedure, authorize } from "../trpc";
import { reportKey } from "./report-views";

/** What the entry page reads: the sets a unit enters, and one report with all its verdict needs. */
export const reportEntryProcedures = {
  /** The sets a unit can enter values for in a period, registered ones first. */
  entrySets: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema, period: periodSchema }))
    .query(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
      return listEntrySets(ctx.db, unit, input.period);
    }),
  /**
   * One report as the entry page needs it: its values with their review state, and the set (as
   * definitions), attributes, other periods' values and villages' values its verdict depends on.
   */
  entry: authedProcedure.input(reportKey).query(async ({ ctx, input }) => {
    const unit = await requireUnit(ctx.db, input.unitCode);
    authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
    return loadEntryContext(ctx.db, { unit, setId: input.setId, period: input.period });
  }),
};
