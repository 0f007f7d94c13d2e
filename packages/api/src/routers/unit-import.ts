import { isoDateSchema } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { checkImport, importUnits } from "../services/unit-import";
import { authedProcedure, type Context } from "../trpc";

/** 2 MB of file, sent as base64 in JSON (4 characters for every 3 bytes). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const fileInput = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.(csv|xlsx)$/iu, "Chỉ nhận tệp .csv hoặc .xlsx."),
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, "Tệp lớn hơn 2 MB; hãy chia nhỏ.")
    .regex(/^[A-Za-z0-9+/]*={0,2}$/u, "Nội dung tệp không đúng mã base64."),
  /** The day the imported units exist from. */
  validFrom: isoDateSchema,
});

function requireSomeUnitManagement(ctx: Context & { viewer: NonNullable<Context["viewer"]> }) {
  if (!ctx.viewer.roles.some((r) => r.role === "admin" || r.role === "system_admin"))
    throw new TRPCError({ code: "FORBIDDEN", message: "Bạn không có quyền quản lý đơn vị." });
}

/** Importing units from a CSV or .xlsx file: a preview with per-row problems, then all or nothing. */
export const unitImportProcedures = {
  previewImport: authedProcedure.input(fileInput).mutation(async ({ ctx, input }) => {
    requireSomeUnitManagement(ctx);
    const content = Buffer.from(input.contentBase64, "base64");
    return checkImport(ctx.db, ctx.viewer, { ...input, content });
  }),
  import: authedProcedure.input(fileInput).mutation(async ({ ctx, input }) => {
    requireSomeUnitManagement(ctx);
    const content = Buffer.from(input.contentBase64, "base64");
    return importUnits(ctx.db, ctx.viewer, { ...input, content });
  }),
};
