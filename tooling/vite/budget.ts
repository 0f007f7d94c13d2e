import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { constants, gzipSync } from "node:zlib";

/** One chunk of Vite's manifest (`build.manifest: true`), as far as the budget reads it. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoad {
  /** What was measured: the app's dist, or a fresh build when dist was stale or missing. */
  measured: "dist" | "fresh build";
  chunks: ChunkSize[];
  gzipBytes: number;
}

/** kB as Vite prints them (1000 bytes), the stricter reading of a budget in KB. */
export const kB = 1000;

const workspaceRoot = fileURLToPath(new URL("../../", import.meta.url));

/** What a build of an app is made from, besides its own folder. */
const SHARED_INPUTS = ["packages/ui/src", "packages/domain/src", "tooling/vite", "pnpm-lock.yaml"];
const NOT_INPUTS = /(?:^|\/)(?:node_modules|dist|\.turbo)$|\.test\.tsx?$/;

function newestChange(path: string): number {
  if (NOT_INPUTS.test(path) || !existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stats.mtimeMs,
  );
}

/**
 * The first-load JavaScript of the app at `appDir`: its entry chunk and every chunk the entry
 * imports statically (dynamic imports load later), with the gzip sizes browsers download.
 * Measures `dist` when it is newer than every input; otherwise builds afresh into a temporary
 * folder, so a stale or missing dist can neither pass nor fail the budget (and the browser
 * tests serving dist are not disturbed).
 */
export async function measureFirstLoad(appDir: string): Promise<FirstLoad> {
  const dist = join(appDir, "dist");
  const manifestOf = (dir: string) => join(dir, ".vite", "manifest.json");
  const inputs = [appDir, ...SHARED_INPUTS.map((input) => join(workspaceRoot, input))];
  const fresh =
    existsSync(manifestOf(dist)) &&
    statSync(manifestOf(dist)).mtimeMs > Math.max(...inputs.map(newestChange));
  const distDir = fresh ? dist : mkdtempSync(join(tmpdir(), "datchuan-budget-"));
  try {
    if (!fresh) await buildInto(appDir, distDir);
    const chunks = firstLoadChunks(distDir);
    const gzipBytes = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
    return { measured: fresh ? "dist" : "fresh build", chunks, gzipBytes };
  } finally {
    if (!fresh) rmSync(distDir, { recursive: true, force: true });
  }
}

async function buildInto(appDir: string, outDir: string): Promise<void> {
  // As `pnpm build` does, in a process of its own: under vitest NODE_ENV is "test", which
  // would build React's development bundle.
  const vite = join(
    dirname(createRequire(join(appDir, "package.json")).resolve("vite/package.json")),
    "bin",
    "vite.js",
  );
  await promisify(execFile)(
    process.execPath,
    [vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    { cwd: appDir, env: { ...process.env, NODE_ENV: "production" } },
  );
}

/** The entry chunk of a build's manifest and every chunk it imports statically, with sizes. */
function firstLoadChunks(distDir: string): ChunkSize[] {
  const manifestFile = join(distDir, ".vite", "manifest.json");
  if (!existsSync(manifestFile)) {
    throw new Error(`no ${manifestFile}: the app's vite.config.ts must set build.manifest`);
  }
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, ManifestChunk>;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry, found ${entries.join(", ")}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entries[0] as string);
  return [...seen].map((key) => {
    const file = (manifest[key] as ManifestChunk).file;
    const content = readFileSync(join(distDir, file));
    const gzipBytes = gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length;
    return { file, bytes: content.length, gzipBytes };
  });
}

const kb = (bytes: number) => `${(bytes / kB).toFixed(1)} kB`;

/** The measurement as a test prints it, so a run shows the margin left, not only pass or fail. */
export function describeFirstLoad(app: string, load: FirstLoad, budgetBytes: number): string {
  const lines = load.chunks.map(
    (chunk) => `  ${chunk.file}: ${kb(chunk.bytes)}, gzip ${kb(chunk.gzipBytes)}`,
  );
  return [
    `${app}: first-load JavaScript ${kb(load.gzipBytes)} gzip of ${kb(budgetBytes)} budget (${load.measured})`,
    ...lines,
  ].join("\n");
}
