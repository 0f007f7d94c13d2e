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

// The workplace's heavier pages (data entry with the evaluator, charts, the plan) load when
// opened, not on the first paint.
const EntryPage = lazy(() => import("./entry/entry-page").then((m) => ({ default: m.EntryPage })));
const ScorecardPage = lazy(() =>
  import("./scorecard/scorecard-page").then((m) => ({ default: m.ScorecardPage })),
);
const CriterionPage = lazy(() =>
  import("./scorecard/criterion-page").then((m) => ({ default: m.CriterionPage })),
);
const IndicatorPage = lazy(() =>
  import("./scorecard/indicator-page").then((m) => ({ default: m.IndicatorPage })),
);
const MissingPage = lazy(() =>
  import("./missing/missing-page").then((m) => ({ default: m.MissingPage })),
);

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")} account={<UserMenu />}>
      <RequireSignIn app="commune">
        <Suspense fallback={<p className="notice">{t("common:loading")}</p>}>
          <Routes>
            <Route index element={<StartPage />} />
            <Route path="xa/:code" element={<CommunePage />} />
            <Route path="xa/:code/nhap-lieu/:period" element={<EntryPage />} />
            <Route path="xa/:code/bang-diem" element={<ScorecardPage />} />
            <Route path="xa/:code/bang-diem/:criterion" element={<CriterionPage />} />
            <Route path="xa/:code/bang-diem/:criterion/:indicator" element={<IndicatorPage />} />
            <Route path="xa/:code/con-thieu" element={<MissingPage />} />
            <Route path="thon/:code" element={<VillagePage />} />
            <Route path="thon/:code/nhap-lieu/:period" element={<EntryPage />} />
            <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </RequireSignIn>
    </AppShell>
  );
}
