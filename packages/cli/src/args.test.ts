import { describe, expect, it } from "vitest";
import { isIsoDate, parseCommandLine, UsageError } from "./args";

describe("parseCommandLine", () => {
  it("reads evaluate with every option", () => {
    expect(
      parseCommandLine([
        "evaluate",
        "--set",
        "ntm-xa-2021-2025",
        "--units",
        "u.csv",
        "--values",
        "v.csv",
        "--as-of",
        "2024-12-31",
        "--format",
        "table",
      ]),
    ).toEqual({
      command: "evaluate",
      set: "ntm-xa-2021-2025",
      units: "u.csv",
      values: "v.csv",
      asOf: "2024-12-31",
      format: "table",
    });
  });

  it("defaults evaluate to JSON and sets to a table", () => {
    const evaluate = parseCommandLine([
      "evaluate",
      "--set=s",
      "--units=u",
      "--values=v",
      "--as-of=2024-01-01",
    ]);
    expect(evaluate).toMatchObject({ format: "json" });
    expect(parseCommandLine(["sets"])).toEqual({ command: "sets", format: "table" });
    expect(parseCommandLine([])).toEqual({ command: "help" });
    expect(parseCommandLine(["--help"])).toEqual({ command: "help" });
  });

  it("reads backup and restore of the embedded database", () => {
    expect(parseCommandLine(["backup", "--data-dir", ".data", "--out", "b.tar.gz"])).toEqual({
      command: "backup",
      dataDir: ".data",
      out: "b.tar.gz",
    });
    expect(parseCommandLine(["restore", "--from", "b.tar.gz", "--data-dir", "new"])).toEqual({
      command: "restore",
      from: "b.tar.gz",
      dataDir: "new",
    });
  });

  it.each([
    [
      ["evaluate", "--units", "u", "--values", "v", "--as-of", "2024-01-01"],
      "thiếu tùy chọn --set",
    ],
    [
      ["evaluate", "--set", "s", "--units", "u", "--values", "v", "--as-of", "31/12/2024"],
      "--as-of phải là ngày",
    ],
    [
      ["evaluate", "--set", "s", "--units", "u", "--values", "v", "--as-of", "2024-02-30"],
      "--as-of phải là ngày",
    ],
    [["sets", "--format", "xml"], '--format phải là "json" hoặc "table"'],
    [["frobnicate"], "lệnh không rõ"],
    [["sets", "--colour"], "tham số không hợp lệ"],
    [["sets", "extra"], "tham số thừa"],
    [["backup", "--data-dir", ".data"], "thiếu tùy chọn --out"],
    [["restore", "--data-dir", "x"], "thiếu tùy chọn --from"],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2024-1-01", false],
    ["2024-12-31T00:00", false],
  ])("%s → %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});
