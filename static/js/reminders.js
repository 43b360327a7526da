// The reminder page: turning the reminder on also signs this browser up
// for push messages (the Push API), then the form is saved as usual.
// Without JavaScript or push support the form still saves the setting.

function keyBytes(base64url) {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function subscribe(form) {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return "denied";
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ||
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(form.dataset.publicKey),
    }));
  const response = await fetch(form.dataset.subscriptionUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
    },
    body: JSON.stringify(subscription.toJSON()),
  });
  return response.ok ? "ok" : "failed";
}

function setUp(form) {
  const status = form.querySelector("[data-reminder-status]");
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  form.addEventListener("submit", async (event) => {
    if (form.dataset.ready === "true" || !form.elements.enabled.checked) return;
    event.preventDefault();
    status.classList.remove("is-error");
    let result = "unsupported";
    if (supported) {
      try {
        result = await subscribe(form);
      } catch {
        result = "failed";
      }
    }
    if (result !== "ok") {
      status.classList.add("is-error");
      const texts = { unsupported: "textUnsupported", denied: "textDenied", failed: "textFailed" };
      status.textContent = form.dataset[texts[result]];
      return;
    }
    form.dataset.ready = "true";
    form.requestSubmit();
  });
}

document.querySelectorAll("[data-reminder-form]").forEach(setUp);
