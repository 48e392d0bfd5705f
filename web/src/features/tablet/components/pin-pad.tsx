import { useId, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** A PIN pad with big keys; the digits can also be typed on a keyboard. */
export function PinPad({
  name,
  error,
  onSubmit,
  onCancel,
}: {
  name: string;
  error: string | null;
  onSubmit: (pin: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("tablet");
  const [pin, setPin] = useState("");
  const id = useId();
  const press = (digit: string) => setPin((current) => (current.length < 8 ? current + digit : current));

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pin.length >= 4) onSubmit(pin);
  }

  return (
    <form onSubmit={submit} className="pin-pad" aria-label={t("pinPad.label", { name })}>
      <label htmlFor={id}>{t("pinPad.enter", { name })}</label>
      <input
        id={id}
        className="pin-pad__display"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, "").slice(0, 8))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        // The pad opens because a child just tapped their name: the PIN is what they type next.
        // oxlint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="pin-pad__keys">
        {DIGITS.map((digit) => (
          <button key={digit} type="button" className="pin-pad__key" onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button
          type="button"
          className="pin-pad__key"
          onClick={() => setPin((current) => current.slice(0, -1))}
          aria-label={t("pinPad.delete")}
        >
          ⌫
        </button>
        <button type="button" className="pin-pad__key" onClick={() => press("0")}>
          0
        </button>
        <button type="submit" className="pin-pad__key pin-pad__key--ok" disabled={pin.length < 4}>
          {t("pinPad.ok")}
        </button>
      </div>
      <button type="button" className="button" onClick={onCancel}>
        {t("pinPad.notMe", { name })}
      </button>
    </form>
  );
}
