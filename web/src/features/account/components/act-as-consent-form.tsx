import { actAsConsentSchema } from "@chorus/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useActAsConsent, useSetActAsConsent } from "../api/act-as-consent";

/** The Account page's "Acting for you" section (decision 0023): a child's account cannot choose. */
export function ActAsConsentForm() {
  const setting = useActAsConsent();
  const save = useSetActAsConsent();
  const outcome = useNotifyOutcome();
  const headingId = useId();
  const { t } = useTranslation("account");
  const choice = useChoiceInFlight(setting.data?.consent);
  return (
    <section className="card act-as-consent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("consent.heading")}</h2>
      {setting.isPending ? (
        <Loading label={t("consent.loading")} />
      ) : setting.isError ? (
        <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />
      ) : !setting.data.choosable ? (
        <p className="muted">{t("consent.child")}</p>
      ) : (
        <fieldset className="fieldset" disabled={save.isPending}>
          <legend>{t("consent.legend")}</legend>
          {actAsConsentSchema.options.map((consent) => (
            <label key={consent} className="checkbox act-as-consent__choice" aria-label={t(`consent.choices.${consent}.label`)}>
              <input
                type="radio"
                name="actAsConsent"
                value={consent}
                checked={choice.shown === consent}
                onChange={() => {
                  const saved = outcome("success", t(`consent.saved.${consent}`));
                  choice.hold(consent);
                  save.mutate(consent, {
                    ...saved,
                    onError: (error) => {
                      choice.release();
                      saved.onError(error);
                    },
                  });
                }}
              />
              <span>
                <strong>{t(`consent.choices.${consent}.label`)}</strong>
                <span className="muted"> — {t(`consent.choices.${consent}.about`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
