import { describe, expect, it } from "vitest";
import { chooseSetVersion, programmeOf, type SetVersionRef, versionInForce } from "./choose";

const version = (
  setId: string,
  v: string,
  extra: Partial<SetVersionRef> = {},
): SetVersionRef & { label: string } => ({
  label: `${setId}@${v}`,
  setId,
  version: v,
  ownerPath: null,
  effectiveFrom: "2022-01-01",
  effectiveTo: "2025-12-31",
  adapts: null,
  publishedAt: "2022-01-01T00:00:00Z",
  ...extra,
});

const stored = [
  version("ntm", "2022"),
  // A later national amendment that starts in 2024: judges 2024 on, never 2023.
  version("ntm", "2024", { effectiveFrom: "2024-01-01", publishedAt: "2023-06-01T00:00:00Z" }),
  // Published last, effective in 2099: must not judge anything before then.
  version("ntm", "2099", {
    effectiveFrom: "2099-01-01",
    effectiveTo: null,
    publishedAt: "2026-01-01T00:00:00Z",
  }),
  version("ntm-th", "1", { ownerPath: "/TH/", adapts: "ntm", effectiveFrom: "2023-01-01" }),
  version("ntm-tx", "1", { ownerPath: "/TH/TX/", adapts: "ntm-th", effectiveFrom: "2025-01-01" }),
  version("ntm-na", "1", { ownerPath: "/NA/", adapts: "ntm" }),
  version("local", "1", { ownerPath: "/NA/", effectiveFrom: "2022-01-01" }),
  version("other", "1"),
];

describe("chooseSetVersion", () => {
  it.each([
    ["a commune with no adaptation above it, 2023", "/HN/X/", "ntm", "2023-12-31", "ntm@2022"],
    [
      "the same commune in 2024: the version effective then",
      "/HN/X/",
      "ntm",
      "2024-12-31",
      "ntm@2024",
    ],
    [
      "a date past every end: the latest that had started",
      "/HN/X/",
      "ntm",
      "2030-12-31",
      "ntm@2024",
    ],
    ["a date in 2099: the 2099 version", "/HN/X/", "ntm", "2099-06-30", "ntm@2099"],
    ["a date before every start: the earliest", "/HN/X/", "ntm", "2020-12-31", "ntm@2022"],
    ["a province's adaptation for its commune", "/TH/Y/", "ntm", "2023-12-31", "ntm-th@1"],
    ["the province's adaptation before it took effect", "/TH/Y/", "ntm", "2022-12-31", "ntm@2022"],
    [
      "the district's adaptation, nearer than the province's",
      "/TH/TX/Z/",
      "ntm",
      "2025-06-30",
      "ntm-tx@1",
    ],
    [
      "the province's, before the district's took effect",
      "/TH/TX/Z/",
      "ntm",
      "2024-06-30",
      "ntm-th@1",
    ],
    [
      "named by an adaptation id: still chosen by the tree",
      "/HN/X/",
      "ntm-th",
      "2023-12-31",
      "ntm@2022",
    ],
    ["another province's adaptation never applies", "/TH/Y/", "ntm-na", "2023-12-31", "ntm-th@1"],
    ["a local set inside its owner", "/NA/Q/", "local", "2023-12-31", "local@1"],
    ["a local set outside its owner", "/TH/Y/", "local", "2023-12-31", undefined],
    ["an unrelated national set", "/TH/Y/", "other", "2023-12-31", "other@1"],
    ["an unknown set", "/TH/Y/", "nothing", "2023-12-31", undefined],
  ])("%s", (_, unitPath, setId, asOf, expected) => {
    expect(chooseSetVersion(stored, { setId, unitPath, asOf })?.label).toBe(expected);
  });

  it("takes the later publication of two versions starting the same day", () => {
    const amended = version("ntm", "2022-amended", { publishedAt: "2022-06-01T00:00:00Z" });
    expect(versionInForce([...stored, amended], "ntm", "2023-01-01")?.label).toBe(
      "ntm@2022-amended",
    );
  });

  it("follows adaptation chains to the programme and stops on a cycle", () => {
    expect(programmeOf(stored, "ntm-tx")).toBe("ntm");
    const cycle = [version("a", "1", { adapts: "b" }), version("b", "1", { adapts: "a" })];
    expect(["a", "b"]).toContain(programmeOf(cycle, "a"));
  });
});
