import i18next, { type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "datchuan.language";

/** Strings every app uses, in the `common` namespace. */
export const sharedResources: Resource = {
  vi: {
    common: {
      product: "Đạt Chuẩn",
      tagline: "Theo dõi xây dựng nông thôn mới",
      loading: "Đang tải…",
      loadError: "Không tải được dữ liệu. Kiểm tra kết nối rồi thử lại.",
      retry: "Thử lại",
      language: "Ngôn ngữ",
      search: "Tìm kiếm",
      noResults: "Không có kết quả phù hợp.",
      notFound: "Không tìm thấy trang này.",
      backHome: "Về trang chủ",
      skipToContent: "Bỏ qua đến nội dung chính",
      table: {
        sortBy: "Bấm để sắp xếp theo cột này",
        export: "Xuất Excel",
        exporting: "Đang tạo tệp Excel…",
        exportFailed: "Không tạo được tệp Excel. Thử lại.",
      },
      form: {
        problemTitle: "Có lỗi cần sửa",
        noServer: "Không kết nối được máy chủ. Kiểm tra kết nối rồi thử lại.",
        showPassword: "Hiện",
        hidePassword: "Ẩn",
        showPasswordLabel: "Hiện mật khẩu",
        hidePasswordLabel: "Ẩn mật khẩu",
        passwordShown: "Mật khẩu đang hiện trên màn hình.",
      },
      session: {
        signInHeading: "Đăng nhập",
        signInIntro: "Dùng tên đăng nhập và mật khẩu được cấp cho bạn.",
        username: "Tên đăng nhập",
        password: "Mật khẩu",
        signIn: "Đăng nhập",
        signingIn: "Đang đăng nhập…",
        expiredHeading: "Phiên làm việc đã hết hạn",
        expiredIntro:
          "Đăng nhập lại để làm tiếp. Những gì bạn đang nhập trên trang vẫn được giữ nguyên.",
        signOutInstead: "Đăng xuất và bỏ những gì đang nhập",
        account: "Tài khoản",
        signedInAs: "Tên đăng nhập: {{username}}",
        changePassword: "Đổi mật khẩu",
        signOut: "Đăng xuất",
        wrongAppHeading: "Tài khoản của bạn không dùng {{app}}",
        wrongAppText: "{{name}} ({{roles}}) làm việc trên {{app}}.",
        openApp: "Mở {{app}}",
        noRoleText:
          "Tài khoản {{name}} chưa được giao vai trò nào. Hãy liên hệ quản trị để được phân quyền.",
      },
      password: {
        heading: "Đổi mật khẩu",
        current: "Mật khẩu hiện tại",
        new: "Mật khẩu mới",
        newHint: "Ít nhất 10 ký tự. Nên dùng vài từ dễ nhớ với bạn nhưng khó đoán với người khác.",
        confirm: "Nhập lại mật khẩu mới",
        mismatch: "Mật khẩu nhập lại không khớp với mật khẩu mới.",
        submit: "Đổi mật khẩu",
        submitting: "Đang đổi mật khẩu…",
        changed:
          "Đã đổi mật khẩu. Các thiết bị khác đang đăng nhập tài khoản này đã được đăng xuất.",
      },
      apps: {
        admin: "trang Quản trị",
        commune: "ứng dụng Cán bộ xã",
      },
      roles: {
        system_admin: "quản trị hệ thống",
        admin: "quản trị tỉnh, huyện",
        reviewer: "cán bộ thẩm định của phòng, ngành",
        commune_officer: "cán bộ xã",
        village_officer: "cán bộ thôn, bản",
      },
    },
  },
  en: {
    common: {
      product: "Đạt Chuẩn",
      tagline: "Tracking New Rural Development",
      loading: "Loading…",
      loadError: "Could not load the data. Check the connection and try again.",
      retry: "Try again",
      language: "Language",
      search: "Search",
      noResults: "Nothing matches.",
      notFound: "This page does not exist.",
      backHome: "Back to the home page",
      skipToContent: "Skip to main content",
      table: {
        sortBy: "Click to sort by this column",
        export: "Export to Excel",
        exporting: "Creating the Excel file…",
        exportFailed: "Could not create the Excel file. Try again.",
      },
      form: {
        problemTitle: "There is a problem",
        noServer: "Could not reach the server. Check the connection and try again.",
        showPassword: "Show",
        hidePassword: "Hide",
        showPasswordLabel: "Show password",
        hidePasswordLabel: "Hide password",
        passwordShown: "Your password is visible on the screen.",
      },
      session: {
        signInHeading: "Sign in",
        signInIntro: "Use the username and password you were given.",
        username: "Username",
        password: "Password",
        signIn: "Sign in",
        signingIn: "Signing in…",
        expiredHeading: "Your session has expired",
        expiredIntro: "Sign in again to carry on. What you were typing on the page is kept.",
        signOutInstead: "Sign out and discard what you typed",
        account: "Account",
        signedInAs: "Username: {{username}}",
        changePassword: "Change password",
        signOut: "Sign out",
        wrongAppHeading: "Your account does not use {{app}}",
        wrongAppText: "{{name}} ({{roles}}) works in {{app}}.",
        openApp: "Open {{app}}",
        noRoleText: "The account {{name}} has no role yet. Ask an administrator to assign one.",
      },
      password: {
        heading: "Change password",
        current: "Current password",
        new: "New password",
        newHint: "At least 10 characters. A few words easy for you to remember and hard to guess.",
        confirm: "New password again",
        mismatch: "The repeated password does not match the new password.",
        submit: "Change password",
        submitting: "Changing password…",
        changed: "Password changed. Other devices signed in to this account have been signed out.",
      },
      apps: {
        admin: "the administration app",
        commune: "the commune officers' app",
      },
      roles: {
        system_admin: "system administrator",
        admin: "province or district administrator",
        reviewer: "department reviewer",
        commune_officer: "commune officer",
        village_officer: "village officer",
      },
    },
  },
};

function storedLanguage(): Language {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return stored === "en" ? "en" : "vi";
}

/** Starts i18next with the shared strings plus the app's own namespace; Vietnamese first. */
export function initI18n(app: string, resources: { vi: object; en: object }): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: {
      vi: { ...sharedResources.vi, [app]: resources.vi },
      en: { ...sharedResources.en, [app]: resources.en },
    },
    lng: storedLanguage(),
    fallbackLng: "vi",
    defaultNS: app,
    ns: ["common", app],
    interpolation: { escapeValue: false },
  });
  i18next.on("languageChanged", (language) => {
    localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}
