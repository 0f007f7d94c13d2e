import {
  findReportOfUnitCode,
  getReportById,
  getReportingSchedule,
  getUnitById,
  getValueById,
  listEvidenceFiles,
  listPredecessors,
  listReportValues,
  listReportVerdicts,
  listVerdictHistory,
  recordAudit,
} from "@datchuan/db";
import { can, isoDateSchema, periodSchema, unitCodeSchema, vietnamDate } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { DEFAULT_SCHEDULE } from "../services/commune-home";
import { requirePublishedSet, requireUnit } from "../services/lookup";
import { reportStatesOf } from "../services/report-states";
import {
  expectedScheduleSchema,
  replaceReportingSchedule,
  scheduleFrequencySchema,
} from "../services/reporting-schedule";
import { shownVerdict } from "../services/shown-verdicts";
import { noteUnitPageReader } from "../services/unit-page-readers";
import { authedProcedure, authorize, publicProcedure } from "../trpc";

export const reportKey = z.object({
  unitCode: unitCodeSchema,
  setId: z.string().min(1),
  period: periodSchema,
});

/** Reading reports: one period, a unit's history, the district inbox, schedules, evidence lists. */
export const reportViewProcedures = {
  /**
   * A unit's report for a period. The public sees accepted reports only; drafts, submitted
   * values and return reasons need `value.read_draft` over the unit.
   */
  get: publicProcedure.input(reportKey).query(async ({ ctx, input }) => {
    // Read side by side: a unit page is a few round trips, not one per question.
    const [unit, found] = await Promise.all([
      requireUnit(ctx.db, input.unitCode),
      findReportOfUnitCode(ctx.db, input),
    ]);
    const mayReadDraft = Boolean(
      ctx.viewer &&
        can(ctx.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level }),
    );
    // What the reply is computed for, so a kept copy is served to this kind of reader only.
    noteUnitPageReader(mayReadDraft);
    if (!found || (found.status !== "accepted" && !mayReadDraft)) return null;
    // Independent reads, sent together; the explained verdict parsed once per content.
    const [verdict, values, verdicts] = await Promise.all([
      shownVerdict(ctx.db, found.id),
      listReportValues(ctx.db, found.id),
      listReportVerdicts(ctx.db, { reportId: found.id, publishedOnly: !mayReadDraft }),
    ]);
    return {
      report: found,
      // Evidence notes and return reasons are working papers, not published results.
      values: mayReadDraft
        ? values
        : values.map(({ evidenceNote: _e, returnReason: _r, ...value }) => ({
            ...value,
            evidenceNote: null,
            returnReason: null,
          })),
      verdict,
      // Every set version the report was judged by, with when; a signed verdict stays beside.
      verdicts,
      draft: found.status !== "accepted",
    };
  }),
  /** How often a set is reported and the day of the following month it is due. */
  schedule: publicProcedure
    .input(z.object({ setId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const schedule = await getReportingSchedule(ctx.db, input.setId);
      return schedule ?? { setId: input.setId, ...DEFAULT_SCHEDULE };
    }),
  /** Changes a set's schedule; `expected` is the schedule as read, so a stale change conflicts. */
  setSchedule: authedProcedure
    .input(
      z.object({
        setId: z.string().min(1),
        frequency: scheduleFrequencySchema,
        dueDay: z.int().min(1, "Ngày hạn từ 1 đến 31").max(31, "Ngày hạn từ 1 đến 31"),
        expected: expectedScheduleSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Schedules belong to the set, nationwide: only system admins change them.
      authorize(ctx.viewer, "period.manage", { unitPath: "/" });
      await requirePublishedSet(ctx.db, input.setId);
      return ctx.db.transaction(async (tx) => {
        const { before, saved } = await replaceReportingSchedule(tx, input);
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "schedule.save",
          entity: "reporting_schedule",
          entityId: input.setId,
          unitPath: "/",
          before: before ?? null,
          after: saved,
        });
        return saved;
      });
    }),
  /** The evidence files attached to a value (names and sizes; the files need a download). */
  evidenceFiles: authedProcedure
    .input(z.object({ valueId: z.uuid() }))
    .query(async ({ ctx, input }) => {
      const value = await getValueById(ctx.db, input.valueId);
      if (!value) throw new TRPCError({ code: "NOT_FOUND", message: "Không tìm thấy giá trị." });
      const report = (await getReportById(ctx.db, value.reportId))!;
      const unit = (await getUnitById(ctx.db, report.unitId))!;
      authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
      return listEvidenceFiles(ctx.db, value.id);
    }),
  /**
   * A unit's verdicts over time, continued by its predecessors' when it was formed by a merger
   * or split. The public sees accepted reports only.
   */
  history: publicProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId: z.string().min(1) }))
    .query(async ({ ctx, input }) => {
      const unit = await requireUnit(ctx.db, input.unitCode);
      const predecessors = await listPredecessors(ctx.db, unit.id);
      const mayReadDraft = Boolean(
        ctx.viewer &&
          can(ctx.viewer.roles, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level }),
      );
      return listVerdictHistory(ctx.db, {
        unitIds: [unit.id, ...predecessors.map((p) => p.id)],
        setId: input.setId,
        acceptedOnly: !mayReadDraft,
      });
    }),
  /**
   * Who has reported what for a period in a subtree, with the due date (the 25th of the next
   * month unless the set's schedule says otherwise): missing and late reports first.
   */
  states: authedProcedure
    .input(
      z.object({
        scopeCode: unitCodeSchema,
        setId: z.string().min(1),
        /** By default the period that ended last, by the set's schedule (month, quarter, year). */
        period: periodSchema.optional(),
        /** Today in Vietnam, by default; a date in the past shows who was late then. */
        asOf: isoDateSchema.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const scope = await requireUnit(ctx.db, input.scopeCode);
      authorize(ctx.viewer, "value.read_draft", { unitPath: scope.path, unitLevel: scope.level });
      // "Today" in Vietnam: a report due on the 25th is late from midnight there, not 07:00.
      return reportStatesOf(ctx.db, {
        scopePath: scope.path,
        setId: input.setId,
        period: input.period,
        asOf: input.asOf ?? vietnamDate(ctx.now()),
      });
    }),
};
