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
