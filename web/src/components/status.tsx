import { Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("status.loading")}
    </p>
  );
}

export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  return (
    <div className="error-alert" role="alert">
      {title && <strong>{title} </strong>}
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {t("status.tryAgain")}
        </button>
      )}
    </div>
  );
}

/** While a page's own chunk downloads (pages load when first opened): the page area says so. */
export function PageSuspense({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<Loading label={t("status.loadingPage")} />}>{children}</Suspense>;
}
