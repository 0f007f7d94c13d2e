// Builds the server to dist/ for `pnpm start`: one ES module bundle of src/main.ts with the
// workspace packages (@datchuan/*, TypeScript) compiled in and every third-party package left
// external, so the serving process runs plain JavaScript: no tsx, no TypeScript compiler.
// Plain JavaScript so that building needs nothing but node and esbuild.
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const packageDir = dirname(fileURLToPath(import.meta.url));
const defaultOutdir = join(packageDir, "dist");
const workspaceRoot = resolve(packageDir, "../..");

/**
 * Workspace sources find their files (migrations, the built apps, the repository root) from
 * `import.meta.url`. Bundled, that would be dist/main.js; this gives each module its own source
 * file's URL instead, as a path relative to the bundle, so dist still works after a move.
 */
const sourceLocation = (outdir) => ({
  name: "source-import-meta-url",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${join("node_modules", "")}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return { contents: source, loader: "ts" };
      const fromBundle = relative(outdir, args.path).split("\\").join("/");
      return {
        contents: source.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: "ts",
      };
    });
  },
});

/**
 * Only our own packages are compiled in; everything from the registry loads from node_modules
 * as published (PGlite finds its wasm and data files beside itself, argon2 its native binary).
 */
const registryPackagesExternal = {
  name: "registry-packages-external",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@datchuan/") || args.path.startsWith("/")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Third-party packages the bundle imports, each of which must resolve from this package. */
function checkExternalsResolve(metafile) {
  const require = createRequire(join(packageDir, "package.json"));
  const missing = new Set();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith("node:")) continue;
      const name = path.startsWith("@")
        ? path.split("/").slice(0, 2).join("/")
        : path.split("/")[0];
      try {
        require.resolve(`${name}/package.json`);
      } catch {
        try {
          require.resolve(path);
        } catch {
          missing.add(name);
        }
      }
    }
  }
  if (missing.size > 0) {
    throw new Error(
      `The built server imports ${[...missing].join(", ")}, which packages/api cannot resolve: add ${missing.size > 1 ? "them" : "it"} to its dependencies ("catalog:").`,
    );
  }
}

/**
 * Builds into `outdir` (dist/ by default; tests use a folder of their own so that a build running
 * beside them is never half-read). It must lie inside packages/api, where the externals resolve.
 */
export async function buildServer(outdir = defaultOutdir) {
  // Chunk names carry a hash: clear the folder so old chunks do not pile up.
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: packageDir,
    entryPoints: { main: "src/start.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    sourcemap: "linked",
    plugins: [registryPackagesExternal, sourceLocation(outdir)],
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
  });
  checkExternalsResolve(result.metafile);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildServer();
  process.stdout.write(`built ${relative(workspaceRoot, join(defaultOutdir, "main.js"))}\n`);
}
