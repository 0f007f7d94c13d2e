import { describe, expect, it } from "vitest";
import { editorFieldFor } from "./editor-validation";

describe("editorFieldFor", () => {
  it.each([
    ["title", "title"],
    ["criteria.2.rule.of.1", "criteria.2.rule"],
    ["criteria.0.indicators.3.source.inputs.0", "criteria.0.indicators.3.source"],
    [
      "criteria.0.indicators.3.thresholds.1.provenance.url",
      "criteria.0.indicators.3.thresholds.1.provenance.url",
    ],
    [
      "criteria.0.indicators.3.thresholds.1.when.region.0",
      "criteria.0.indicators.3.thresholds.1.when",
    ],
    ["groups.0.name", null],
    ["criteria.0", null],
  ])("shows a message at %s beside %s", (path, field) => {
    expect(editorFieldFor(path)).toBe(field);
  });
});
