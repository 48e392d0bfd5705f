import { onlineManager } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";

/**
 * Whether the browser says it has a network, as React Query sees it (queries pause offline).
 * React Query starts out "online" whatever the browser says, so the app tells it at start.
 */
export function startOnlineTracking(): void {
  onlineManager.setOnline(navigator.onLine);
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
  );
}
