import {
  can,
  isoDateSchema,
  RECOGNITION_LEVELS,
  unitCodeSchema,
  vietnamDate,
} from "@datchuan/domain";
import { z } from "zod";
import { requireUnit } from "../services/lookup";
import { describeLifecycle } from "../services/recognition";
import {
  recordAppraisal,
  recordRecognition,
  recordRevocation,
  removeRoadmapStep,
  requireLifecycleLevel,
  saveDossier,
  saveRoadmapStep,
  sendToAppraisal,
} from "../services/recognition-actions";
import { authedProcedure, authorize, type Context, createTRPCRouter } from "../trpc";

const setId = z.string().trim().min(1, "Chọn bộ tiêu chí").max(100);
const rowVersion = z.int().min(1);
const note = z.string().trim().max(2000).nullable().default(null);
/** Empty is allowed through here so the refusal names every missing field at once. */
const decisionFields = {
  unitCode: unitCodeSchema,
  setId,
  number: z.string().trim().max(100, "Số quyết định quá dài").default(""),
  decidedOn: isoDateSchema.or(z.literal("")).default(""),
  signer: z.string().trim().max(200, "Tên người ký quá dài").default(""),
};

async function lifecycleUnit(ctx: Context, code: string) {
  const unit = await requireUnit(ctx.db, code);
  requireLifecycleLevel(unit);
  return unit;
}

/**
 * The recognition lifecycle of a commune or village (công nhận đạt chuẩn): roadmap, dossier,
 * appraisal, decisions and the timeline. Logic and access live in services/recognition*.
 */
export const recognitionRouter = createTRPCRouter({
  lifecycle: authedProcedure
    .input(z.object({ unitCode: unitCodeSchema, setId, asOf: isoDateSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const unit = await lifecycleUnit(ctx, input.unitCode);
      authorize(ctx.viewer, "value.read_draft", { unitPath: unit.path, unitLevel: unit.level });
      const lifecycle = await describeLifecycle(ctx.db, {
        unit,
        setId: input.setId,
        asOf: input.asOf ?? vietnamDate(ctx.now()),
        forPublic: false,
      });
      const target = { unitPath: unit.path, unitLevel: unit.level };
      return {
        ...lifecycle,
        unit: { code: unit.code, level: unit.level },
        may: {
          keepDossier:
            can(ctx.viewer.roles, "report.submit", target) ||
            can(ctx.viewer.roles, "target.manage", target),
          decide: can(ctx.viewer.roles, "target.manage", target),
        },
      };
    }),

  /** Adds a roadmap step (no id) or changes one at the version read. */
  saveRoadmapStep: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        setId,
        id: z.uuid().nullable().default(null),
        expectedRowVersion: rowVersion.nullable().default(null),
        year: z.int().min(2010, "Năm không hợp lệ").max(2100, "Năm không hợp lệ"),
        quarter: z.int().min(1, "Chọn quý I–IV").max(4, "Chọn quý I–IV"),
        criterionNumbers: z
          .array(z.int().min(1).max(99))
          .min(1, "Chọn ít nhất một tiêu chí")
          .max(99)
          .transform((n) => [...new Set(n)].sort((a, b) => a - b)),
        note,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return saveRoadmapStep(ctx.db, ctx.viewer, { ...rest, unit });
    }),

  deleteRoadmapStep: authedProcedure
    .input(
      z.object({ unitCode: unitCodeSchema, setId, id: z.uuid(), expectedRowVersion: rowVersion }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return removeRoadmapStep(ctx.db, ctx.viewer, { ...rest, unit });
    }),

  /** A criterion's dossier item, or the general dossier (criterionNumber null). */
  saveDossierItem: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        setId,
        criterionNumber: z.int().min(1).max(99).nullable(),
        complete: z.boolean(),
        note,
        expectedRowVersion: rowVersion.nullable().default(null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return saveDossier(ctx.db, ctx.viewer, { ...rest, unit, today: vietnamDate(ctx.now()) });
    }),

  sendToAppraisal: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        setId,
        departments: z
          .array(z.string().trim().min(1).max(200))
          .min(1, "Chọn ít nhất một ngành")
          .max(50),
        sentOn: isoDateSchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return sendToAppraisal(ctx.db, ctx.viewer, { ...rest, unit });
    }),

  recordAppraisal: authedProcedure
    .input(
      z.object({
        unitCode: unitCodeSchema,
        setId,
        department: z.string().trim().min(1, "Chọn ngành").max(200),
        visitedOn: isoDateSchema,
        opinion: z.string().trim().min(1, "Ghi ý kiến thẩm định của ngành").max(4000),
        agrees: z.boolean(),
        expectedRowVersion: rowVersion,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return recordAppraisal(ctx.db, ctx.viewer, { ...rest, unit });
    }),

  recordDecision: authedProcedure
    .input(
      z.object({
        ...decisionFields,
        level: z.enum(RECOGNITION_LEVELS, "Chọn mức công nhận"),
        overrideReason: z
          .string()
          .trim()
          .max(2000)
          .nullable()
          .default(null)
          .transform((r) => r || null),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return recordRecognition(ctx.db, ctx.viewer, { ...rest, unit });
    }),

  recordRevocation: authedProcedure
    .input(z.object({ ...decisionFields, reason: z.string().trim().max(2000).default("") }))
    .mutation(async ({ ctx, input }) => {
      const { unitCode, ...rest } = input;
      const unit = await lifecycleUnit(ctx, unitCode);
      return recordRevocation(ctx.db, ctx.viewer, { ...rest, unit });
    }),
});
