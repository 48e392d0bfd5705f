import type { ReminderChannel } from "@chorus/shared";
import { errorMessage } from "../../../lib/errors";
import { useSendTestReminder } from "../api/send-test-reminder";

const CHANNEL_NAMES: Record<ReminderChannel, string> = {
  push: "Browser notifications",
  webhook: "Webhook",
  ntfy: "ntfy",
  email: "Email",
  gotify: "Gotify",
  discord: "Discord",
  slack: "Slack",
  telegram: "Telegram",
};

/** Sends a test reminder on the saved channels and lists how each went. */
export function SendTestReminder() {
  const test = useSendTestReminder();
  return (
    <div className="send-test">
      <p className="muted">Sends a test reminder now on every saved channel.</p>
      <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
        {test.isPending ? "Sending…" : "Send test"}
      </button>
      <div role="status" aria-label="Test results">
        {test.isError && <p className="field__error">{errorMessage(test.error)}</p>}
        {test.data && (
          <ul className="test-results">
            {test.data.results.map((result) => (
              <li key={result.channel} className={result.ok ? "test-results__ok" : "test-results__failed"}>
                {CHANNEL_NAMES[result.channel]}: {result.ok ? "sent" : `not sent — ${result.error}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
