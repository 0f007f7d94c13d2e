import { keyPaths } from "@datchuan/ui";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";

describe("messages", () => {
  it("define the same strings in Vietnamese and English", () => {
    expect(keyPaths(messages.en)).toEqual(keyPaths(messages.vi));
  });

  it("leave no Vietnamese string empty", () => {
    // Features register their strings as nested objects: every leaf counts.
    const leaves = (value: unknown): unknown[] =>
      typeof value === "object" && value !== null ? Object.values(value).flatMap(leaves) : [value];
    expect(
      leaves(messages.vi).every((text) => typeof text === "string" && text.trim().length > 0),
    ).toBe(true);
  });
});
