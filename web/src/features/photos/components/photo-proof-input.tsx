import { forwardRef, useId } from "react";
import { useTranslation } from "react-i18next";

/**
 * The photo a chore needs with its completion (decision 0030): the phone's camera or a
 * picture already taken. The server judges the file; here it is only picked (the browser shows its name).
 */
export const PhotoProofInput = forwardRef<
  HTMLInputElement,
  { choreName: string; onChange: (photo: File | null) => void; disabled?: boolean }
>(function PhotoProofInput({ choreName, onChange, disabled }, ref) {
  const id = useId();
  const { t } = useTranslation("photos");
  return (
    <div className="field photo-proof">
      <label htmlFor={id}>{t("proof.label")}</label>
      <input
        ref={ref}
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-label={t("proof.inputLabel", { name: choreName })}
        disabled={disabled}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
    </div>
  );
});
