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
import { NavLink, Route, Routes } from "react-router";

const UnitTreePage = lazy(() => import("./units/unit-tree-page"));
const InboxPage = lazy(() => import("./inbox/inbox-page"));
const ReviewSheetPage = lazy(() => import("./inbox/review-sheet-page"));
const UsersPage = lazy(() => import("./users/users-page"));
const PlanningPage = lazy(() => import("./planning/planning-page"));
const AuditPage = lazy(() => import("./audit/audit-page"));

/** Signed-in admins, system admins and reviewers all start on the unit tree. */
export function App() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const mayUse = viewer ? staffAppsFor(viewer.roles).includes("admin") : false;
  const manages = Boolean(
    viewer?.roles.some((r) => r.role === "admin" || r.role === "system_admin"),
  );
  return (
    <AppShell
      title={t("title")}
      nav={
        mayUse ? (
          <>
            <NavLink to="/don-vi">{t("navUnits")}</NavLink>
            <NavLink to="/hop-thu">{t("inbox.nav")}</NavLink>
            {manages ? <NavLink to="/nguoi-dung">{t("users.nav")}</NavLink> : null}
            {manages ? <NavLink to="/dang-ky">{t("planning.nav")}</NavLink> : null}
            {manages ? <NavLink to="/nhat-ky">{t("audit.nav")}</NavLink> : null}
          </>
        ) : null
      }
      account={<UserMenu />}
    >
      <RequireSignIn app="admin">
        <Suspense fallback={<QueryState isPending error={null} onRetry={() => {}} />}>
          <Routes>
            <Route index element={<UnitTreePage />} />
            <Route path="/don-vi" element={<UnitTreePage manage />} />
            <Route path="/hop-thu" element={<InboxPage />} />
            <Route path="/hop-thu/:reportId" element={<ReviewSheetPage />} />
            <Route path="/nguoi-dung" element={<UsersPage />} />
            <Route path="/dang-ky" element={<PlanningPage />} />
            <Route path="/nhat-ky" element={<AuditPage />} />
            <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </RequireSignIn>
    </AppShell>
  );
}
