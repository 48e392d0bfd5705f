import { useEffect, useRef } from "react";
import { useNow } from "../../../lib/use-now";

/** "42 min left", then seconds in the last minute. */
export function describeTimeLeft(ms: number): string {
  if (ms <= 0) return "time is up";
  if (ms < 60_000) return `${Math.ceil(ms / 1000)} s left`;
  return `${Math.ceil(ms / 60_000)} min left`;
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
      <time dateTime={expiresAt} title={`Ends at ${new Date(expiresAt).toLocaleTimeString()}`}>
        {describeTimeLeft(left)}
      </time>
    </span>
  );
}
