import { useTranslation } from "react-i18next";
import { Link, NavLink, Navigate, Outlet, useLocation } from "react-router";
import { isAdminOrManager } from "@chorus/shared";
import { PRODUCT_NAME } from "../../../components/page";
import { ErrorAlert, Loading, PageSuspense } from "../../../components/status";
import { useApiSession } from "../../../lib/api-client";
import { useSignOut } from "../../../features/auth/api/sign-out";
import { useSignedInUser } from "../../../features/auth/api/get-signed-in-user";
import { useSessionExpiry } from "../../../features/auth/use-session-expiry";
import { useActedForMeUnreadCount } from "../../../features/acted-for-me/api/get-acted-for-me";
import { UnreadBadge } from "../../../features/acted-for-me/components/unread-badge";
import { useActingUser } from "../../../features/impersonation/api/get-acting-user";
import { ActAsRequestPrompt } from "../../../features/impersonation/components/act-as-request-prompt";
import { ImpersonationBanner } from "../../../features/impersonation/components/impersonation-banner";
import { useImpersonationGuard } from "../../../features/impersonation/use-impersonation";
import { useThemeSync } from "../../../features/theme/api/theme";
import { useLanguageSync } from "../../../features/language/api/language";
import { OfflineBanner } from "../../../features/offline/components/offline-banner";
import { useSendQueued } from "../../../features/offline/api/use-send-queued";
import { ViewerContext, type Viewer } from "./viewer";

/** The signed-in shell: header, navigation, the impersonation banner, and the page. */
export function AppRoot() {
  const { token } = useApiSession();
  const location = useLocation();
  if (token === null) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  return <SignedInShell />;
}

function SignedInShell() {
  const { t } = useTranslation("app");
  useSessionExpiry();
  useImpersonationGuard();
  useThemeSync();
  useLanguageSync();
  const location = useLocation();
  const { actingAs } = useApiSession();
  const signedInUser = useSignedInUser();
  const actingUser = useActingUser();
  const signOut = useSignOut();
  const actedForMeUnread = useActedForMeUnreadCount(
    signedInUser.data !== undefined && signedInUser.data.role !== "admin" && actingAs === null,
  );

  const self = signedInUser.data;
  useSendQueued(self?.id);
  const onWelcome = location.pathname === "/welcome";
  // Account pages are about the person, not a circle: open to people without one too.
  const onAccount = location.pathname.startsWith("/account/");
  const acting = actingAs === null ? self : actingUser.data;
  const viewer: Viewer | null = self && acting ? { self, acting, impersonating: actingAs !== null } : null;

  let main;
  if (signedInUser.isError) {
    main = <ErrorAlert title={t("shell.loadAccountFailed")} error={signedInUser.error} onRetry={() => void signedInUser.refetch()} />;
  } else if (!self) {
    main = <Loading label={t("shell.loadingAccount")} />;
  } else if (self.circleId === null && !onWelcome && !onAccount) {
    main = <Navigate to="/welcome" replace />;
  } else if (self.circleId !== null && onWelcome) {
    main = <Navigate to="/" replace />;
  } else if (!viewer) {
    main = <Loading label={t("shell.switchingUser")} />;
  } else {
    main = (
      <PageSuspense>
        <Outlet />
      </PageSuspense>
    );
  }

  return (
    <ViewerContext value={viewer}>
      <a href="#main" className="skip-link">
        {t("shell.skipToContent")}
      </a>
      <ImpersonationBanner />
      <header className="app-header">
        <Link to="/" className="app-header__brand">
          {PRODUCT_NAME}
        </Link>
        {/* Drawn while the account loads too (most people have a circle): on a phone the links
            are two rows of their own (one while acting as someone), which must not push the page
            down when the rest of them arrive. */}
        {(self === undefined || self.circleId !== null) && (
          <nav aria-label={t("shell.mainNav")} className="app-header__nav">
            <ul className={actingAs === null ? "app-nav" : "app-nav app-nav--acting"}>
              <li>
                <NavLink to="/" end>
                  {t("shell.tasks")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/circle" end>
                  {t("shell.circle")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/rewards">{t("shell.rewards")}</NavLink>
              </li>
              <li>
                {/* Short: on a phone every page link must fit one row. */}
                <NavLink to="/statistics">{t("shell.stats")}</NavLink>
              </li>
              {actingAs === null && self !== undefined && isAdminOrManager(self.role) && (
                <li>
                  <NavLink to="/approvals">{t("shell.approvals")}</NavLink>
                </li>
              )}
              {/* Admins are never acted for (DESIGN §5), so only others get this page's link. */}
              {actingAs === null && self !== undefined && self.role !== "admin" && (
                <li className="app-nav__wide">
                  <NavLink to="/done-for-you">
                    {t("shell.doneForYou")} <UnreadBadge count={actedForMeUnread.data} />
                  </NavLink>
                </li>
              )}
              {self?.role === "admin" && actingAs === null && (
                <>
                  <li>
                    <NavLink to="/circle/settings">{t("shell.settings")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/audit">{t("shell.audit")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        )}
        <div className="app-header__account">
          {self && <span className="muted app-header__name">{self.displayName}</span>}
          {actingAs === null && (
            <NavLink to="/account" className="app-header__link">
              {t("shell.account")}
            </NavLink>
          )}
          <button type="button" className="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
            {t("shell.signOut")}
          </button>
        </div>
      </header>
      <main id="main" className="app-main">
        {/* Before the account too: offline with nothing kept, it says why nothing loads. */}
        <OfflineBanner timeZone={self?.timezone} actingFor={actingUser.data?.displayName ?? null} />
        {/* Only grown-ups others may act for are asked: never admins, never children (decision 0023). */}
        {self && actingAs === null && self.email !== null && self.role !== "admin" && self.circleId !== null && (
          <ActAsRequestPrompt timeZone={self.timezone} />
        )}
        {main}
      </main>
    </ViewerContext>
  );
}
