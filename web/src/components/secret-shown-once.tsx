import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface SecretShownOnceProps {
  /** The box's accessible name, e.g. "New API token". */
  label: string;
  secret: string;
  /** Names the copy button ("Copy token"); without it there is none. */
  copyLabel?: string;
  testId: string;
  onDone: () => void;
  /** What the secret is for and that it will not be shown again. */
  children: ReactNode;
}

/** A secret the server shows once (API and tablet tokens), in place of the form that made it until dismissed. */
export function SecretShownOnce({ label, secret, copyLabel, testId, onDone, children }: SecretShownOnceProps) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="success-box new-token" role="status" aria-label={label}>
      {children}
      <p className="new-token__secret">
        <code data-testid={testId}>{secret}</code>
        {copyLabel && navigator.clipboard && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void navigator.clipboard.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("secretShownOnce.copied") : copyLabel}
          </button>
        )}
      </p>
      <button type="button" className="button" onClick={onDone}>
        {t("secretShownOnce.done")}
      </button>
    </div>
  );
}
