import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { registerServiceWorker } from "./features/reminders/utils/browser-push";
// Before index.css: the bundle joins them in this order, and its own blocks must not swallow these.
import "./onboarding.css";
import "./index.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Reminders arrive as Web Push messages, which only a service worker can show. Registered
// after the page has loaded, so fetching and starting the worker waits for the first page.
window.addEventListener("load", registerServiceWorker, { once: true });
