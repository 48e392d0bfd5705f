import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useSubscribePush } from "../api/subscribe-push";
import { useUnsubscribePush } from "../api/unsubscribe-push";
import { browserSupportsPush, currentPushSubscription } from "../utils/browser-push";

/** Subscribes or unsubscribes the browser in use; the browser asks for permission first. */
export function ThisBrowserPush({ onSubscribed }: { onSubscribed: () => void }) {
  const { t } = useTranslation("reminders");
  const supported = browserSupportsPush();
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const subscribe = useSubscribePush();
  const unsubscribe = useUnsubscribePush();
  const notify = useNotify();
  const onError = (error: unknown) => notify("error", errorMessage(error));

  useEffect(() => {
    if (!supported) return;
    let current = true;
    void currentPushSubscription().then((subscription) => current && setSubscribed(subscription !== null));
    return () => {
      current = false;
    };
  }, [supported]);

  if (!supported) return <p className="muted">{t("thisBrowser.unsupported")}</p>;
  if (subscribed === null) return null;

  if (subscribed) {
    return (
      <p>
        {t("thisBrowser.subscribed")}{" "}
        <button
          type="button"
          className="button button--small"
          disabled={unsubscribe.isPending}
          onClick={() =>
            unsubscribe.mutate(undefined, {
              onSuccess: () => {
                setSubscribed(false);
                notify("info", t("thisBrowser.turnedOff"));
              },
              onError,
            })
          }
        >
          {t("thisBrowser.turnOff")}
        </button>
      </p>
    );
  }
  return (
    <p>
      {t("thisBrowser.notSubscribed")}{" "}
      <button
        type="button"
        className="button button--small"
        disabled={subscribe.isPending}
        onClick={() =>
          subscribe.mutate(undefined, {
            onSuccess: () => {
              setSubscribed(true);
              onSubscribed();
              notify("success", t("thisBrowser.turnedOn"));
            },
            onError,
          })
        }
      >
        {t("thisBrowser.turnOn")}
      </button>
    </p>
  );
}
