import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const packageDirs = ["apps", "packages", "tooling"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, "package.json")),
    )
    .map((entry) => join(group, entry.name)),
);

/** Every path an exports map (or bin) names, however deeply its conditions nest. */
function targets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

describe("workspace packages", () => {
  it("are found", () => {
    expect(packageDirs).toEqual(
      expect.arrayContaining(["packages/domain", "packages/db", "packages/api", "apps/admin"]),
    );
  });

  it.each(packageDirs)("%s: every export and bin names a file that exists", (dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
      exports?: unknown;
      bin?: unknown;
    };
    const missing = [...targets(manifest.exports), ...targets(manifest.bin)].filter(
      (target) => !existsSync(join(root, dir, target)),
    );
    expect(missing).toEqual([]);
  });
});
