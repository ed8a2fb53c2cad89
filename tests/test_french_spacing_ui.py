"""French UI strings keep their space before « : ; ! ? » and inside « guillemets » unbreakable.

The French translator passes every French string through ``french_spacing``: every source string
of the catalogue (all the strings the code marks), every French plural form, and every text the
real window shows in French (UI strings and content) is checked for a plain, breakable space
there; English strings are left as they were written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit, QWidget

from kiosk.config import ContentRoot
from kiosk.kit.i18n import I18N_DIR, LanguageManager
from kiosk.library.typography import NBSP
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, Page, Place, Tag
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow

# A breakable space (or line-break-free whitespace) before ? ! : ; », or after «.
BREAKABLE = re.compile(r"[ \t](?=[?!:;»])|«[ \t]")


def catalogue_messages() -> list[tuple[str, str, bool]]:
    """(context, source, counted) of every message of the English catalogue: every string the
    code marks (test_translations checks the catalogue is complete)."""
    found = []
    for context in ET.parse(I18N_DIR / "kiosk_en.ts").iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.get("numerus") == "yes"))
    return found


def test_the_rule_sees_a_breakable_space() -> None:
    assert BREAKABLE.search("C'est quoi ?")
    assert BREAKABLE.search("« Faites des tiers-lieux »")
    assert not BREAKABLE.search(f"C'est quoi{NBSP}?  «{NBSP}Faites{NBSP}» https://a.fr")


def test_every_french_ui_string_has_unbreakable_spaces(qapp: QApplication) -> None:
    messages = catalogue_messages()
    sources = [source for _, source, _ in messages]
    # The sources themselves are written with plain spaces: the rule has work to do.
    assert any(BREAKABLE.search(source) for source in sources)
    languages = LanguageManager()
    try:
        shown = []
        for context, source, counted in messages:
            for n in (1, 2) if counted else (-1,):
                shown.append(QCoreApplication.translate(context, source, None, n))
        bad = [text for text in shown if BREAKABLE.search(text)]
        assert bad == []
        home_credit = QCoreApplication.translate(
            "HomeScreen",
            "Une borne de Bocage Numérique et de La Péniche d'abord, "
            "Fabrique de Territoire « Tiers-lieux structurants de l'Allier »",
        )
        assert f"«{NBSP}Tiers-lieux" in home_credit and f"l'Allier{NBSP}»" in home_credit
        assert QCoreApplication.translate("MapScreen", "%n lieu(x)", None, 2) == "2 lieux"
        # English is not touched: its translations keep what the translator wrote.
        languages.set_language("en")
        english = [QCoreApplication.translate(c, s, None, 2 if k else -1) for c, s, k in messages]
        assert not any(NBSP in text for text in english)
        assert english != shown
    finally:
        languages.set_language("fr")
        languages.deleteLater()


def _shown_texts(window: KioskWindow) -> list[str]:
    texts = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit):
            texts.append(widget.document().toRawText())
    return [text for text in texts if text]


ROUTES = ("home", "map", "map:le-mazier", "videos", "notes", "slideshow:fdtl", "page:ess")


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_every_french_text_the_window_shows_has_unbreakable_spaces(
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    size: tuple[int, int],
) -> None:
    """UI strings and content typed with plain spaces (a page, a place, a commune, an album)."""
    from sqlalchemy import select

    with sample_catalogue.session() as session:
        page = session.scalars(select(Page).where(Page.slug == "ess")).one()
        page.body = "# Pourquoi ? Comment !\n\nUn mot : « ensemble » ; voilà."
        place = session.scalars(select(Place).where(Place.slug == "le-mazier")).one()
        place.name = "Le Mazier : tiers-lieu"
        place.commune = "Bourbon ?"
        place.tags = [Tag(name="culture"), Tag(name="numérique")]
        album = session.scalars(select(Album).where(Album.slug == "fdtl")).one()
        album.title = "« Faites des tiers-lieux » !"
    window = open_kiosk_window(content_root, sample_catalogue, size)
    bad: dict[str, list[str]] = {}
    seen: list[str] = []
    for route in ROUTES:
        name, _, argument = route.partition(":")
        window.open(name, argument)
        for _ in range(3):
            QApplication.processEvents()
        texts = _shown_texts(window)
        seen += texts
        found = [text for text in texts if BREAKABLE.search(text)]
        if found:
            bad[route] = found
    assert bad == {}
    # The content really was shown (spaced): the page, the place, the video, the album.
    joined = "\n".join(seen)
    for expected in (
        f"Pourquoi{NBSP}?",
        f"Le Mazier{NBSP}: tiers-lieu",
        f"«{NBSP}Faites des tiers-lieux{NBSP}»{NBSP}!",
        f"C'est quoi l'ESS{NBSP}?",
        f"culture{NBSP}{NBSP}·  numérique",  # a tag's dot never starts a line
    ):
        assert expected in joined, expected


def test_the_first_start_translator_spaces_french_too(qapp: QApplication) -> None:
    """The wait screen of the first start speaks before the LanguageManager exists."""
    from kiosk.ui.app import install_translator

    translator = install_translator("fr")
    assert translator is not None
    try:
        shown = QCoreApplication.translate(
            "WaitScreen", "Première mise en route : la borne crée son contenu de démonstration."
        )
        assert shown.startswith(f"Première mise en route{NBSP}:")
    finally:
        QCoreApplication.removeTranslator(translator)
