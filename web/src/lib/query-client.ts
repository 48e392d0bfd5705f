import { ChorusApiError } from "@chorus/shared";
import { focusManager, QueryClient } from "@tanstack/react-query";

export function createQueryClient(): QueryClient {
  listenForWindowFocus();
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Coming back to the window refetches what is on screen, in case a live update was
        // missed (the stream was down, the laptop slept).
        refetchOnWindowFocus: true,
        // Client errors (403, 404, validation) will not change on retry; network blips may.
        retry: (failures, error) => failures < 2 && (!(error instanceof ChorusApiError) || error.status === 0 || error.status >= 500),
      },
      // Writes offline fail at once with "cannot be reached" instead of waiting unseen; Done and
      // Skip as yourself are queued on the device instead (decision 0043).
      mutations: { retry: false, networkMode: "always" },
    },
  });
}

/**
 * React Query only watches `visibilitychange`, which does not fire when someone switches
 * between two visible windows (a tablet app and a desktop browser side by side); a
 * window's `focus` event does.
 */
function listenForWindowFocus() {
  focusManager.setEventListener((onFocus) => {
    const listener = () => onFocus();
    window.addEventListener("visibilitychange", listener);
    window.addEventListener("focus", listener);
    return () => {
      window.removeEventListener("visibilitychange", listener);
      window.removeEventListener("focus", listener);
    };
  });
}
