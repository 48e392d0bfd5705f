import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface ConfirmActionProps {
  /** The first button, e.g. "Remove…" (its accessible name should say what it acts on). */
  label: ReactNode;
  /** The button that does it, e.g. "Remove Alex". */
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/** A destructive action that asks once more before it happens: "Remove…" → "Remove Alex" / "Keep". */
export function ConfirmAction({ label, confirmLabel, pending, onConfirm }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <span className="member-row__danger">
      {confirming ? (
        <>
          <button type="button" className="button button--danger" disabled={pending} onClick={onConfirm}>
            {confirmLabel}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            {t("confirmAction.keep")}
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          {label}
        </button>
      )}
    </span>
  );
}
