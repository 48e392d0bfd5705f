import { themeChoiceSchema } from "@chorus/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useTheme, useSetTheme } from "../api/theme";

/** The Account page's "Appearance" section (decision 0037): the choice follows the person to every device. */
export function ThemeChooser() {
  const setting = useTheme();
  const save = useSetTheme();
  const outcome = useNotifyOutcome();
  const headingId = useId();
  const { t } = useTranslation("theme");
  const choice = useChoiceInFlight(setting.data?.theme);
  return (
    <section className="card theme-chooser" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("heading")}</h2>
      {setting.isPending ? (
        <Loading label={t("loading")} />
      ) : setting.isError ? (
        <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />
      ) : (
        <fieldset className="fieldset">
          <legend>{t("legend")}</legend>
          {themeChoiceSchema.options.map((theme) => (
            <label key={theme} className="checkbox theme-chooser__choice" aria-label={t(`choices.${theme}.label`)}>
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={choice.shown === theme}
                onChange={() => {
                  const saved = outcome("success", t(`saved.${theme}`));
                  choice.hold(theme);
                  save.mutate(theme, {
                    ...saved,
                    onError: (error) => {
                      choice.release();
                      saved.onError(error);
                    },
                  });
                }}
              />
              <span>
                <strong>{t(`choices.${theme}.label`)}</strong>
                <span className="muted"> — {t(`choices.${theme}.about`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
