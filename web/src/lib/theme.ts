/**
 * The colour scheme on screen (decision 0037). index.html's inline script owns it: before first
 * paint it reads the choice cached on this device, sets `<html data-theme>` (the stylesheet's dark
 * tokens hang on it) and follows the device's scheme while the choice is `system`. This module
 * hands it new choices and tells components (the charts) which scheme is drawn.
 */
import type { ThemeChoice } from "@chorus/shared";
import { useSyncExternalStore } from "react";

/** Read by index.html's script: keep the two in step. */
const THEME_KEY = "chorus.theme";

declare global {
  interface Window {
    /** Set by index.html's script; absent where it did not run (component tests). */
    chorusTheme?: { use(choice: ThemeChoice): void };
  }
}

/** Shows `choice` now, without keeping it (the shared tablet follows its device, whoever used the browser before). */
export function showTheme(choice: ThemeChoice) {
  window.chorusTheme?.use(choice);
}

/** Shows `choice` now and from the next load of this device on, before the account has loaded. */
export function rememberTheme(choice: ThemeChoice) {
  try {
    localStorage.setItem(THEME_KEY, choice);
  } catch {
    // No storage (a locked-down browser): the account's choice still applies once it has loaded.
  }
  showTheme(choice);
}

function subscribe(listener: () => void) {
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

/** The scheme drawn now: what colours that CSS cannot reach (a canvas) are read again on. */
export function useShownTheme(): "light" | "dark" {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme === "dark" ? "dark" : "light"));
}

/** A colour token of index.css as the current scheme has it ("--text" → "#1b1f24"). */
export function cssColor(token: `--${string}`): string {
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim();
}
