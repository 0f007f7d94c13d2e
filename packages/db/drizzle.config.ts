import { defineConfig } from "drizzle-kit";

// `generate` needs no database: it diffs the schema against drizzle/ and writes a new migration.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
