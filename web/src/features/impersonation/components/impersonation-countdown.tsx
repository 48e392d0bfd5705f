import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { i18next, locale } from "../../../lib/i18n";
import { useNow } from "../../../lib/use-now";

/** "42 min left", then seconds in the last minute. */
export function describeTimeLeft(ms: number): string {
  if (ms <= 0) return i18next.t("impersonation:countdown.timeUp");
  if (ms < 60_000) return i18next.t("impersonation:countdown.seconds", { seconds: Math.ceil(ms / 1000) });
  return i18next.t("impersonation:countdown.minutes", { minutes: Math.ceil(ms / 60_000) });
}

/** Milliseconds until `expiresAt`, updated each second. */
export function useTimeLeft(expiresAt: string): number {
  return Date.parse(expiresAt) - useNow(1000);
}

/**
 * The impersonation session's remaining time, ticking each second. When it runs out it calls
 * `onElapsed` once: the server decides what happens next (it refuses the header).
 */
export function ImpersonationCountdown({ expiresAt, onElapsed }: { expiresAt: string; onElapsed: () => void }) {
  // Re-renders in a new language; the text itself comes from describeTimeLeft.
  const { t } = useTranslation("impersonation");
  const left = useTimeLeft(expiresAt);
  const elapsed = left <= 0;
  const reported = useRef<string | null>(null);
  useEffect(() => {
    if (!elapsed || reported.current === expiresAt) return;
    reported.current = expiresAt;
    onElapsed();
  }, [elapsed, expiresAt, onElapsed]);
  return (
    <span className="impersonation-banner__countdown">
      <time dateTime={expiresAt} title={t("countdown.endsAt", { time: new Date(expiresAt).toLocaleTimeString(locale()) })}>
        {describeTimeLeft(left)}
      </time>
    </span>
  );
}
