// On every page: installs the service worker, sends what waits in the
// outbox (on load and when the connection returns), shows the outbox on
// Vandaag, and clears this device on logout.
//
// The settings and the translated texts come from the data attributes of
// this script's own tag (templates/pwa/head.html): no inline script.

const tag = document.querySelector("script[data-pwa]");
const config = tag ? tag.dataset : {};

const fill = (template, values) =>
  (template || "").replace(/%\((\w+)\)s/g, (_, key) => String(values[key] ?? ""));

// The CSRF cookie is always the current one, also in a page that the
// service worker served from its cache after the person logged in again.
function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : config.csrf || "";
}

let queuePromise = null;
// The outbox, or null where IndexedDB is missing (then writes go straight
// to the server as before).
export function loadQueue() {
  if (!queuePromise) {
    queuePromise = (async () => {
      if (!("indexedDB" in window) || !config.queueUrl) return null;
      try {
        await import(config.queueUrl);
        const queue = globalThis.HeupdagboekQueue;
        if (config.user) {
          await queue.setSession({
            user: config.user,
            csrf: csrfToken(),
            lang: document.documentElement.lang || "nl",
          });
        }
        return queue;
      } catch {
        return null;
      }
    })();
  }
  return queuePromise;
}

// --- the outbox on the page ---------------------------------------------------

let lastSentAt = null;
let lastState;
let hadToWait = false;
let shownRejected = 0;

function timeNow() {
  return new Date().toLocaleTimeString(document.documentElement.lang || "nl", {
    hour: "2-digit",
    minute: "2-digit",
  });
}

async function render(state = lastState) {
  lastState = state;
  const box = document.querySelector("[data-sync-status]");
  const queue = await loadQueue();
  if (!box || !queue || !config.user) return;
  const all = await queue.items(config.user);
  const waiting = all.filter((item) => item.state === "waiting");
  const rejected = all.filter((item) => item.state === "rejected");
  // Writes that had to wait (no network, logged out, server trouble) and
  // are now gone reached the server, whoever sent them: this page, another
  // tab or the service worker's Background Sync. Say so, with the time.
  const problem = ["offline", "login", "server"].includes(state) || !navigator.onLine;
  if (waiting.length && problem) hadToWait = true;
  if (!waiting.length && hadToWait) {
    if (rejected.length <= shownRejected) lastSentAt = timeNow();
    hadToWait = false;
  }
  shownRejected = rejected.length;

  const lines = [];
  if (waiting.length && hadToWait) {
    lines.push(fill(config.textPending, { count: waiting.length }));
    if (state === "login") lines.push(config.textLogin);
    else if (!navigator.onLine || state === "offline") lines.push(config.textOffline);
    else if (state === "server") lines.push(config.textServer);
  } else if (lastSentAt) {
    lines.push(fill(config.textSent, { time: lastSentAt }));
  }

  const summary = box.querySelector("[data-sync-summary]") || box;
  summary.textContent = lines.filter(Boolean).join(" ");
  box.classList.toggle("is-waiting", waiting.length > 0 && hadToWait);

  let list = box.querySelector("[data-sync-rejected]");
  if (!list) {
    list = document.createElement("ul");
    list.className = "sync-rejected";
    list.dataset.syncRejected = "";
    box.append(list);
  }
  list.replaceChildren(
    ...rejected.map((item) => {
      const li = document.createElement("li");
      const text = document.createElement("p");
      text.setAttribute("role", "alert");
      text.textContent = `${item.label}: ${fill(config.textRejected, { reason: item.error })}`;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline";
      button.textContent = config.textDismiss;
      button.addEventListener("click", async () => {
        await queue.dismiss(item.id);
      });
      li.append(text, button);
      return li;
    }),
  );
  box.hidden = lines.length === 0 && rejected.length === 0;
}

// Sends the outbox, one round after the other from this page. `waited`:
// the writes were already waiting (page load, connection back), so tell
// when they are sent.
let chain = Promise.resolve();
export function flushQueue({ waited = false } = {}) {
  const run = chain.then(async () => {
    const queue = await loadQueue();
    if (!queue || !config.user) return null;
    const count = async () =>
      (await queue.items(config.user)).filter((item) => item.state === "waiting").length;
    if (waited && (await count()) > 0) hadToWait = true;
    await queue.setSession({
      user: config.user,
      csrf: csrfToken(),
      lang: document.documentElement.lang || "nl",
    });
    const result = await queue.flush();
    await render(result.state);
    scheduleRetry(result.state);
    return result;
  });
  chain = run.catch(() => null);
  return run;
}

// While this page is open and something still waits because the network or
// the server failed, try again after a while: 5 s, then twice as long each
// time, at most a minute. A connection that returns without an `online`
// event (the phone thought it was online all along) is then noticed too.
// Without a network the `online` event does it; a login problem waits for
// the next login.
const RETRY_FIRST_MS = 5000;
const RETRY_MAX_MS = 60000;
let retryDelay = RETRY_FIRST_MS;
let retryTimer = null;
function scheduleRetry(state) {
  clearTimeout(retryTimer);
  retryTimer = null;
  if (state !== "offline" && state !== "server") {
    retryDelay = RETRY_FIRST_MS;
    return;
  }
  if (!navigator.onLine) return;
  retryTimer = setTimeout(() => flushQueue({ waited: true }), retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
}

// Shows the result of a write made on this page (today.js, player.js).
export async function noteWritten(result) {
  await render(result ? result.state : undefined);
}

// --- the service worker ---------------------------------------------------------

async function registerWorker() {
  if (!("serviceWorker" in navigator) || !config.swUrl) return;
  try {
    await navigator.serviceWorker.register(config.swUrl, { scope: "/" });
  } catch {
    /* no offline use in this browser; the app still works online */
  }
  // Today's exercise players, so they open without a connection too; with
  // them the library and the descriptions of those exercises (a handful at
  // most), which are otherwise only there offline if visited before.
  const slugs = [...document.querySelectorAll("a[href]")]
    .map((a) => new URL(a.href, location.href))
    .filter((url) => url.origin === location.origin)
    .map((url) => url.pathname.match(/^\/exercises\/([^/]+)\/do\/$/))
    .filter(Boolean)
    .map((match) => match[1]);
  const today = [...new Set(slugs)];
  if (today.length && config.user) {
    const urls = [
      ...today.map((slug) => `/exercises/${slug}/do/`),
      "/exercises/library/",
      ...today.slice(0, 5).map((slug) => `/exercises/library/${slug}/`),
    ];
    const registration = await navigator.serviceWorker.ready;
    if (registration.active) {
      registration.active.postMessage({ type: "keep-pages", urls });
    }
  }
}

// --- logout clears this device --------------------------------------------------

async function clearDevice() {
  const queue = await loadQueue();
  if (queue) await queue.destroy();
  if ("caches" in window) {
    for (const name of await caches.keys()) await caches.delete(name);
  }
}

// The form is sent as usual (no waiting here, so logging out is never held
// up); the service worker, which outlives this page, clears the caches and
// the outbox. The server's Clear-Site-Data answer does the same again.
function hookLogout() {
  if (!config.logoutUrl) return;
  const logoutPath = new URL(config.logoutUrl, location.href).pathname;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if (new URL(form.action, location.href).pathname !== logoutPath) return;
    const worker = "serviceWorker" in navigator ? navigator.serviceWorker.controller : null;
    if (worker) worker.postMessage({ type: "logout" });
    else clearDevice().catch(() => {});
  });
}

// --- start ----------------------------------------------------------------------

hookLogout();
registerWorker();
if (config.user) {
  flushQueue({ waited: true });
  window.addEventListener("online", () => flushQueue({ waited: true }));
  window.addEventListener("offline", () => render("offline"));
  if (typeof BroadcastChannel !== "undefined") {
    // Another tab or the service worker changed the outbox.
    new BroadcastChannel("heupdagboek-outbox").addEventListener("message", () => render());
  }
}
