// Plain JavaScript: vitest loads its config through Node, which cannot import .ts from a package.
import { defineConfig } from "vitest/config";

/**
 * The shared test preset. `kind` picks timeouts: database and browser tests boot PGlite or
 * chromium (seconds, more while turbo runs packages in parallel), unit tests must stay quick.
 * The integration limits only catch a hang: on a loaded 2-core machine an on-disk PGlite that
 * migrates and seeds twice has taken over a minute.
 * @param {"unit" | "integration"} [kind]
 */
export function vitestPreset(kind = "unit") {
  const slow = kind === "integration";
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts", "src/**/*.test.tsx", "test/**/*.test.ts"],
      testTimeout: slow ? 240_000 : 10_000,
      hookTimeout: slow ? 300_000 : 10_000,
      // Database and browser suites each hold a heavy resource; run their files one at a time.
      fileParallelism: !slow,
      // expect.poll waits for a state to appear (a page showing a result, a job finishing):
      // vitest's 1 s default races a loaded machine, so database and browser tests wait longer.
      // It ends as soon as the state appears; only a real failure waits the whole time.
      ...(slow ? { expect: { poll: { timeout: 30_000, interval: 100 } } } : {}),
    },
  });
}
