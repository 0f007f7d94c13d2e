import { useSession } from "@datchuan/ui";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/**
 * The app's pages in the nav, in order. Each feature appends its line here (a list, so merges
 * of several features stay one line each); `label` is a key of the admin namespace. Pages only
 * admins use (`managers`) are not offered to department reviewers.
 */
export const NAV_ITEMS: ReadonlyArray<{
  to: string;
  label: string;
  end?: boolean;
  managers?: boolean;
}> = [
  { to: "/", label: "dashboard.nav", end: true },
  { to: "/hop-thu", label: "inbox.nav" },
  { to: "/bao-cao", label: "report.nav" },
  { to: "/don-vi", label: "navUnits" },
  { to: "/nguoi-dung", label: "users.nav", managers: true },
  { to: "/dang-ky", label: "planning.nav", managers: true },
  { to: "/nhat-ky", label: "audit.nav", managers: true },
  { to: "/bo-tieu-chi", label: "sets.nav" },
  { to: "/nguong-can-xac-minh", label: "worklist.nav", managers: true },
];

export function Nav() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  const manages = Boolean(
    viewer?.roles.some((r) => r.role === "admin" || r.role === "system_admin"),
  );
  return NAV_ITEMS.filter((item) => manages || !item.managers).map((item) => (
    <NavLink key={item.to} to={item.to} end={item.end}>
      {t(item.label)}
    </NavLink>
  ));
}
