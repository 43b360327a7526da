// The outbox: writes made on this phone wait in IndexedDB until the server
// has them. Every write carries its idempotency key (the date of a day, the
// UUID of a reading or an exercise session), so sending one twice changes
// nothing on the server: a lost answer or a replay from two places at once
// never makes a duplicate.
//
// Order: items are sent oldest first. A later write to the same day while
// the earlier one still waits is merged into it (one PATCH with the newest
// values), so the day ends with what the person chose last.
//
// Answers: 2xx removes the item; 401/403 stops and keeps everything until
// the person logs in again; another 4xx (the server refuses the content)
// keeps the item as "rejected" with the server's reason, shown on Vandaag
// until the person removes the message; no network, no answer within 15 s,
// 5xx, 408 or 429 stops and tries again later (on `online`, on the next page
// load, by Background Sync, and from an open page every little while).
//
// This file has no import or export on purpose: pages load it with
// import() (as a module) and the service worker with importScripts() (a
// classic worker, which every browser with service workers can run). It
// puts its functions on globalThis.HeupdagboekQueue.

(() => {
  "use strict";

  const DB_NAME = "heupdagboek";
  const DB_VERSION = 1;
  const OUTBOX = "outbox";
  const META = "meta";
  const NAME = "heupdagboek-outbox"; // lock, broadcast channel and sync tag

  const request = (r) =>
    new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });

  const finished = (tx) =>
    new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });

  let opening = null;
  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const r = indexedDB.open(DB_NAME, DB_VERSION);
        r.onupgradeneeded = () => {
          const db = r.result;
          const outbox = db.createObjectStore(OUTBOX, { keyPath: "id", autoIncrement: true });
          outbox.createIndex("key", "key");
          db.createObjectStore(META, { keyPath: "name" });
        };
        r.onsuccess = () => {
          const db = r.result;
          // Logging out deletes the database: let go of it so that can happen.
          db.onversionchange = () => {
            db.close();
            opening = null;
          };
          resolve(db);
        };
        r.onerror = () => {
          opening = null;
          reject(r.error);
        };
      });
    }
    return opening;
  }

  function announce() {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(NAME);
    channel.postMessage({ type: "changed" });
    channel.close();
  }

  // Only one sender at a time in this browser (pages and the worker), so an
  // item is never in flight twice. Where Web Locks are missing, sending twice
  // is still harmless: every write is idempotent.
  function exclusively(work) {
    if (typeof navigator !== "undefined" && navigator.locks) {
      return navigator.locks.request(NAME, work);
    }
    return work();
  }

  async function setSession(session) {
    const db = await open();
    const tx = db.transaction(META, "readwrite");
    tx.objectStore(META).put({ name: "session", ...session });
    await finished(tx);
  }

  async function getSession() {
    const db = await open();
    return (await request(db.transaction(META).objectStore(META).get("session"))) || {};
  }

  // Queues one write and returns its id. `merge` (day entries, PATCH) folds
  // the body into a waiting write with the same key; otherwise a waiting
  // write with the same key (the same UUID) is replaced.
  async function add({ key, method, url, body, label, user, merge = false }) {
    const db = await open();
    const tx = db.transaction(OUTBOX, "readwrite");
    const store = tx.objectStore(OUTBOX);
    const same = await request(store.index("key").getAll(key));
    const waiting = same.find((item) => item.state === "waiting" && item.user === user);
    let id;
    if (waiting) {
      waiting.body = merge ? { ...waiting.body, ...body } : body;
      waiting.label = label;
      waiting.rev += 1;
      waiting.updatedAt = Date.now();
      id = waiting.id;
      store.put(waiting);
    } else {
      id = await request(
        store.add({
          key,
          method,
          url,
          body,
          label,
          user,
          rev: 1,
          state: "waiting",
          error: "",
          createdAt: Date.now(),
          updatedAt: Date.now(),
        }),
      );
    }
    await finished(tx);
    announce();
    return id;
  }

  async function items(user) {
    const db = await open();
    const all = await request(db.transaction(OUTBOX).objectStore(OUTBOX).getAll());
    return all.filter((item) => item.user === user);
  }

  async function get(id) {
    const db = await open();
    return (await request(db.transaction(OUTBOX).objectStore(OUTBOX).get(id))) || null;
  }

  async function dismiss(id) {
    const db = await open();
    const tx = db.transaction(OUTBOX, "readwrite");
    tx.objectStore(OUTBOX).delete(id);
    await finished(tx);
    announce();
  }

  // Removes the item only if it was not changed while it was being sent;
  // a newer version stays and goes out in the next round.
  async function settle(item, change) {
    const db = await open();
    const tx = db.transaction(OUTBOX, "readwrite");
    const store = tx.objectStore(OUTBOX);
    const current = await request(store.get(item.id));
    if (current && current.rev === item.rev) {
      if (change) store.put({ ...current, ...change });
      else store.delete(item.id);
    }
    await finished(tx);
  }

  // The server's per-field messages, flattened into one readable line.
  function reasonFrom(data) {
    if (data == null) return "";
    if (typeof data === "string") return data;
    if (Array.isArray(data)) return data.map(reasonFrom).filter(Boolean).join(" ");
    if (typeof data === "object") return Object.values(data).map(reasonFrom).join(" ");
    return String(data);
  }

  // A request that gets no answer (a dead connection on a train, a captive
  // portal) would otherwise hold the lock and stop every later round, also
  // the service worker's. After this long it counts as "no network": the
  // item stays and goes out again, and the date or UUID in its URL makes a
  // second arrival harmless if the first one did reach the server.
  const SEND_TIMEOUT_MS = 15000;

  function timeoutSignal() {
    if (typeof AbortSignal !== "undefined" && typeof AbortSignal.timeout === "function") {
      return AbortSignal.timeout(SEND_TIMEOUT_MS);
    }
    // Older Safari and Firefox: the same with a controller and a timer.
    if (typeof AbortController === "undefined") return undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
    return controller.signal;
  }

  async function send(item, session) {
    return fetch(item.url, {
      method: item.method,
      signal: timeoutSignal(),
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Accept-Language": session.lang || "nl",
        "X-CSRFToken": session.csrf || "",
      },
      body: JSON.stringify(item.body),
    });
  }

  // Sends what waits for the session's user, oldest first.
  // Returns {state, sent, outcomes}; state is "done", "offline", "login" or
  // "server"; outcomes maps an item id to {status: "sent"|"rejected", data}.
  function flush() {
    return exclusively(async () => {
      const session = await getSession();
      const outcomes = new Map();
      let sent = 0;
      if (!session.user) return { state: "login", sent, outcomes };
      // A write queued while this round ran is picked up by another round.
      for (let round = 0; round < 3; round += 1) {
        const waiting = (await items(session.user))
          .filter((item) => item.state === "waiting")
          .sort((a, b) => a.id - b.id);
        if (!waiting.length) break;
        for (const item of waiting) {
          let response;
          try {
            response = await send(item, session);
          } catch {
            announce();
            return { state: "offline", sent, outcomes };
          }
          let data = null;
          try {
            // The body can stall too; the same timeout applies to it.
            data = await response.json();
          } catch {
            data = null;
          }
          if (response.ok) {
            await settle(item, null);
            outcomes.set(item.id, { status: "sent", data });
            sent += 1;
          } else if (response.status === 401 || response.status === 403) {
            announce();
            return { state: "login", sent, outcomes };
          } else if (
            response.status >= 400 &&
            response.status < 500 &&
            response.status !== 408 &&
            response.status !== 429
          ) {
            const reason = reasonFrom(data) || `${response.status} ${response.statusText}`;
            await settle(item, { state: "rejected", error: reason, status: response.status });
            outcomes.set(item.id, { status: "rejected", data, reason });
          } else {
            announce();
            return { state: "server", sent, outcomes };
          }
        }
      }
      announce();
      return { state: "done", sent, outcomes };
    });
  }

  // Asks the service worker to send the outbox when the connection returns,
  // even if the page is closed by then (Chromium's Background Sync).
  async function requestBackgroundSync() {
    try {
      const registration = await navigator.serviceWorker.ready;
      if (registration.sync) await registration.sync.register(NAME);
    } catch {
      /* no Background Sync here: `online` and the next page load send it */
    }
  }

  // Logging out: forget everything waiting on this device.
  async function destroy() {
    if (opening) {
      try {
        (await opening).close();
      } catch {
        /* it never opened */
      }
      opening = null;
    }
    await new Promise((resolve) => {
      const r = indexedDB.deleteDatabase(DB_NAME);
      r.onsuccess = r.onerror = r.onblocked = () => resolve();
    });
  }

  globalThis.HeupdagboekQueue = {
    NAME,
    add,
    dismiss,
    destroy,
    flush,
    get,
    getSession,
    items,
    reasonFrom,
    requestBackgroundSync,
    setSession,
  };
})();
