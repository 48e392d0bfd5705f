import { themeChoiceSchema, type ThemeChoice } from "@chorus/shared";
import { useId } from "react";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useTheme, useSetTheme } from "../api/theme";

const CHOICES: Record<ThemeChoice, { label: string; about: string }> = {
  system: { label: "Same as this device", about: "Light or dark as the phone or computer is set." },
  light: { label: "Light", about: "Dark text on light backgrounds, everywhere." },
  dark: { label: "Dark", about: "Light text on dark backgrounds, everywhere." },
};

/** The Account page's "Appearance" section (decision 0037): the choice follows the person to every device. */
export function ThemeChooser() {
  const setting = useTheme();
  const save = useSetTheme();
  const outcome = useNotifyOutcome();
  const headingId = useId();
  const choice = useChoiceInFlight(setting.data?.theme);
  return (
    <section className="card theme-chooser" aria-labelledby={headingId}>
      <h2 id={headingId}>Appearance</h2>
      {setting.isPending ? (
        <Loading label="Loading your setting…" />
      ) : setting.isError ? (
        <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />
      ) : (
        <fieldset className="fieldset">
          <legend>Colours</legend>
          {themeChoiceSchema.options.map((theme) => (
            <label key={theme} className="checkbox theme-chooser__choice" aria-label={CHOICES[theme].label}>
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={choice.shown === theme}
                onChange={() => {
                  const saved = outcome("success", `Saved: ${CHOICES[theme].label.toLowerCase()}.`);
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
                <strong>{CHOICES[theme].label}</strong>
                <span className="muted"> — {CHOICES[theme].about}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
