import { actAsConsentSchema, type ActAsConsent } from "@chorus/shared";
import { useId } from "react";
import { useNotifyOutcome } from "../../../components/notices";
import { ErrorAlert, Loading } from "../../../components/status";
import { useChoiceInFlight } from "../../../lib/use-choice-in-flight";
import { useActAsConsent, useSetActAsConsent } from "../api/act-as-consent";

const CHOICES: Record<ActAsConsent, { label: string; about: string }> = {
  anyone: { label: "Anyone my role allows", about: "Admins (and managers, for members) may view and do your tasks for you." },
  ask: { label: "Ask me first", about: "They send you a request; you allow it for a limited time, or decline." },
  nobody: { label: "Nobody", about: "No one may view or do your tasks as you." },
};

/** The Account page's "Acting for you" section (decision 0023): a child's account cannot choose. */
export function ActAsConsentForm() {
  const setting = useActAsConsent();
  const save = useSetActAsConsent();
  const outcome = useNotifyOutcome();
  const headingId = useId();
  const choice = useChoiceInFlight(setting.data?.consent);
  return (
    <section className="card act-as-consent" aria-labelledby={headingId}>
      <h2 id={headingId}>Acting for you</h2>
      {setting.isPending ? (
        <Loading label="Loading your setting…" />
      ) : setting.isError ? (
        <ErrorAlert error={setting.error} onRetry={() => void setting.refetch()} />
      ) : !setting.data.choosable ? (
        <p className="muted">This is a child&apos;s account: the circle&apos;s admins and managers can always view and do its tasks.</p>
      ) : (
        <fieldset className="fieldset" disabled={save.isPending}>
          <legend>Who may view and do your tasks as you</legend>
          {actAsConsentSchema.options.map((consent) => (
            <label key={consent} className="checkbox act-as-consent__choice" aria-label={CHOICES[consent].label}>
              <input
                type="radio"
                name="actAsConsent"
                value={consent}
                checked={choice.shown === consent}
                onChange={() => {
                  const saved = outcome("success", `Saved: ${CHOICES[consent].label.toLowerCase()}.`);
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
                <strong>{CHOICES[consent].label}</strong>
                <span className="muted"> — {CHOICES[consent].about}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}
