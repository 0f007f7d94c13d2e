import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/**
 * The app's pages in the nav, in order. Each feature appends its line here (a list, so merges
 * of several features stay one line each); `label` is a key of the admin namespace.
 */
export const NAV_ITEMS: ReadonlyArray<{ to: string; label: string; end?: boolean }> = [
  { to: "/", label: "dashboard.nav", end: true },
  { to: "/don-vi", label: "navUnits" },
];

export function Nav() {
  const { t } = useTranslation();
  return NAV_ITEMS.map((item) => (
    <NavLink key={item.to} to={item.to} end={item.end}>
      {t(item.label)}
    </NavLink>
  ));
}
