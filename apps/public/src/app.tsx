import { AppShell, NotFoundPage } from "@datchuan/ui";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";
import { HomePage } from "./portal/home";

// Pages other than home load on demand: the first load stays within the phone budget.
const CommunePage = lazy(() => import("./portal/commune-page"));
const UnitPage = lazy(() => import("./portal/unit-page"));
const CriterionPage = lazy(() => import("./portal/criterion-page"));
const BulletinPage = lazy(() => import("./portal/bulletin-page"));

function Loading() {
  const { t } = useTranslation("common");
  return (
    <p className="notice" aria-live="polite">
      {t("loading")}
    </p>
  );
}

export function App() {
  const { t } = useTranslation();
  return (
    <AppShell title={t("title")}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="xa/:code" element={<CommunePage />} />
          <Route path="don-vi/:code" element={<UnitPage />} />
          <Route path="tieu-chi/:setId/:number" element={<CriterionPage />} />
          <Route path="ban-tin/:id" element={<BulletinPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
