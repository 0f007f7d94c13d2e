import { keyPaths } from "@datchuan/ui";
import { describe, expect, it } from "vitest";
import { messages } from "./messages";

describe("messages", () => {
  it("define the same strings in Vietnamese and English", () => {
    expect(keyPaths(messages.en)).toEqual(keyPaths(messages.vi));
  });

  it("leave no Vietnamese string empty", () => {
    const texts = (value: unknown): string[] =>
      typeof value === "string" ? [value] : Object.values(value as object).flatMap(texts);
    expect(texts(messages.vi).every((text) => text.trim().length > 0)).toBe(true);
  });
});
