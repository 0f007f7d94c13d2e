import { TRPCClientError } from "@trpc/client";
import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { loadFailureMessage } from "./api-error";
import { sharedResources } from "./i18n";
import { QueryState } from "./layout";

/** An error as the tRPC client builds it from the server's JSON answer. */
function answered(code: string, httpStatus: number, message: string) {
  return TRPCClientError.from({
    error: { message, code: -32600, data: { code, httpStatus } },
  });
}

const forbidden = answered("FORBIDDEN", 403, "Bạn không có quyền xem số liệu của đơn vị này.");
const notFound = answered("NOT_FOUND", 404, "Không tìm thấy đơn vị THO-XUAN.KHONG-CO.");
const badInput = answered("BAD_REQUEST", 400, "unitCode: Mã đơn vị không hợp lệ");
const serverFailure = answered(
  "INTERNAL_SERVER_ERROR",
  500,
  "Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị mã yêu cầu r-42.",
);
const offline = TRPCClientError.from(new TypeError("Failed to fetch"));

const i18n = i18next.createInstance();
await i18n.use(initReactI18next).init({
  resources: sharedResources,
  lng: "vi",
  ns: ["common"],
  interpolation: { escapeValue: false },
});

function shown(error: unknown): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryState isPending={false} error={error} onRetry={() => {}} />
    </I18nextProvider>,
  );
}

const CHECK_CONNECTION = "Không tải được dữ liệu. Kiểm tra kết nối rồi thử lại.";

describe("QueryState", () => {
  it.each([
    ["no access", forbidden],
    ["no such unit", notFound],
    ["bad input", badInput],
    ["a server failure, with the request id to quote", serverFailure],
  ])("shows the server's own sentence for %s", (_name, error) => {
    const html = shown(error);
    expect(html).toContain(error.message);
    expect(html).not.toContain("Kiểm tra kết nối");
    expect(html).toContain('role="alert"');
  });

  it("asks to check the connection only when no server answered", () => {
    expect(shown(offline)).toContain(CHECK_CONNECTION);
    expect(shown(new Error("anything else"))).toContain(CHECK_CONNECTION);
  });

  it("shows the loading line while pending and nothing once loaded", () => {
    const pending = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <QueryState isPending error={null} onRetry={() => {}} />
      </I18nextProvider>,
    );
    expect(pending).toContain("Đang tải…");
    expect(
      renderToStaticMarkup(
        <I18nextProvider i18n={i18n}>
          <QueryState isPending={false} error={null} onRetry={() => {}} />
        </I18nextProvider>,
      ),
    ).toBe("");
  });
});

describe("loadFailureMessage", () => {
  it("is the server's message when it answered, null when nothing answered", () => {
    expect(loadFailureMessage(forbidden)).toBe("Bạn không có quyền xem số liệu của đơn vị này.");
    expect(loadFailureMessage(offline)).toBeNull();
  });
});
