import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { loadFailureMessage } from "./api-error";
import { LANGUAGES } from "./i18n";

/** Page frame shared by the three apps: a header naming the app, the language switch, content. */
export function AppShell({
  title,
  nav,
  account,
  children,
}: {
  title: string;
  nav?: ReactNode;
  /** The signed-in person's menu, in the staff apps. */
  account?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation("common");
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="shell-header">
        <div className="shell-brand">
          <span className="shell-logo" aria-hidden="true">
            ĐC
          </span>
          <div>
            <div className="shell-product">{t("product")}</div>
            <div className="shell-title">{title}</div>
          </div>
        </div>
        <div className="shell-tools">
          <LanguageSwitch />
          {account}
        </div>
      </header>
      {nav ? <nav className="shell-nav">{nav}</nav> : null}
      <main id="main" className="shell-main">
        {children}
      </main>
    </div>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation("common");
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("language")}</span>
      <select
        value={i18n.language}
        onChange={(event) => void i18n.changeLanguage(event.target.value)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {language === "vi" ? "Tiếng Việt" : "English"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Loading and error states every query shares, so none is left blank on a slow link. */
export function QueryState({
  isPending,
  error,
  onRetry,
}: {
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation("common");
  if (error) {
    // "Check the connection" only when no server answered: a refusal says why in its own words.
    return (
      <div className="notice notice-error" role="alert">
        <p>{loadFailureMessage(error) ?? t("loadError")}</p>
        <button type="button" onClick={onRetry}>
          {t("retry")}
        </button>
      </div>
    );
  }
  if (isPending) {
    return (
      <p className="notice" aria-live="polite">
        {t("loading")}
      </p>
    );
  }
  return null;
}

/** The page for a client route that does not exist. */
export function NotFoundPage() {
  const { t } = useTranslation("common");
  return (
    <>
      <h1>{t("notFound")}</h1>
      <Link to="/">{t("backHome")}</Link>
    </>
  );
}
