import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
// pnpm runs scripts inside the package; a relative DATA_DIR means relative to where the user
// typed the command.
const invokedFrom = process.env.INIT_CWD ?? process.cwd();

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(0, "PORT must be between 0 and 65535")
    .max(65_535, "PORT must be between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((dir) =>
      dir ? (isAbsolute(dir) ? dir : resolve(invokedFrom, dir)) : resolve(repoRoot, ".data"),
    ),
  DATABASE_URL: z.string().trim().min(1).optional(),
  SEED_DEMO_DATA: z
    .enum(["true", "false", "1", "0"], { error: "SEED_DEMO_DATA must be true or false" })
    .default("true")
    .transform((value) => value === "true" || value === "1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerEnv = z.infer<typeof envSchema>;

/** The server's whole configuration; nothing else reads process.env. */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`${String(issue.path[0] ?? "environment")}: ${issue.message}`);
  }
  return result.data;
}

export class EnvError extends Error {
  override name = "EnvError";
}
