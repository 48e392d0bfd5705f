import { pinSchema, type Member } from "@chorus/shared";
import { useId, useState, type SubmitEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useSetMemberPin } from "../api/set-member-pin";

/** "Set PIN…" on a child's row: opens a small form for the new PIN (admins only). */
export function ChildPinForm({ member }: { member: Member }) {
  const setPin = useSetMemberPin();
  const notify = useNotify();
  const id = useId();
  const { t } = useTranslation("circle");
  const name = member.displayName;
  const [open, setOpen] = useState(false);
  const [pin, setPinValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = pinSchema.safeParse(pin);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t("childPin.invalid"));
      return;
    }
    setError(null);
    setPin.mutate(
      { userId: member.userId, pin: parsed.data },
      {
        onSuccess: () => {
          notify("success", t("childPin.changed", { name }));
          setPinValue("");
          setOpen(false);
        },
        onError: (failure) => setError(errorMessage(failure)),
      },
    );
  }

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <Trans t={t} i18nKey="childPin.setPin" values={{ name }} components={{ hidden: <span className="visually-hidden" /> }} />
      </button>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="form--inline" aria-label={t("childPin.formLabel", { name })}>
      <label htmlFor={id} className="visually-hidden">
        {t("childPin.newPin", { name })}
      </label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={8}
        size={8}
        value={pin}
        onChange={(event) => setPinValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" className="button button--primary" disabled={setPin.isPending}>
        {t("childPin.save")}
      </button>
      <button type="button" className="button" onClick={() => setOpen(false)}>
        {t("childPin.cancel")}
      </button>
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
