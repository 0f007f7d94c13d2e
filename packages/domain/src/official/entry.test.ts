import { describe, expect, it } from "vitest";
import manifest from "../../package.json";
import * as domain from "../index";

// The official sets are ~128 KB of JSON parsed with zod at import: the apps' first chunk must not
// carry them, so they live behind the `@datchuan/domain/official` subpath only.
describe("the official sets' entry point", () => {
  it("is not re-exported by the package's main entry", () => {
    expect(Object.keys(domain)).not.toContain("officialCriteriaSets");
    expect(Object.keys(domain)).not.toContain("getOfficialCriteriaSet");
  });

  it("is a subpath export of a package without side effects", () => {
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports["./official"]).toBe("./src/official/index.ts");
  });
});
