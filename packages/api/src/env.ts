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
  // Loopback unless told otherwise: exposing the server is a decision (behind a TLS proxy).
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .transform((dir) =>
      dir ? (isAbsolute(dir) ? dir : resolve(invokedFrom, dir)) : resolve(repoRoot, ".data"),
    ),
  DATABASE_URL: z.string().trim().min(1).optional(),
  // Demo accounts share a published password: loaded by default only into the embedded
  // database of a first try, never into PostgreSQL unless asked for.
  SEED_DEMO_DATA: z
    .enum(["true", "false", "1", "0"], { error: "SEED_DEMO_DATA must be true or false" })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "true" || value === "1")),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"], { error: "TRUST_PROXY must be true or false" })
    .default("false")
    .transform((value) => value === "true" || value === "1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerEnv = Omit<z.infer<typeof envSchema>, "SEED_DEMO_DATA"> & {
  SEED_DEMO_DATA: boolean;
};

/** The server's whole configuration; nothing else reads process.env. */
export function readServerEnv(source: NodeJS.ProcessEnv = process.env): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(`${String(issue.path[0] ?? "environment")}: ${issue.message}`);
  }
  const env = result.data;
  return { ...env, SEED_DEMO_DATA: env.SEED_DEMO_DATA ?? env.DATABASE_URL === undefined };
}

export class EnvError extends Error {
  override name = "EnvError";
}
