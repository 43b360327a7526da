// The new share link on the Export page: a "Share" button (the phone's own
// share sheet, where the browser has one) and a "Copy" button. Without
// JavaScript the buttons stay hidden and the link is in the read-only field.

function setUp(tools) {
  const url = tools.dataset.url;
  const status = tools.querySelector("[data-share-status]");
  const shareButton = tools.querySelector("[data-share]");
  const copyButton = tools.querySelector("[data-copy]");

  if (typeof navigator.share === "function") {
    shareButton.addEventListener("click", async () => {
      try {
        await navigator.share({ url });
      } catch {
        // Closing the share sheet is not an error worth telling.
      }
    });
  } else {
    shareButton.remove();
  }

  copyButton.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = tools.dataset.copied;
    } catch {
      // No clipboard access (an old browser, or permission refused): select
      // the link so a long press copies it.
      const field = document.getElementById("new-link-url");
      field.focus();
      field.select();
      status.textContent = tools.dataset.copyFailed;
    }
  });
  tools.hidden = false;
}

document.querySelectorAll("[data-share-tools]").forEach(setUp);
