import { staffAppsFor } from "@datchuan/domain";
import {
  AppShell,
  CHANGE_PASSWORD_PATH,
  ChangePasswordPage,
  NotFoundPage,
  QueryState,
  RequireSignIn,
  UserMenu,
  useSession,
} from "@datchuan/ui";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router";
import { Nav } from "./nav";

// Each page loads what it uses: tables, charts and editors stay out of the first chunk.
const DashboardPage = lazy(() => import("./dashboard/dashboard-page"));
const PresentationPage = lazy(() => import("./presentation/presentation-page"));
const UnitTreePage = lazy(() => import("./units/unit-tree-page"));
const InboxPage = lazy(() => import("./inbox/inbox-page"));
const ReviewSheetPage = lazy(() => import("./inbox/review-sheet-page"));
const UsersPage = lazy(() => import("./users/users-page"));
const PlanningPage = lazy(() => import("./planning/planning-page"));
const SetsPage = lazy(() => import("./sets/sets-page"));
const SetPage = lazy(() => import("./sets/set-page"));
const ComparePage = lazy(() => import("./sets/compare-page"));
const WorklistPage = lazy(() => import("./worklist/worklist-page"));
const AuditPage = lazy(() => import("./audit/audit-page"));
const ReportPage = lazy(() => import("./report/report-page"));
const RecognitionPage = lazy(() => import("./recognition/recognition-page"));

/** Signed-in admins, system admins and reviewers start on the review dashboard. */
export function App() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const mayUse = viewer ? staffAppsFor(viewer.roles).includes("admin") : false;
  return (
    <AppShell title={t("title")} nav={mayUse ? <Nav /> : null} account={<UserMenu />}>
      <RequireSignIn app="admin">
        <Suspense fallback={<QueryState isPending error={null} onRetry={() => {}} />}>
          <Routes>
            <Route index element={<DashboardPage />} />
            <Route path="trinh-chieu" element={<PresentationPage />} />
            <Route path="don-vi" element={<UnitTreePage manage />} />
            <Route path="don-vi/:code/cong-nhan" element={<RecognitionPage />} />
            <Route path="hop-thu" element={<InboxPage />} />
            <Route path="hop-thu/:reportId" element={<ReviewSheetPage />} />
            <Route path="nguoi-dung" element={<UsersPage />} />
            <Route path="dang-ky" element={<PlanningPage />} />
            <Route path="bo-tieu-chi" element={<SetsPage />} />
            <Route path="bo-tieu-chi/so-sanh" element={<ComparePage />} />
            <Route path="bo-tieu-chi/:id" element={<SetPage />} />
            <Route path="nguong-can-xac-minh" element={<WorklistPage />} />
            <Route path="nhat-ky" element={<AuditPage />} />
            <Route path="bao-cao" element={<ReportPage />} />
            <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </RequireSignIn>
    </AppShell>
  );
}
