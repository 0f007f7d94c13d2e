// pnpm bench: builds the benchmark, the evaluator with it, into one ES module bundle with
// esbuild — as `pnpm build` compiles the domain into the server — and runs it with plain node.
// Run through tsx instead, each source file is its own module, and every constant the evaluator
// imports from another file (the status codes, the outcomes) is read through a module binding
// in its hot loops: the best case's roll-up ÷ hand loop was 2.03× under tsx against 1.80×
// bundled, same code, same hour (28/11/2026). The hand loop is in the bundle too.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = dirname(here);
// Inside the package, where the bundle's third-party imports resolve from its node_modules.
const cache = join(packageDir, "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const outdir = mkdtempSync(join(cache, "bench-"));
const outfile = join(outdir, "evaluate.bench.mjs");
try {
  await build({
    entryPoints: [join(here, "evaluate.bench.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Third-party packages load from node_modules as they would in the server.
    packages: "external",
    logLevel: "warning",
    absWorkingDir: packageDir,
  });
  const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    stdio: "inherit",
    cwd: packageDir,
  });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
