import {
  AppShell,
  CHANGE_PASSWORD_PATH,
  ChangePasswordPage,
  NotFoundPage,
  RequireSignIn,
  UserMenu,
} from "@datchuan/ui";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";
import { StartPage } from "./home/start-page";
import { CommunePage } from "./units/commune-page";
import { VillagePage } from "./units/village-page";

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")} account={<UserMenu />}>
      <RequireSignIn app="commune">
        <Routes>
          <Route index element={<StartPage />} />
          <Route path="xa/:code" element={<CommunePage />} />
          <Route path="thon/:code" element={<VillagePage />} />
          <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </RequireSignIn>
    </AppShell>
  );
}
