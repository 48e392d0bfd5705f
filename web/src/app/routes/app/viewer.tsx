import type { User } from "@chorus/shared";
import { createContext, useContext, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../../components/page";

export interface Viewer {
  /** Who signed in. */
  self: User;
  /** Whose tasks and permissions the pages show: the member being viewed as, or `self`. */
  acting: User;
  impersonating: boolean;
}

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error("useViewer must be used inside the signed-in layout");
  return viewer;
}

/**
 * Pages that need your own session and role: while viewing as someone you have their
 * permissions, and the server refuses these requests with the impersonation header.
 */
export function OwnSessionOnly({ title, adminOnly = false, children }: { title: string; adminOnly?: boolean; children: ReactNode }) {
  const { t } = useTranslation("app");
  const viewer = useViewer();
  if (viewer.impersonating) {
    return (
      <Page title={title}>
        <p className="notice-box">{t("viewer.impersonating", { name: viewer.acting.displayName })}</p>
      </Page>
    );
  }
  if (adminOnly && viewer.self.role !== "admin") {
    return (
      <Page title={title}>
        <p className="notice-box">
          {t("viewer.adminOnly")} <Link to="/">{t("shared.backToTasks")}</Link>
        </p>
      </Page>
    );
  }
  return <>{children}</>;
}
