// Vandaag: save the pain score, the details and extra readings through the
// API without a page reload. Without JavaScript the same forms post
// normally.
//
// Every write goes through the outbox (queue.js, via pwa.js): it is stored
// on the phone first and then sent, so a write made without a connection is
// kept and sent later, exactly once (a day is addressed by its date, a
// reading by a UUID made here). Where IndexedDB is missing the write goes
// straight to the server, as before.

const pwaTag = document.querySelector("script[data-pwa]");
const sync = document.querySelector("[data-sync-status]");
const syncText = sync ? sync.dataset : {};
const user = pwaTag ? pwaTag.dataset.user : "";

// The same module instance that base.html loaded (same hashed URL).
let pwaModule = null;
function loadPwa() {
  if (!pwaModule) {
    pwaModule = pwaTag ? import(pwaTag.src).catch(() => null) : Promise.resolve(null);
  }
  return pwaModule;
}

const csrfToken = (form) => form.querySelector("[name=csrfmiddlewaretoken]").value;

function fill(template, values) {
  return (template || "").replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

// Sends straight to the server: the fallback without an outbox.
async function sendDirect(form, { method, url, body }) {
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Accept-Language": document.documentElement.lang,
        "X-CSRFToken": csrfToken(form),
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { status: "offline" };
  }
  const data = await readJson(response);
  if (response.ok) return { status: "sent", data };
  if (response.status === 400) return { status: "rejected", data };
  return { status: "failed" };
}

// Stores the write in the outbox and sends what waits. Answers with
// {status: "sent" | "queued" | "rejected" | "offline" | "failed", data}.
// `onKept` runs as soon as the write is safe in the outbox, before the
// network has answered (which on a bad connection can take seconds).
async function write(form, change, onKept = null) {
  const pwa = await loadPwa();
  const queue = pwa && user ? await pwa.loadQueue() : null;
  if (!queue) return sendDirect(form, change);

  const id = await queue.add({ ...change, user });
  if (onKept) onKept();
  const result = await pwa.flushQueue();
  let answer = result && result.outcomes.get(id);
  if (!answer) {
    const item = await queue.get(id);
    if (!item) answer = { status: "sent" }; // sent by another tab or the worker
    else if (item.state === "rejected") answer = { status: "rejected", reason: item.error };
    else answer = { status: "queued" };
  }
  if (answer.status === "rejected") {
    // The form shows the reason next to what was typed; no separate message.
    await queue.dismiss(id);
  }
  if (answer.status === "queued") queue.requestBackgroundSync();
  await pwa.noteWritten(result);
  return answer;
}

function showStatus(node, text, kind = "ok") {
  node.textContent = text;
  node.classList.toggle("is-error", kind === "error");
  node.classList.toggle("is-waiting", kind === "waiting");
}

function dayLabel(date) {
  return fill(syncText.labelDay, { date });
}

// --- the pain score -------------------------------------------------------------

// Waiting longer than this for the server, the person is told the tap is
// kept on the phone (it is, from the moment it is in the outbox).
const SLOW_ANSWER_MS = 800;

function setUpPainForm(form) {
  const buttons = [...form.querySelectorAll("button[name=pain]")];
  const status = form.querySelector("[data-status]");
  let latestTap = 0;
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button || button.name !== "pain") return;
    event.preventDefault();
    const tap = ++latestTap;
    const pain = Number(button.value);
    const values = { score: pain, word: button.dataset.word };
    buttons.forEach((b) => {
      b.disabled = true;
    });
    let slowTimer = null;
    // Safe in the outbox: the buttons are free again (a change of mind
    // merges into the same waiting write), and if the server is slow to
    // answer, the person sees that the tap is kept.
    const kept = () => {
      buttons.forEach((b) => {
        b.disabled = false;
      });
      slowTimer = setTimeout(() => {
        if (tap !== latestTap) return;
        buttons.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
        showStatus(status, fill(syncText.painQueuedText || form.dataset.offlineText, values), "waiting");
      }, SLOW_ANSWER_MS);
    };
    try {
      const answer = await write(
        form,
        {
          key: `entry:${form.dataset.api}`,
          method: "PATCH",
          url: form.dataset.api,
          body: { pain },
          label: dayLabel(syncText.dateLabel || syncText.date || ""),
          merge: true,
        },
        kept,
      );
      // A later tap's answer says what is shown; this one is folded into it.
      if (tap !== latestTap) return;
      if (answer.status === "sent" || answer.status === "queued") {
        buttons.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
      }
      if (answer.status === "sent") {
        showStatus(status, fill(form.dataset.savedText, values));
      } else if (answer.status === "queued") {
        showStatus(status, fill(syncText.painQueuedText || form.dataset.offlineText, values), "waiting");
      } else if (answer.status === "offline") {
        showStatus(status, form.dataset.offlineText, "error");
      } else if (answer.status === "rejected") {
        const reason = answer.reason || (answer.data && answer.data.pain) || "";
        showStatus(status, `${form.dataset.errorText} ${[].concat(reason).join(" ")}`, "error");
      } else {
        showStatus(status, form.dataset.errorText, "error");
      }
    } catch {
      showStatus(status, form.dataset.errorText, "error");
    } finally {
      // Also after an error: the "kept" status must not replace its message.
      clearTimeout(slowTimer);
      buttons.forEach((b) => {
        b.disabled = false;
      });
    }
  });
}

// --- the details -----------------------------------------------------------------

function detailsBody(form) {
  const data = new FormData(form);
  return {
    locations: data.getAll("locations"),
    night_pain: data.has("night_pain"),
    sleep_position: data.get("sleep_position") || null,
    pillow_between_knees: data.has("pillow_between_knees"),
    red_flags: data.getAll("red_flags"),
    note: data.get("note") || "",
  };
}

function showFieldErrors(form, errors) {
  form.querySelectorAll("[data-errors-for]").forEach((box) => {
    const messages = errors ? errors[box.dataset.errorsFor] : null;
    box.textContent = messages ? [].concat(...Object.values(messages)).join(" ") : "";
  });
}

function setUpDetailsForm(form) {
  const status = form.querySelector("[data-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const answer = await write(form, {
        key: `entry:${form.dataset.api}`,
        method: "PATCH",
        url: form.dataset.api,
        body: detailsBody(form),
        label: dayLabel(syncText.dateLabel || syncText.date || ""),
        merge: true,
      });
      if (answer.status === "rejected") {
        showFieldErrors(form, answer.data);
        showStatus(status, answer.data ? "" : answer.reason || "", "error");
      } else if (answer.status === "sent") {
        showFieldErrors(form, {});
        showStatus(status, form.dataset.savedText);
      } else if (answer.status === "queued") {
        showFieldErrors(form, {});
        showStatus(status, syncText.queuedText || form.dataset.offlineText, "waiting");
      } else {
        showStatus(status, form.dataset.offlineText, "error");
      }
    } catch {
      showStatus(status, form.dataset.offlineText, "error");
    } finally {
      button.disabled = false;
    }
  });
}

// --- extra readings ------------------------------------------------------------------

function newUuid() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  return null;
}

// Now for today; noon of the day for an earlier day (as the server does).
function takenAt(date, isToday) {
  return isToday ? new Date().toISOString() : new Date(`${date}T12:00:00`).toISOString();
}

// "H:i" in the user's own time zone, as the server draws it (day.html).
function clockTime(iso, timeZone) {
  const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  let format;
  try {
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: timeZone || undefined });
  } catch {
    format = new Intl.DateTimeFormat("en-GB", options); // a zone this browser does not know
  }
  const parts = format.formatToParts(new Date(iso));
  const part = (type) => (parts.find((p) => p.type === type) || {}).value || "";
  return `${part("hour")}:${part("minute")}`;
}

// Puts a saved reading in the list the server drew, in time order, with the
// same content as the server's item. Reloading the page instead would throw
// away anything typed but not yet saved, such as a note in "More details".
function showReading(form, reading) {
  const list = document.querySelector("[data-readings]");
  if (!list || !reading || !reading.id) return false;
  if (reading.date && reading.date !== syncText.date) return false; // another day's list
  const option = reading.context
    ? form.querySelector(`select[name=context] option[value="${CSS.escape(reading.context)}"]`)
    : null;
  const item = document.createElement("li");
  item.dataset.readingId = reading.id;
  item.dataset.takenAt = String(Math.floor(Date.parse(reading.taken_at) / 1000));
  const score = document.createElement("strong");
  score.textContent = String(reading.pain);
  const moment = option ? option.textContent.trim() : list.dataset.noMoment || "";
  item.append(score, ` · ${moment} · ${clockTime(reading.taken_at, list.dataset.timeZone)}`);

  const same = [...list.children].find((li) => li.dataset.readingId === reading.id);
  if (same) {
    same.replaceWith(item);
  } else {
    const later = [...list.children].find(
      (li) => Number(li.dataset.takenAt) > Number(item.dataset.takenAt),
    );
    list.insertBefore(item, later || null);
  }
  list.hidden = false;
  const count = document.querySelector("[data-readings-count]");
  if (count) count.textContent = ` (${list.children.length})`;
  return true;
}

async function fetchReading(id) {
  try {
    const response = await fetch(`${syncText.readingsApi}${id}/`, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    return response.ok ? await readJson(response) : null;
  } catch {
    return null; // saved all the same; the list shows it on the next visit
  }
}

function setUpReadingForm(form) {
  if (!sync || !syncText.readingsApi) return;
  const button = form.querySelector("button[type=submit]");
  const status = document.createElement("p");
  status.className = "save-status";
  status.setAttribute("role", "status");
  button.after(status);
  let readingId = null;

  form.addEventListener("submit", async (event) => {
    const data = new FormData(form);
    const pain = data.get("pain");
    readingId = readingId || newUuid();
    // No score chosen, or no way to make an id: the form posts as before and
    // the server answers with its message.
    if (pain === null || pain === "" || !readingId) return;
    event.preventDefault();
    button.disabled = true;
    try {
      const answer = await write(form, {
        key: `reading:${readingId}`,
        method: "PUT",
        url: `${syncText.readingsApi}${readingId}/`,
        body: {
          taken_at: takenAt(syncText.date, syncText.isToday === "true"),
          pain: Number(pain),
          context: data.get("context") || null,
        },
        label: fill(syncText.labelReading, { date: syncText.dateLabel || syncText.date }),
      });
      if (answer.status === "sent") {
        const sentId = readingId;
        readingId = null; // the next reading is a new one
        // Sent by another tab or the worker: no answer here, so ask for it.
        const reading = answer.data || (await fetchReading(sentId));
        showReading(form, reading);
        form.reset();
        showStatus(status, form.dataset.savedText || "");
        return;
      }
      if (answer.status === "queued") {
        readingId = null; // the next reading is a new one
        showStatus(status, syncText.queuedText, "waiting");
      } else if (answer.status === "rejected") {
        const reason = answer.data
          ? Object.values(answer.data).flat().join(" ")
          : answer.reason || "";
        showStatus(status, reason, "error");
      } else {
        showStatus(status, syncText.offlineText || "", "error");
      }
    } catch {
      showStatus(status, syncText.offlineText || "", "error");
    } finally {
      button.disabled = false;
    }
  });
}

document.querySelectorAll("[data-pain-form]").forEach(setUpPainForm);
document.querySelectorAll("[data-details-form]").forEach(setUpDetailsForm);
document.querySelectorAll("form.reading-form").forEach(setUpReadingForm);
