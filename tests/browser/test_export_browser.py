"""On a phone: open Export, download the PDF, make a share link and open
it in another browser without logging in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from diary.models import ShareLink
from tests.browser.conftest import PHONE, PageWatch, login
from tests.conftest import PASSWORD
from tests.export_helpers import fill_diary

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_pdf_and_share_a_link(page, browser, live_server, make_user, seeded, tmp_path):
    user = make_user("export@example.org", display_name="Ans de Vries")
    fill_diary(user, 91)
    login(page, user.email, PASSWORD)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    page.screenshot(path=str(tmp_path / "export.png"), full_page=True)
    button = page.get_by_role("button", name="PDF downloaden")
    box = button.bounding_box()
    assert box["height"] >= 48 and box["width"] <= PHONE["width"]

    with page.expect_download() as info:
        button.click()
    download = info.value
    assert re.fullmatch(
        r"heupdagboek-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.pdf", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")

    page.get_by_label("De link werkt").select_option("30")
    page.get_by_role("button", name="Link maken").click()
    url = page.get_by_label(re.compile("Je nieuwe link")).input_value()
    assert "/gedeeld/" in url
    assert ShareLink.objects.get(user=user).open_count == 0

    # The GP: a fresh browser, no cookies, no login.
    gp_context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        gp = gp_context.new_page()
        watch = PageWatch(live_server.url)
        gp.route("**/*", watch.check_request)
        gp.on("console", watch.on_console)
        gp.goto(url)
        expect(gp.get_by_role("heading", name="Heupdagboek", level=1)).to_be_visible()
        expect(gp.get_by_text("Ans de Vries")).to_be_visible()
        expect(gp.get_by_text("Gemiddelde pijn")).to_be_visible()
        assert gp.get_by_role("navigation").count() == 0  # nothing else of the app
        assert watch.foreign_requests == []
        assert [e for e in watch.console_errors if "Content Security Policy" in e] == []
        gp.screenshot(path=str(tmp_path / "shared.png"), full_page=True)
    finally:
        gp_context.close()
    assert ShareLink.objects.get(user=user).open_count == 1

    page.reload()
    expect(page.get_by_text("1 keer geopend")).to_be_visible()
    page.get_by_role("button", name="Deze link stoppen").click()
    expect(page.get_by_text("De link werkt niet meer.")).to_be_visible()
    gp_context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        response = gp_context.new_page().goto(url)
        assert response.status == 404
    finally:
        gp_context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_export_pages_have_no_wcag_violations(browser, live_server, make_user, seeded, scheme):
    """axe-core (WCAG 2.1 A and AA) on the Export page, the report page, the
    shared report and the deletion page, on a phone, light and dark."""
    from diary.export.share import create_link
    from tests.browser.test_pwa_axe import AXE, RUN_AXE, WCAG_A_AA

    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser/node)")
    user = make_user(f"axe-export-{scheme}@example.org", display_name="Ans")
    fill_diary(user, 30)
    _link, token = create_link(user, user.today(), user.today(), 14)
    context = browser.new_context(
        viewport=PHONE,
        locale="nl-NL",
        base_url=live_server.url,
        bypass_csp=True,  # axe is added as a script
        color_scheme=scheme,
        service_workers="block",
    )
    try:
        page = context.new_page()
        shared = f"/gedeeld/{token}/"
        page.goto(shared)  # first, while logged out
        page.add_script_tag(path=str(AXE))
        found = {shared: page.evaluate(RUN_AXE, WCAG_A_AA)}
        login(page, user.email, PASSWORD)
        for path in ("/export/", "/export/rapport/?notes=1", "/account/verwijderen/"):
            page.goto(path)
            page.add_script_tag(path=str(AXE))
            found[path] = page.evaluate(RUN_AXE, WCAG_A_AA)
    finally:
        context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_copy_button_puts_the_new_link_on_the_clipboard(
    page, context, browser, live_server, make_user, seeded
):
    user = make_user("copy@example.org")
    fill_diary(user, 7)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    login(page, user.email, PASSWORD)
    page.goto("/export/")
    page.get_by_role("button", name="Link maken").click()
    url = page.get_by_label(re.compile("Je nieuwe link")).input_value()
    assert "/gedeeld/" in url

    copy = page.get_by_role("button", name="Kopiëren")
    expect(copy).to_be_visible()
    assert copy.bounding_box()["height"] >= 48
    # "Delen" is there only where the browser can share (not headless Linux).
    has_share = page.evaluate("typeof navigator.share === 'function'")
    assert page.get_by_role("button", name="Delen").count() == (1 if has_share else 0)
    copy.click()
    expect(page.get_by_text("De link is gekopieerd.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url

    # Without JavaScript the buttons stay hidden: the field is there to copy from.
    plain = browser.new_context(
        viewport=PHONE, locale="nl-NL", base_url=live_server.url, java_script_enabled=False
    )
    try:
        other = plain.new_page()
        login(other, user.email, PASSWORD)
        other.goto("/export/")
        other.get_by_role("button", name="Link maken").click()
        expect(other.get_by_label(re.compile("Je nieuwe link"))).to_be_visible()
        expect(other.get_by_role("button", name="Kopiëren")).to_be_hidden()
    finally:
        plain.close()
