import {
  AppShell,
  CHANGE_PASSWORD_PATH,
  ChangePasswordPage,
  NotFoundPage,
  RequireSignIn,
  UserMenu,
} from "@datchuan/ui";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";
import { StartPage } from "./home/start-page";
import { CommunePage } from "./units/commune-page";
import { VillagePage } from "./units/village-page";

// Data entry carries the evaluator and its page: loaded when opened, not on first paint.
const EntryPage = lazy(() => import("./entry/entry-page").then((m) => ({ default: m.EntryPage })));

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")} account={<UserMenu />}>
      <RequireSignIn app="commune">
        <Routes>
          <Route index element={<StartPage />} />
          <Route path="xa/:code" element={<CommunePage />} />
          <Route path="thon/:code" element={<VillagePage />} />
          <Route path="xa/:code/nhap-lieu/:period" element={<LazyEntry />} />
          <Route path="thon/:code/nhap-lieu/:period" element={<LazyEntry />} />
          <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </RequireSignIn>
    </AppShell>
  );
}

function LazyEntry() {
  const { t } = useTranslation("common");
  return (
    <Suspense fallback={<p className="muted">{t("loading")}</p>}>
      <EntryPage />
    </Suspense>
  );
}
