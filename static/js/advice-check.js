// Advice that a save (or an offline sync) caused must show at once: after a
// save through the API, ask for the current advice and redraw Vandaag when
// there is advice the page does not show yet. Kept apart from today.js,
// which only knows about saving.

const watch = document.querySelector("[data-advice-watch]");

async function checkAdvice() {
  try {
    const response = await fetch(watch.dataset.adviceApi, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const shown = new Set((watch.dataset.adviceIds || "").split(" ").filter(Boolean));
    const advice = await response.json();
    if (advice.some((item) => !shown.has(String(item.id)))) window.location.reload();
  } catch {
    // Offline: the next successful sync checks again.
  }
}

function checkSoon() {
  // today.js saves on the same submit; give its request time to finish.
  window.setTimeout(checkAdvice, 1500);
}

if (watch) {
  document.addEventListener("submit", (event) => {
    if (event.target.matches("[data-pain-form], [data-details-form]")) checkSoon();
  });
  window.addEventListener("online", () => window.setTimeout(checkAdvice, 4000));
  if ("BroadcastChannel" in window) {
    new BroadcastChannel("heupdagboek-outbox").addEventListener("message", checkSoon);
  }
}
