import { languageChoiceSchema, type Language, type LanguageChoice } from "@chorus/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { errorMessage } from "../../../lib/errors";
import { i18next, languageFor, rememberLanguage } from "../../../lib/i18n";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useLanguage, useSetLanguage } from "../api/language";

/** A language by its own name ("Deutsch", "Français"), so someone who cannot read the current one still finds theirs. */
function ownName(language: Language): string {
  const name = new Intl.DisplayNames([language], { type: "language" }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** The Account page's language setting (decision 0047): the choice follows the person to every device. */
export function LanguageChooser() {
  const { t } = useTranslation("language");
  const setting = useLanguage();
  const save = useSetLanguage();
  const notify = useNotify();
  const headingId = useId();
  const selectId = useId();
  const choice = useChoiceInFlight(setting.data?.language);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("heading")}</h2>
      {setting.isPending ? (
        <Loading label={t("loading")} />
      ) : setting.isError ? (
        <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />
      ) : (
        <div className="field">
          <label htmlFor={selectId}>{t("label")}</label>
          <select
            id={selectId}
            value={choice.shown ?? "system"}
            onChange={(event) => {
              const language = event.target.value as LanguageChoice;
              choice.hold(language);
              save.mutate(language, {
                // Said in the new language, once the screen has switched to it (this render's `t` is the old one's).
                onSuccess: () => void rememberLanguage(language).then(() => notify("success", i18next.t("language:saved"))),
                onError: (error) => {
                  choice.release();
                  notify("error", errorMessage(error));
                },
              });
            }}
          >
            {languageChoiceSchema.options.map((option) => (
              <option key={option} value={option} lang={option === "system" ? undefined : option}>
                {option === "system" ? t("system", { language: ownName(languageFor("system")) }) : ownName(option)}
              </option>
            ))}
          </select>
          <p className="muted">{t("about")}</p>
        </div>
      )}
    </section>
  );
}
