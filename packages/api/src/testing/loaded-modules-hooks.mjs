// The module hooks of loaded-modules.mjs (they run on a loader thread of their own).
import { appendFileSync } from "node:fs";

let log;

export function initialize(data) {
  log = data.log;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, `esm ${resolved.url}\n`);
  return resolved;
}
