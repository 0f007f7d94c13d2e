import { getUnitByCode, listChildUnits, listUnits, searchUnits } from "@datchuan/db";
import { buildUnitTree, unitCodeSchema, unitLevelSchema, vietnamDate } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { unitClusterProcedures } from "./unit-clusters";
import { unitImportProcedures } from "./unit-import";
import { unitManagementProcedures } from "./unit-management";
import { unitSuccessionProcedures } from "./unit-succession";

/** The administrative unit tree: province → (district →) commune → village. */
export const unitRouter = createTRPCRouter({
  tree: publicProcedure
    .input(z.object({ levels: z.array(unitLevelSchema).optional() }).optional())
    .query(async ({ ctx, input }) =>
      buildUnitTree(
        await listUnits(ctx.db, { levels: input?.levels, asOf: vietnamDate(ctx.now()) }),
      ),
    ),

  list: publicProcedure
    .input(z.object({ levels: z.array(unitLevelSchema).optional() }).optional())
    .query(({ ctx, input }) =>
      listUnits(ctx.db, { levels: input?.levels, asOf: vietnamDate(ctx.now()) }),
    ),

  byCode: publicProcedure
    .input(z.object({ code: unitCodeSchema }))
    .query(async ({ ctx, input }) => {
      const unit = await getUnitByCode(ctx.db, input.code);
      if (!unit)
        throw new TRPCError({ code: "NOT_FOUND", message: `Không tìm thấy đơn vị ${input.code}` });
      return unit;
    }),

  children: publicProcedure
    .input(z.object({ code: unitCodeSchema }))
    .query(({ ctx, input }) => listChildUnits(ctx.db, input.code)),

  search: publicProcedure
    .input(
      z.object({
        query: z.string().trim().min(1, "Nhập từ khóa tìm kiếm").max(100),
        levels: z.array(unitLevelSchema).optional(),
      }),
    )
    .query(({ ctx, input }) => searchUnits(ctx.db, input)),

  ...unitManagementProcedures,
  ...unitSuccessionProcedures,
  ...unitClusterProcedures,
  ...unitImportProcedures,
});
