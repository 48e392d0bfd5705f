import { useTranslation } from "react-i18next";
import { TextField } from "../../../components/form";

/**
 * The authenticator app's 6-digit code: the phone's keypad, and the browser may fill it from a message or app.
 * No maxLength: a pasted code with spaces around or inside it arrives whole (the schema drops them; decision 0048).
 */
export function CodeField({ value, onChange, error }: { value: string; onChange: (code: string) => void; error?: string | undefined }) {
  const { t } = useTranslation("mfa");
  return (
    <TextField
      label={t("codeField.label")}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      required
    />
  );
}
