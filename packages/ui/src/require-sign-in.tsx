import { type StaffApp, staffAppsFor } from "@datchuan/domain";
import { Fragment, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { QueryState } from "./layout";
import { useSession } from "./session";
import { SessionExpiredDialog, SignInPage } from "./sign-in";

/** Where each staff app is served. */
export const STAFF_APP_PATHS: Record<StaffApp, string> = {
  admin: "/admin/",
  commune: "/commune/",
};

/**
 * Shows its children only to someone signed in whose roles belong in this app: others get the
 * sign-in page, or a pointer to the app their roles use. When the session expires the children
 * stay mounted under the sign-in dialog, so nothing typed is lost.
 */
export function RequireSignIn({ app, children }: { app: StaffApp; children: ReactNode }) {
  const session = useSession();
  const navigate = useNavigate();
  const viewerId = session.viewer?.id ?? null;
  const previousViewerId = useRef(viewerId);

  // Someone else signing in over an expired page starts afresh on their own landing page.
  useEffect(() => {
    const previous = previousViewerId.current;
    previousViewerId.current = viewerId;
    if (previous && viewerId && previous !== viewerId) navigate("/", { replace: true });
  }, [viewerId, navigate]);

  if (!session.viewer) {
    if (session.status === "ready") return <SignInPage />;
    return (
      <QueryState
        isPending={session.status === "pending"}
        error={session.meError}
        onRetry={session.retry}
      />
    );
  }
  if (!staffAppsFor(session.viewer.roles).includes(app)) return <WrongAppPage app={app} />;
  return (
    <>
      {/* Keyed by person: pages built for one are never shown to another. */}
      <Fragment key={session.viewer.id}>{children}</Fragment>
      {session.expired ? <SessionExpiredDialog username={session.viewer.username} /> : null}
    </>
  );
}

/** For someone whose roles are served by the other staff app, or by none. */
function WrongAppPage({ app }: { app: StaffApp }) {
  const { t } = useTranslation("common");
  const { viewer, signOut } = useSession();
  if (!viewer) return null;
  const apps = staffAppsFor(viewer.roles).filter((other) => other !== app);
  const roles = [...new Set(viewer.roles.map((assignment) => t(`roles.${assignment.role}`)))];
  return (
    <section className="card">
      <h1>{t("session.wrongAppHeading", { app: t(`apps.${app}`) })}</h1>
      {apps.length > 0 ? (
        <>
          <p>
            {t("session.wrongAppText", {
              name: viewer.displayName,
              roles: roles.join(", "),
              app: t(`apps.${apps[0]}`),
            })}
          </p>
          <ul className="list-plain">
            {apps.map((other) => (
              <li key={other}>
                <a href={STAFF_APP_PATHS[other]}>
                  {t("session.openApp", { app: t(`apps.${other}`) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("session.noRoleText", { name: viewer.displayName })}</p>
      )}
      <button type="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
        {t("session.signOut")}
      </button>
    </section>
  );
}
