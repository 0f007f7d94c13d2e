import { describe, expect, it } from "vitest";
import { sharedResources } from "./i18n";
import { keyPaths } from "./i18n-keys";

describe("shared strings", () => {
  it("define the same keys in Vietnamese and English", () => {
    expect(keyPaths(sharedResources.en)).toEqual(keyPaths(sharedResources.vi));
  });
});
