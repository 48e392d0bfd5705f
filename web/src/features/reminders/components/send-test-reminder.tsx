import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/errors";
import { useSendTestReminder } from "../api/send-test-reminder";

/** Sends a test reminder on the saved channels and lists how each went. */
export function SendTestReminder() {
  const { t } = useTranslation("reminders");
  const test = useSendTestReminder();
  return (
    <div className="send-test">
      <p className="muted">{t("test.intro")}</p>
      <button type="button" className="button" disabled={test.isPending} onClick={() => test.mutate()}>
        {test.isPending ? t("test.sending") : t("test.send")}
      </button>
      <div role="status" aria-label={t("test.results")}>
        {test.isError && <p className="field__error">{errorMessage(test.error)}</p>}
        {test.data && (
          <ul className="test-results">
            {test.data.results.map((result) => (
              <li key={result.channel} className={result.ok ? "test-results__ok" : "test-results__failed"}>
                {result.ok
                  ? t("test.sent", { channel: t(`channels.${result.channel}`) })
                  : t("test.notSent", { channel: t(`channels.${result.channel}`), error: result.error })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
