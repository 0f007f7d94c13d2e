// Plain JavaScript: Vite loads its config (which imports this) through Node, which cannot import
// .ts from a package.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What the API serves compressed: text formats. Fonts and images are compressed already. */
export const COMPRESSIBLE_FILE = /\.(?:html|js|mjs|css|json|svg|txt|xml|webmanifest)$/;
/** Below this a compressed variant saves less than its Content-Encoding header costs. */
const MIN_BYTES = 256;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, at the
 * highest levels: compressing once at build time costs nothing per request, and the API
 * (serveStatic with `precompressed`) picks the variant the browser accepts.
 */
export function precompress() {
  let outDir = "";
  /** @type {import("vite").Plugin} */
  const plugin = {
    name: "datchuan:precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
  return plugin;
}

/**
 * Every compressible file under `dir`, except in dot folders (Vite's manifest is not served).
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function compressibleFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      if (entry.name.startsWith(".")) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return compressibleFiles(path);
      return COMPRESSIBLE_FILE.test(entry.name) ? [path] : [];
    }),
  );
  return nested.flat();
}

/** @param {string} dir */
export async function precompressDir(dir) {
  for (const file of await compressibleFiles(dir)) {
    const content = await readFile(file);
    if (content.length < MIN_BYTES) continue;
    const [br, gz] = await Promise.all([
      brotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    // A variant that is not smaller would only cost the browser a decompression.
    if (br.length < content.length) await writeFile(`${file}.br`, br);
    if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
  }
}
