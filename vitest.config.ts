import { defineConfig } from "vitest/config";

// For editors and `npx vitest` at the root; `pnpm test` runs each package through turbo.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling/workspace"],
  },
});
