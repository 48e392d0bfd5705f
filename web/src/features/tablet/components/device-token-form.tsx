import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";

/** First run on a tablet: paste (or type) the token an admin created on the Circle page. */
export function DeviceTokenForm({ onToken, problem }: { onToken: (token: string) => void; problem: string | null }) {
  const { t } = useTranslation("tablet");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = token.trim();
    if (!/^chorus_dev_[A-Za-z0-9_-]{20,}$/.test(trimmed)) {
      setError(t("tokenForm.notAToken"));
      return;
    }
    onToken(trimmed);
  }

  return (
    <form onSubmit={submit} noValidate className="form tablet-setup" aria-label={t("tokenForm.label")}>
      {problem && (
        <p className="error-alert" role="alert">
          {problem}
        </p>
      )}
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor={id}>{t("tokenForm.token")}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t("tokenForm.hint")}
        </p>
        <input
          id={id}
          name="deviceToken"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary">
        {t("tokenForm.submit")}
      </button>
    </form>
  );
}
