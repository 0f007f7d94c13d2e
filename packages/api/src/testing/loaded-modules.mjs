// Preloaded (`node --import`) into a server under test to record every module it loads: ES
// modules through a resolve hook, CommonJS ones from require.cache when the process exits. The
// test then reads DATCHUAN_MODULE_LOG to prove what the serving process did and did not load.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const log = process.env.DATCHUAN_MODULE_LOG;
if (!log) throw new Error("DATCHUAN_MODULE_LOG must name the file to record modules in");
register("./loaded-modules-hooks.mjs", import.meta.url, { data: { log } });

const require = createRequire(import.meta.url);
process.on("exit", () => {
  const lines = Object.keys(require.cache).map((file) => `cjs ${file}`);
  lines.push(`env NODE_ENV=${process.env.NODE_ENV ?? ""}`);
  appendFileSync(log, `${lines.join("\n")}\n`);
});
