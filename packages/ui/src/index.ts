export { initI18n, LANGUAGES, type Language } from "./i18n";
export { AppShell, LanguageSwitch, NotFoundPage, QueryState } from "./layout";
export { ApiProvider, useTRPC } from "./trpc";
export { keyPaths } from "./i18n-keys";
export { sharedResources } from "./i18n";
