"""The catalogues are complete: every Dutch and English message translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def entries(po_file: Path):
    text = po_file.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "msgid " not in block or block.lstrip().startswith("#~"):
            continue
        msgid = "".join(re.findall(r'msgid "(.*)"(?:\n"(.*)")*', block)[0])
        if msgid == "":
            continue  # the header
        strings = re.findall(r'msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block)
        translated = all(first or rest.strip() for first, rest in strings)
        yield msgid, translated, "#, fuzzy" in block


PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def test_both_languages_have_catalogues():
    assert {p.parts[-3] for p in PO_FILES} == {"nl", "en"}


@pytest.mark.parametrize("po_file", PO_FILES, ids=lambda p: "/".join(p.parts[-3:]))
def test_catalogue_is_complete(po_file):
    problems = [msgid for msgid, translated, fuzzy in entries(po_file) if not translated or fuzzy]
    assert problems == []
