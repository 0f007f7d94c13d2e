import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CHANGE_PASSWORD_PATH } from "./change-password";
import { useSession } from "./session";

/** The signed-in person's name in the header, opening onto password change and sign-out. */
export function UserMenu() {
  const { t } = useTranslation("common");
  const { viewer, signOut } = useSession();
  const menuRef = useRef<HTMLDetailsElement>(null);
  if (!viewer) return null;
  const close = () => menuRef.current?.removeAttribute("open");
  return (
    <details className="user-menu" ref={menuRef}>
      <summary>
        <span className="visually-hidden">{t("session.account")}: </span>
        <span className="user-menu-name">{viewer.displayName}</span>
        <span aria-hidden="true">▾</span>
      </summary>
      <div className="user-menu-panel">
        <p className="muted">{t("session.signedInAs", { username: viewer.username })}</p>
        <Link to={CHANGE_PASSWORD_PATH} onClick={close}>
          {t("session.changePassword")}
        </Link>
        <button type="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
          {t("session.signOut")}
        </button>
      </div>
    </details>
  );
}
