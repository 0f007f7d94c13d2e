import { describe, expect, it } from "vitest";
import { EVIDENCE_MAX_BYTES, evidenceFileProblem } from "./evidence";

describe("evidenceFileProblem", () => {
  it.each([
    [{ name: "Biên bản.pdf", size: 1000 }, null],
    [{ name: "ANH.JPG", size: EVIDENCE_MAX_BYTES }, null],
    [{ name: "anh.png", size: EVIDENCE_MAX_BYTES + 1 }, "Tệp quá lớn: tối đa 10 MB."],
    [{ name: "rong.pdf", size: 0 }, "Tệp rỗng."],
    [{ name: "virus.exe", size: 10 }, expect.stringMatching(/^Chỉ nhận tệp PDF, JPEG, PNG/u)],
    [{ name: "khongduoi", size: 10 }, expect.stringMatching(/^Chỉ nhận tệp/u)],
  ])("%o → %s", (file, expected) => {
    expect(evidenceFileProblem(file)).toEqual(expected);
  });
});
