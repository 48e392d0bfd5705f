/*
 * Chorus service worker: shows reminder notifications sent by the server through Web
 * Push, and brings the app forward when one is clicked. It caches nothing; the app
 * stays online-only.
 */
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let reminder = { title: "Chorus", body: "", tag: "chorus", url: "/" };
  try {
    reminder = { ...reminder, ...event.data.json() };
  } catch {
    // A push without a JSON payload still shows something rather than nothing.
  }
  event.waitUntil(
    self.registration.showNotification(reminder.title, {
      body: reminder.body,
      tag: reminder.tag,
      icon: "/icons/icon-192.png",
      data: { url: reminder.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? "/", self.location.origin);
  // Only ever navigate within Chorus.
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (!open) return self.clients.openWindow(url);
      // navigate() only works on windows this worker controls; otherwise open a new one.
      return open
        .focus()
        .then((client) => client.navigate(url))
        .catch(() => self.clients.openWindow(url));
    }),
  );
});
