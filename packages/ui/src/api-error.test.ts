import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { apiErrorCode, isRefusal, readApiProblem } from "./api-error";

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
    });
    expect(readApiProblem(emptyForm).fieldErrors).toEqual({ username: ["Nhập tên đăng nhập"] });
  });

  it("gives no message when no server answered, so the form says to check the connection", () => {
    expect(readApiProblem(offline)).toEqual({ message: null, fieldErrors: {} });
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
