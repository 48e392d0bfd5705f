import { useEffect, useState } from "react";
import { useNotify } from "../../../components/notices";
import { errorMessage } from "../../../lib/errors";
import { useSubscribePush } from "../api/subscribe-push";
import { useUnsubscribePush } from "../api/unsubscribe-push";
import { browserSupportsPush, currentPushSubscription } from "../utils/browser-push";

/** Subscribes or unsubscribes the browser in use; the browser asks for permission first. */
export function ThisBrowserPush({ onSubscribed }: { onSubscribed: () => void }) {
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

  if (!supported) return <p className="muted">This browser cannot show notifications from Chorus.</p>;
  if (subscribed === null) return null;

  if (subscribed) {
    return (
      <p>
        This browser gets notifications.{" "}
        <button
          type="button"
          className="button button--small"
          disabled={unsubscribe.isPending}
          onClick={() =>
            unsubscribe.mutate(undefined, {
              onSuccess: () => {
                setSubscribed(false);
                notify("info", "This browser no longer gets notifications.");
              },
              onError,
            })
          }
        >
          Turn off in this browser
        </button>
      </p>
    );
  }
  return (
    <p>
      This browser is not subscribed.{" "}
      <button
        type="button"
        className="button button--small"
        disabled={subscribe.isPending}
        onClick={() =>
          subscribe.mutate(undefined, {
            onSuccess: () => {
              setSubscribed(true);
              onSubscribed();
              notify("success", "This browser will get notifications. Save to keep browser notifications on.");
            },
            onError,
          })
        }
      >
        Turn on in this browser
      </button>
    </p>
  );
}
