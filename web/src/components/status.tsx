import { Suspense, type ReactNode } from "react";
import { errorMessage } from "../lib/errors";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="error-alert" role="alert">
      {title && <strong>{title} </strong>}
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** While a page's own chunk downloads (pages load when first opened): the page area says so. */
export function PageSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading label="Loading page…" />}>{children}</Suspense>;
}
