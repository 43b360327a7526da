// The service worker of Heupdagboek. Served at /sw.js by heupdagboek.pwa,
// which puts CONFIG in front of this file: the version (a hash of all static
// files) and the hashed URLs of the shell.
//
// - Install: store the shell (styles, scripts, icons, drawings, offline page).
// - Pages: network first, so people always see their latest data; the last
//   copy of a page is kept so Vandaag, the exercises and the player open
//   without a connection.
// - Hashed static files: cache first (their name changes when they change).
// - Writes are never handled here: the pages queue them (queue.js) and this
//   worker sends the queue on Background Sync.
// - A push message shows the daily reminder.
/* global CONFIG, HeupdagboekQueue */

importScripts(CONFIG.queueUrl);

const SHELL_CACHE = `shell-${CONFIG.version}`;
const PAGES_CACHE = `pages-${CONFIG.version}`;
const OURS = [SHELL_CACHE, PAGES_CACHE];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([...CONFIG.shell, CONFIG.offlineUrl]);
      // The new version takes over at once: its shell is complete, and the
      // pages it serves match the static files it stored.
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Old versions' caches go: their pages point at old static files.
      for (const name of await caches.keys()) {
        if (!OURS.includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function isPage(request) {
  return request.mode === "navigate" || (request.headers.get("Accept") || "").includes("text/html");
}

// Pages worth keeping for offline use: the logged-in app, never the account,
// login or admin pages (nothing to do there without a network).
function keepsPage(url) {
  return !/^\/(accounts|account|admin|api|_allauth|i18n)\//.test(url.pathname);
}

// On a slow connection (a train), waiting for the network longer than this
// is worse than showing the copy from the last visit.
const SLOW_NETWORK_MS = 6000;

async function pageFromNetwork(event) {
  const request = event.request;
  const url = new URL(request.url);
  const network = fetch(request).then(async (response) => {
    // Only a page as it is (no redirect to the login page, no error page).
    if (response.ok && !response.redirected && response.type === "basic") {
      const cache = await caches.open(PAGES_CACHE);
      await cache.put(url.pathname, response.clone());
    }
    return response;
  });
  // The copy is refreshed even when the slow answer comes after the old copy.
  event.waitUntil(network.catch(() => {}));
  const cached = await caches.match(url.pathname, { cacheName: PAGES_CACHE, ignoreVary: true });
  try {
    if (!cached) return await network;
    const slow = new Promise((resolve) => setTimeout(() => resolve(cached), SLOW_NETWORK_MS));
    return await Promise.race([network, slow]);
  } catch (error) {
    if (cached) return cached;
    const offline = await caches.match(CONFIG.offlineUrl, {
      cacheName: SHELL_CACHE,
      ignoreVary: true,
    });
    if (offline && request.mode === "navigate") return offline;
    throw error;
  }
}

async function staticFile(request) {
  const cached = await caches.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed names never change content, so keeping every one fetched is safe.
  if (response.ok && /\.[0-9a-f]{12}\.[a-z0-9]+$/.test(new URL(request.url).pathname)) {
    const cache = await caches.open(SHELL_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // writes go to the network untouched
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(request));
  } else if (isPage(request) && keepsPage(url)) {
    event.respondWith(pageFromNetwork(event));
  }
  // Everything else (the API, the account pages) is network only.
});

// Pages ask to keep pages they link to (the exercise player of each of
// today's exercises, the library and those exercises' descriptions), so
// those open offline even when not visited yet; and
// the logout form asks to clear everything.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "logout") {
    // Nothing of this person stays on the device: pages, queue, everything.
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) await caches.delete(name);
        await HeupdagboekQueue.destroy();
      })(),
    );
    return;
  }
  if (data.type === "keep-pages" && Array.isArray(data.urls)) {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(PAGES_CACHE);
        for (const href of data.urls.slice(0, 20)) {
          const url = new URL(href, self.location.origin);
          if (url.origin !== self.location.origin || !keepsPage(url)) continue;
          try {
            const response = await fetch(url.pathname, { credentials: "same-origin" });
            if (response.ok && !response.redirected) await cache.put(url.pathname, response);
          } catch {
            return; // offline: nothing more to fetch now
          }
        }
      })(),
    );
  }
});

self.addEventListener("sync", (event) => {
  if (event.tag !== HeupdagboekQueue.NAME) return;
  event.waitUntil(
    HeupdagboekQueue.flush().then((result) => {
      // Failing the event makes the browser try again later; after a 401
      // that is pointless until the person logs in, so that one succeeds.
      if (result.state === "offline" || result.state === "server") {
        throw new Error(`outbox not sent: ${result.state}`);
      }
    }),
  );
});

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || "Heupdagboek", {
      body: data.body || "",
      icon: CONFIG.icon,
      badge: CONFIG.icon,
      lang: data.lang || "nl",
      tag: "daily-reminder",
      data: { url: data.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data.url || "/", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === target && "focus" in client) return client.focus();
      }
      return self.clients.openWindow(target);
    })(),
  );
});
