import { fileURLToPath } from "node:url";
import { describeFirstLoad, kB, measureFirstLoad } from "@datchuan/vite-config/budget";
import { expect, it } from "vitest";

// A page must be usable on a phone over a slow connection: the budget fails CI when exceeded.
const BUDGET_BYTES = 200 * kB;

it("loads at most 200 kB of JavaScript (gzip) before the first paint", async () => {
  const load = await measureFirstLoad(fileURLToPath(new URL("..", import.meta.url)));
  console.info(describeFirstLoad("admin", load, BUDGET_BYTES));
  expect(load.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
}, 180_000);
