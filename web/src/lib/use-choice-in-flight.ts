import { useState } from "react";

/**
 * A control that saves as soon as it changes (a radio button, a switch, a select) shows the value
 * just chosen until the saved copy moves. Left to the saved copy alone, the control springs back
 * until the cache catches up (a task later for an optimistic update, a refetch later otherwise),
 * which reads as "not taken" and makes people tap again. `release` is for a failed save.
 */
export function useChoiceInFlight<T>(saved: T) {
  const [held, setHeld] = useState<{ value: T; over: T } | null>(null);
  // The saved copy moved (the save landed, or someone else's did): it leads again.
  if (held && !Object.is(held.over, saved)) setHeld(null);
  return {
    shown: held && Object.is(held.over, saved) ? held.value : saved,
    hold: (value: T) => setHeld({ value, over: saved }),
    release: () => setHeld(null),
  };
}
