// The guided exercise player: one step at a time, a hold countdown with start
// and pause, a sound and vibration cue, a repetition and set counter, and
// "Done", which asks for the pain during the exercise and saves the session
// through the API with a UUID made here (so a retry never saves it twice);
// without a connection it waits on the phone and is sent later.
//
// It enhances an ordinary form: without JavaScript the page shows all steps
// and the same form posts the session to the server. No inline script (the
// Content-Security-Policy forbids it): the data comes from the
// <script type="application/json" id="player-data"> block, its texts already
// translated by the server. Nothing is loaded from elsewhere.

const $ = (root, name) => root.querySelector(`[data-${name}]`);
const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));

function formatSeconds(total) {
  const seconds = Math.max(0, Math.ceil(total));
  if (seconds < 60) return String(seconds);
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return `${m}:${s}`;
}

// A short beep, only after the person pressed a button (browsers allow sound
// only then), and quietly nothing where Web Audio is missing.
class Cue {
  constructor() {
    this.audio = null;
  }

  unlock() {
    if (this.audio) return;
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) return;
    try {
      this.audio = new AudioContext();
    } catch {
      this.audio = null;
    }
  }

  play(pattern = [200, 100, 200]) {
    if (navigator.vibrate) {
      try {
        navigator.vibrate(pattern);
      } catch {
        /* not allowed here */
      }
    }
    if (!this.audio) return;
    try {
      if (this.audio.state === "suspended") this.audio.resume();
      const now = this.audio.currentTime;
      const oscillator = this.audio.createOscillator();
      const gain = this.audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.3, now + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
      oscillator.connect(gain).connect(this.audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.4);
    } catch {
      /* no sound, the vibration and the text still tell */
    }
  }
}

// Keeps the screen on while the clock runs, where the browser allows it.
class WakeLock {
  constructor() {
    this.lock = null;
  }

  async on() {
    try {
      if ("wakeLock" in navigator && !this.lock) {
        this.lock = await navigator.wakeLock.request("screen");
        this.lock.addEventListener("release", () => {
          this.lock = null;
        });
      }
    } catch {
      this.lock = null;
    }
  }

  off() {
    if (this.lock) this.lock.release().catch(() => {});
    this.lock = null;
  }
}

// A countdown measured against the clock, so a phone that throttles a
// background tab still ends on time.
class Countdown {
  constructor(onTick, onEnd) {
    this.onTick = onTick;
    this.onEnd = onEnd;
    this.remaining = 0;
    this.endsAt = 0;
    this.interval = null;
  }

  get running() {
    return this.interval !== null;
  }

  set(seconds) {
    this.stop();
    this.remaining = seconds * 1000;
    this.onTick(this.remaining / 1000);
  }

  start() {
    if (this.running || this.remaining <= 0) return;
    this.endsAt = Date.now() + this.remaining;
    this.interval = setInterval(() => this.tick(), 200);
    this.tick();
  }

  pause() {
    if (!this.running) return;
    this.remaining = Math.max(0, this.endsAt - Date.now());
    this.stop();
  }

  stop() {
    if (this.interval !== null) clearInterval(this.interval);
    this.interval = null;
  }

  tick() {
    const left = Math.max(0, this.endsAt - Date.now());
    this.onTick(left / 1000);
    if (left <= 0) {
      this.stop();
      this.remaining = 0;
      this.onEnd();
    }
  }
}

// --- saving: through the outbox (queue.js via pwa.js) ------------------------
// The session is stored on the phone first and then sent, so one made in a
// basement gym is kept and sent when the connection returns; its UUID makes
// sure it is saved once. Without IndexedDB it goes straight to the server.

const pwaTag = document.querySelector("script[data-pwa]");
const pwaText = pwaTag ? pwaTag.dataset : {};

async function sendDirect(form, change) {
  let response;
  try {
    response = await fetch(change.url, {
      method: change.method,
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Accept-Language": document.documentElement.lang || "nl",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
      },
      body: JSON.stringify(change.body),
    });
  } catch {
    return { status: "offline" };
  }
  if (response.ok) return { status: "sent" };
  let data = null;
  if (response.status === 400) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
    return { status: "rejected", data };
  }
  return { status: "failed" };
}

async function save(form, change) {
  let pwa = null;
  try {
    pwa = pwaTag && pwaText.user ? await import(pwaTag.src) : null;
  } catch {
    pwa = null;
  }
  const queue = pwa ? await pwa.loadQueue() : null;
  if (!queue) return sendDirect(form, change);

  const id = await queue.add({ ...change, user: pwaText.user });
  const result = await pwa.flushQueue();
  let outcome = result && result.outcomes.get(id);
  if (!outcome) {
    const item = await queue.get(id);
    if (!item) outcome = { status: "sent" };
    else if (item.state === "rejected") outcome = { status: "rejected", reason: item.error };
    else outcome = { status: "queued" };
  }
  if (outcome.status === "rejected") await queue.dismiss(id); // shown in the form
  if (outcome.status === "queued") {
    queue.requestBackgroundSync();
    outcome.whenSent = new Promise((resolve) => {
      if (typeof BroadcastChannel === "undefined") return;
      const channel = new BroadcastChannel(queue.NAME);
      channel.addEventListener("message", async () => {
        if (!(await queue.get(id))) {
          channel.close();
          resolve();
        }
      });
    });
  }
  await pwa.noteWritten(result);
  return outcome;
}

function newId(form) {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  // Older browsers or plain http: the UUID the server put in the form.
  return form.elements.log_id.value;
}

function start() {
  const dataNode = document.getElementById("player-data");
  const root = document.querySelector("[data-player]");
  const form = document.querySelector("[data-log-form]");
  if (!dataNode || !root || !form) return;
  const config = JSON.parse(dataNode.textContent);
  const text = config.text;
  const cue = new Cue();
  const wakeLock = new WakeLock();

  // Show the player, hide the plain list and the form until "Done".
  root.hidden = false;
  $(document, "static").hidden = true;
  const formHasErrors = form.querySelector(".field-error") !== null;
  form.hidden = !formHasErrors;

  const announce = (message) => {
    const node = $(root, "announce");
    node.textContent = "";
    // A new text node each time, so screen readers read a repeat too.
    window.setTimeout(() => {
      node.textContent = message;
    }, 50);
  };

  // --- steps ---------------------------------------------------------------
  let step = 0;
  const steps = config.steps.length ? config.steps : [""];
  const prev = $(root, "step-prev");
  const next = $(root, "step-next");
  function showStep() {
    $(root, "step-count").textContent = fill(text.step, { n: step + 1, total: steps.length });
    $(root, "step-text").textContent = steps[step];
    prev.disabled = step === 0;
    next.disabled = step === steps.length - 1;
  }
  prev.addEventListener("click", () => {
    if (step > 0) step -= 1;
    showStep();
  });
  next.addEventListener("click", () => {
    if (step < steps.length - 1) step += 1;
    showStep();
  });
  showStep();

  // --- repetitions and sets --------------------------------------------------
  const counter = { reps: 0, sets: 0, counted: false };
  function showCounter() {
    const setNumber = Math.min(counter.sets + 1, config.sets);
    $(root, "rep-text").textContent = fill(text.rep, { n: counter.reps, total: config.reps });
    $(root, "set-text").textContent = fill(text.set, { n: setNumber, total: config.sets });
    $(root, "rep-minus").disabled = counter.reps === 0 && counter.sets === 0;
  }
  function allDone() {
    return counter.sets >= config.sets;
  }
  function addRep() {
    if (allDone()) return;
    counter.counted = true;
    counter.reps += 1;
    if (counter.reps >= config.reps) {
      counter.sets += 1;
      if (allDone()) {
        counter.reps = config.reps;
        showCounter();
        announce(text.allDone);
        cue.play([300, 100, 300, 100, 300]);
        return;
      }
      counter.reps = 0;
      announce(text.setDone);
      showCounter();
      if (timer && config.restSeconds > 0) startRest();
      return;
    }
    showCounter();
  }
  function removeRep() {
    if (counter.reps > 0) {
      counter.reps -= 1;
    } else if (counter.sets > 0) {
      counter.sets -= 1;
      counter.reps = Math.max(0, config.reps - 1);
    }
    showCounter();
  }
  $(root, "rep-plus").addEventListener("click", addRep);
  $(root, "rep-minus").addEventListener("click", removeRep);
  showCounter();

  // --- the clock -------------------------------------------------------------
  const timerNode = $(root, "timer");
  let timer = null;
  let mode = "hold";
  const startButton = timerNode ? $(timerNode, "timer-start") : null;
  function setMode(newMode) {
    mode = newMode;
    $(timerNode, "timer-label").textContent = mode === "rest" ? text.rest : text.hold;
    timerNode.classList.toggle("is-rest", mode === "rest");
    timer.set(mode === "rest" ? config.restSeconds : config.holdSeconds);
    startButton.textContent = text.start;
  }
  function startRest() {
    setMode("rest");
    timer.start();
    startButton.textContent = text.pause;
  }
  if (timerNode && config.holdSeconds > 0) {
    const value = $(timerNode, "timer-value");
    timer = new Countdown(
      (seconds) => {
        value.textContent = formatSeconds(seconds);
      },
      () => {
        wakeLock.off();
        cue.play();
        if (mode === "rest") {
          announce(text.restOver);
          setMode("hold");
        } else {
          announce(text.timeUp);
          timer.set(config.holdSeconds);
          startButton.textContent = text.start;
          addRep();
        }
      },
    );
    setMode("hold");
    startButton.addEventListener("click", () => {
      cue.unlock();
      if (timer.running) {
        timer.pause();
        wakeLock.off();
        startButton.textContent = text.resume;
      } else {
        timer.start();
        wakeLock.on();
        startButton.textContent = text.pause;
      }
    });
    $(timerNode, "timer-reset").addEventListener("click", () => {
      wakeLock.off();
      setMode("hold");
    });
  }

  // --- done: ask the pain, save ---------------------------------------------
  $(root, "done").addEventListener("click", () => {
    if (timer) timer.pause();
    wakeLock.off();
    if (counter.counted) {
      const sets = counter.sets + (counter.reps > 0 && !allDone() ? 1 : 0);
      const reps = counter.sets > 0 ? config.reps : counter.reps;
      form.elements.sets.value = String(sets);
      form.elements.reps.value = String(reps);
    }
    form.hidden = false;
    const question = document.getElementById("pain-question");
    question.focus();
    question.scrollIntoView({ block: "start" });
  });

  let logId = null;
  let saving = false;
  let attempts = 0; // presses of a pain score, to match late answers to them
  const status = $(form, "save-status");
  const errors = $(form, "form-errors");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (saving) return;
    const pain = event.submitter && event.submitter.name === "pain_during"
      ? event.submitter.value
      : "";
    errors.textContent = "";
    status.classList.remove("is-error", "is-waiting");
    if (pain === "") {
      errors.textContent = text.painMissing;
      return;
    }
    // One id for this session: pressing again after an error saves the same one.
    logId = logId || newId(form);
    const today = config.today;
    const body = {
      exercise: config.exercise,
      date: today,
      sets: Number(form.elements.sets.value),
      reps: Number(form.elements.reps.value),
      hold_seconds: Number(form.elements.hold_seconds.value),
      pain_during: Number(pain),
      note: form.elements.note.value,
    };
    saving = true;
    attempts += 1;
    status.textContent = text.saving;
    const outcome = await save(form, {
      key: `log:${logId}`,
      method: "PUT",
      url: `${config.apiUrl}${logId}/`,
      body,
      label: document.querySelector("h1").textContent.trim(),
    });
    saving = false;
    if (outcome.status === "sent") {
      status.textContent = "";
      form.hidden = true;
      root.hidden = true;
      const saved = document.querySelector("[data-saved]");
      $(saved, "saved-text").textContent = text.saved;
      saved.hidden = false;
      saved.focus();
      return;
    }
    if (outcome.status === "queued") {
      // The form stays: pressing again is harmless (the same UUID), and the
      // status tells when the session has reached the server after all.
      status.classList.add("is-waiting");
      status.textContent = pwaText.textQueued;
      const attempt = attempts;
      outcome.whenSent.then(() => {
        // Only if nothing was pressed since: a later answer has its own text.
        if (attempt !== attempts) return;
        status.classList.remove("is-waiting");
        status.textContent = text.saved;
      });
      return;
    }
    status.classList.add("is-error");
    if (outcome.status === "offline") {
      status.textContent = text.offline;
      return;
    }
    status.textContent = text.failed;
    if (outcome.status === "rejected") {
      errors.textContent = outcome.data
        ? Object.values(outcome.data).flat().join(" ")
        : outcome.reason || "";
    }
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
