import { useId, useState, type SubmitEvent } from "react";

/** First run on a tablet: paste (or type) the token an admin created on the Circle page. */
export function DeviceTokenForm({ onToken, problem }: { onToken: (token: string) => void; problem: string | null }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = token.trim();
    if (!/^chorus_dev_[A-Za-z0-9_-]{20,}$/.test(trimmed)) {
      setError("That is not a tablet token: they start with chorus_dev_. An admin creates one on the Circle page.");
      return;
    }
    onToken(trimmed);
  }

  return (
    <form onSubmit={submit} noValidate className="form tablet-setup" aria-label="Set up this tablet">
      {problem && (
        <p className="error-alert" role="alert">
          {problem}
        </p>
      )}
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor={id}>Tablet token</label>
        <p className="field__hint" id={`${id}-hint`}>
          An admin adds a shared tablet on the Circle page and gets its token once.
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
        Use this tablet
      </button>
    </form>
  );
}
