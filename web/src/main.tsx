import { StrictMode, startTransition } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { languageReady } from "./lib/i18n";
import { registerServiceWorker } from "./features/reminders/utils/browser-push";
// Before index.css: the bundle joins them in this order, and its own blocks must not swallow these.
import "./onboarding.css";
import "./index.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
const root = createRoot(container);
// As a transition, the first render is drawn in short slices the browser can interleave
// with loading the rest of the page, rather than in one long task.
// The first render waits for the catalogues of a language other than English (bundled).
void languageReady().finally(() =>
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  ),
);

// Reminders arrive as Web Push messages, which only a service worker can show. Registered
// after the page has loaded, so fetching and starting the worker waits for the first page.
window.addEventListener("load", registerServiceWorker, { once: true });
