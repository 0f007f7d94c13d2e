import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { apiErrorCode, isRefusal, placeServerErrors, readApiProblem } from "./api-error";

/** An error as the tRPC client builds it from the server's JSON answer. */
function answered(code: string, httpStatus: number, message: string, data: object = {}) {
  return TRPCClientError.from({
    error: { message, code: -32600, data: { code, httpStatus, ...data } },
  });
}

const wrongPassword = answered("UNAUTHORIZED", 401, "Tên đăng nhập hoặc mật khẩu không đúng.");
const emptyForm = answered("BAD_REQUEST", 400, "Dữ liệu không hợp lệ", {
  fieldErrors: { username: ["Nhập tên đăng nhập"] },
});
const serverFailure = answered("INTERNAL_SERVER_ERROR", 500, "Lỗi máy chủ.");
const offline = TRPCClientError.from(new TypeError("Failed to fetch"));

describe("readApiProblem", () => {
  it("gives the server's message and its messages per field", () => {
    expect(readApiProblem(wrongPassword)).toEqual({
      message: "Tên đăng nhập hoặc mật khẩu không đúng.",
      fieldErrors: {},
      issues: [],
    });
    expect(readApiProblem(emptyForm).fieldErrors).toEqual({ username: ["Nhập tên đăng nhập"] });
  });

  it("gives no message when no server answered, so the form says to check the connection", () => {
    expect(readApiProblem(offline)).toEqual({ message: null, fieldErrors: {}, issues: [] });
  });
});

describe("placeServerErrors", () => {
  const noServer = "Không kết nối được máy chủ.";
  const nested = answered("BAD_REQUEST", 400, "Bộ tiêu chí không hợp lệ", {
    fieldErrors: { definition: ["Bắt buộc", "Số không hợp lệ"] },
    issues: [
      { path: "definition.criteria.0.name", message: "Bắt buộc" },
      { path: "definition.groups.3", message: "Số không hợp lệ" },
    ],
  });

  it("places each message at its whole path and leaves the rest for the summary", () => {
    const placed: string[] = [];
    const left = placeServerErrors(
      nested,
      (path, message) => {
        if (!path.startsWith("criteria.")) return false;
        placed.push(`${path} ${message}`);
        return true;
      },
      { pathPrefix: "definition.", noServer },
    );
    expect(placed).toEqual(["criteria.0.name Bắt buộc"]);
    expect(left).toEqual(["Số không hợp lệ"]);
  });

  it("falls back to the first-level field messages of an older server", () => {
    const placed: string[] = [];
    const left = placeServerErrors(emptyForm, (path) => placed.push(path) > 0, { noServer });
    expect(placed).toEqual(["username"]);
    expect(left).toEqual([]);
  });

  it("gives the server's message when no field is named, and says when none answered", () => {
    expect(placeServerErrors(wrongPassword, () => true, { noServer })).toEqual([
      "Tên đăng nhập hoặc mật khẩu không đúng.",
    ]);
    expect(placeServerErrors(offline, () => true, { noServer })).toEqual([noServer]);
  });
});

describe("apiErrorCode and isRefusal", () => {
  it.each([
    ["a wrong password", wrongPassword, "UNAUTHORIZED", true],
    ["a form with errors", emptyForm, "BAD_REQUEST", true],
    ["a server failure", serverFailure, "INTERNAL_SERVER_ERROR", false],
    ["no connection", offline, null, false],
    ["anything else", new Error("?"), null, false],
  ])("%s", (_name, error, code, refusal) => {
    expect(apiErrorCode(error)).toBe(code);
    expect(isRefusal(error)).toBe(refusal);
  });
});
