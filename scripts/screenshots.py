# ruff: noqa: S603 - runs our own manage.py with fixed arguments
"""make screenshots: pictures of the app for the README, from the demo diary.

Starts the app on a throw-away SQLite database, fills it with `manage.py
demo`, logs in with Playwright driving Debian's Chromium at a phone's size
(390x844) and saves PNGs in docs/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PYTHON = sys.executable
# In a full-page picture the fixed bottom bar would be drawn where the phone's
# screen ends, over the middle of the page: put it at the end instead.
FULL_PAGE_STYLE = ".bottom-nav { position: static; } body { padding-bottom: 0; }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="heupdagboek-shots-"))
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}"}
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    demo = subprocess.run([*manage, "demo"], env=env, check=True, capture_output=True, text=True)
    print(demo.stdout)
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.2)
        OUT.mkdir(parents=True, exist_ok=True)
        shoot(base)
    finally:
        server.terminate()
        server.wait(timeout=10)


def shoot(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        # bypass_csp: the app's Content-Security-Policy allows no inline
        # style, and the full-page shot needs one (FULL_PAGE_STYLE). Only
        # this script does so; the browser tests keep the policy.
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True
        )
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_login", "demo@heupdagboek.example")
        page.fill("#id_password", "heup-demo-2026")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        shots = {
            "vandaag.png": "/",
            "oefeningen.png": "/exercises/",
            "speler.png": "/exercises/ball-squeeze/do/",
            "trends.png": "/trends/",
        }
        for name, path in shots.items():
            page.goto(base + path)
            # Vandaag in full: the advice on top and the pain buttons below it.
            full_page = name == "vandaag.png"
            if full_page:
                page.add_style_tag(content=FULL_PAGE_STYLE)
            page.screenshot(path=str(OUT / name), full_page=full_page)
            print("saved", OUT / name)
        report = page.goto(f"{base}/export/rapport/")
        if report and report.ok:
            page.screenshot(path=str(OUT / "verslag.png"), full_page=False)
            print("saved", OUT / "verslag.png")
        browser.close()


if __name__ == "__main__":
    main()
