import { keyPaths } from "@datchuan/ui";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";

function strings(tree: object): string[] {
  return Object.values(tree).flatMap((value) =>
    typeof value === "string" ? [value] : strings(value as object),
  );
}

describe("messages", () => {
  it("define the same strings in Vietnamese and English", () => {
    expect(keyPaths(messages.en)).toEqual(keyPaths(messages.vi));
  });

  it("leave no string empty", () => {
    expect(strings(messages.vi).every((text) => text.trim().length > 0)).toBe(true);
    expect(strings(messages.en).every((text) => text.trim().length > 0)).toBe(true);
  });
});
