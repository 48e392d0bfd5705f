/*
 * Chorus service worker (decision 0043). It shows reminder notifications sent by the server
 * through Web Push and brings the app forward when one is clicked, and it keeps the app shell
 * (index.html and the files it loads) so the installed app opens offline. It never touches the
 * API: answers there are per sign-in and `no-store`; the last task list is the page's own
 * (IndexedDB, per signed-in person).
 */
// Set at build, above this file, by vite.config.ts's chorus:precache-shell: the built shell's files and their version.
const SHELL = self.__CHORUS_SHELL__ ?? [];
const SHELL_CACHE = `chorus-shell-${self.__CHORUS_SHELL_VERSION__ ?? "dev"}`;
/** Pages drawn from the cached shell: their shell files come from the cache too. */
const offlineClients = new Set();

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith("chorus-shell-") && name !== SHELL_CACHE).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    // Network first, so a new version shows at once; the cached shell when the network fails.
    event.respondWith(
      fetch(request).catch(async () => {
        const shell = await caches.match("/index.html", { cacheName: SHELL_CACHE });
        if (!shell) throw new TypeError("offline and no app shell cached");
        offlineClients.add(event.resultingClientId);
        return shell;
      }),
    );
    return;
  }
  // An online page's files go to the network untouched (the browser's own cache has them).
  if (offlineClients.has(event.clientId) && SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL_CACHE }).then((hit) => hit ?? fetch(request)));
  }
});

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
