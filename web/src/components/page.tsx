import { useEffect, useRef, type ReactNode } from "react";

/** The product's name, in every language (the window title, the brand in the header). */
export const PRODUCT_NAME = "Chorus";

/**
 * One page: its heading takes focus when the page opens, so keyboard and screen-reader
 * users land on the new content after a client-side navigation.
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${PRODUCT_NAME}`;
    headingRef.current?.focus();
  }, [title]);
  return (
    <>
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-header__actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
