/**
 * The browser side of Web Push: the service worker, notification permission and this
 * browser's push subscription. Everything here is absent on browsers without push.
 */

export const SERVICE_WORKER_URL = "/sw.js";

export function browserSupportsPush(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** Registers the service worker that shows reminders; harmless to call on every start. */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(SERVICE_WORKER_URL).catch(() => {
    // No service worker (private windows, blocked by policy): the app works without reminders.
  });
}

/** This browser's current subscription, if it has one. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (!browserSupportsPush()) return null;
  const registration = await navigator.serviceWorker.getRegistration(SERVICE_WORKER_URL);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks for permission (the browser's prompt) and subscribes with the server's VAPID key.
 * Throws a message for people when the browser or the person says no.
 */
export async function subscribeThisBrowser(vapidPublicKey: string): Promise<PushSubscription> {
  if (!browserSupportsPush()) throw new Error("This browser cannot show notifications from Chorus.");
  const permission = await Notification.requestPermission();
  if (permission !== "granted")
    throw new Error("Notifications are blocked for Chorus in this browser. Allow them in the site settings, then try again.");
  const registration = await navigator.serviceWorker.register(SERVICE_WORKER_URL);
  await navigator.serviceWorker.ready;
  return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(vapidPublicKey) });
}

function base64UrlToBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
