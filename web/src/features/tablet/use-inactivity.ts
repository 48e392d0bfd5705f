import { useEffect, useRef } from "react";

/** How long a tablet waits, untouched, before going back to the member picker. */
export const TABLET_IDLE_MS = 60_000;

/** Calls `onIdle` once nobody has touched, clicked or typed for `idleMs` while `active`. */
export function useInactivity(active: boolean, onIdle: () => void, idleMs = TABLET_IDLE_MS) {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => latest.current(), idleMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), idleMs);
    };
    const events = ["pointerdown", "keydown", "touchstart"] as const;
    for (const event of events) document.addEventListener(event, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of events) document.removeEventListener(event, restart);
    };
  }, [active, idleMs]);
}
