"""A media title from a file name, cleaned so the gate takes it."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from kiosk.store.validation import ValidationError, check_value, has_visible_character

MAX_TITLE = 200  # the gate's bound for media_assets.title
_PDF_PAGE_ROOM = len(" — page 99999")  # a PDF's pages are titled "<title> — page N"
_TAG_START = re.compile(r"<(?=\s*[/!?]?\s*[A-Za-z])")


def _title_of(source: Path, max_length: int = MAX_TITLE) -> str:
    """A media title from a file name, cleaned so the gate takes it (its ``title`` column).

    The name's bytes are read as UTF-8 (else Windows-1252), underscores become spaces; control
    characters, escape sequences and line breaks become spaces, invisible and direction
    characters are dropped, a ``<`` that would open a tag becomes ``‹``; spaces are collapsed
    and the title cut at ``max_length`` characters. A name with nothing visible gives an empty
    title (the media list then shows the file's name).
    """
    raw = os.fsencode(source.stem)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    text = unicodedata.normalize("NFC", text).replace("_", " ")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        kept.append(" " if category in ("Cc", "Cs", "Zl", "Zp") else char)
    title = " ".join(_TAG_START.sub("\u2039", "".join(kept)).split())
    title = title[:max_length].rstrip()
    if not has_visible_character(title):
        return ""
    try:
        check_value("media_assets", "title", title)
    except ValidationError:
        return ""
    return title
