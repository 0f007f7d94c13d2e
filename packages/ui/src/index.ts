export { initI18n, LANGUAGES, type Language, sharedResources } from "./i18n";
export { keyPaths } from "./i18n-keys";
export { AppShell, LanguageSwitch, NotFoundPage, QueryState } from "./layout";
export { ApiProvider, useTRPC } from "./trpc";
