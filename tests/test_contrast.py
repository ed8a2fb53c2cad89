"""Contrast measured on the pixels of the real window, on every screen, in every mode.

Each screen is opened in the real :class:`KioskWindow` (offscreen), in normal, larger-text and
high-contrast modes, in both orientations; the window is grabbed and every visible label,
button, list row and icon is measured (tests/contrast_probe.py): text at 4.5:1, icons 3:1.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import ContentRoot
from kiosk.kit import overlays, theme
from kiosk.kit.context import UiContext
from kiosk.store.database import Catalogue
from kiosk.ui.screens.slideshow.style import colours
from kiosk.ui.window import KioskWindow
from tests import contrast_probe
from tests.harness.windows import OpenKioskWindow

MODES = {
    "normal": (False, False),
    "larger-text": (True, False),
    "high-contrast": (False, True),
    "both": (True, True),
}
ROUTES = ("home", "map", "map:le-mazier", "videos", "notes", "slideshow:fdtl", "page:ess")


@pytest.fixture(params=[(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def window(
    request: pytest.FixtureRequest,
    open_kiosk_window: OpenKioskWindow,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
) -> KioskWindow:
    return open_kiosk_window(content_root, sample_catalogue, request.param)


def _set_mode(context: UiContext, mode: str) -> None:
    large, high = MODES[mode]
    assert context.appearance is not None
    context.appearance.set_large_text(large)
    context.appearance.set_high_contrast(high)


def _settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


@pytest.mark.parametrize("mode", list(MODES))
def test_every_screen_reaches_the_contrast_bar(window: KioskWindow, mode: str) -> None:
    _set_mode(window.context, mode)
    failures: list[str] = []
    measured: dict[str, int] = {}
    for language in ("fr", "en"):
        window.context.languages.set_language(language)
        for route in ROUTES:
            name, _, argument = route.partition(":")
            window.open(name, argument)
            _settle()
            findings = contrast_probe.measure(window)
            measured[f"{route} {language}"] = len(findings)
            failures += [f"{route} {language}: {f}" for f in findings if not f.passes]
    assert not failures, "\n".join(failures)
    # The probe really saw the screens: texts, the bar's buttons, icons, list rows.
    assert min(measured.values()) >= 6, measured
    assert measured["map fr"] >= 20, measured


@pytest.mark.parametrize("mode", list(MODES))
def test_the_countdown_reaches_the_contrast_bar(window: KioskWindow, mode: str) -> None:
    _set_mode(window.context, mode)
    countdown = overlays.CountdownOverlay(window, window.context.metrics)
    countdown.set_seconds(12)
    countdown.show_over()
    try:
        _settle()
        findings = contrast_probe.measure(window)
    finally:
        countdown.release_guard()
        countdown.hide()
    texts = [f for f in findings if f.kind == "text"]
    # Only the card is measured (the screen under the overlay is covered): its three texts.
    assert len(texts) == 3, [str(f) for f in findings]
    assert all(f.passes for f in findings), "\n".join(str(f) for f in findings)


def test_the_probe_sees_a_failure(qtbot: QtBot) -> None:
    """The measure fails what it should (a pale label on cream) and passes a dark one."""
    from PySide6.QtWidgets import QLabel, QWidget

    host = QWidget()
    host.setObjectName("Host")
    host.setStyleSheet(f"QWidget#Host {{ background: {theme.CREAM}; }}")
    qtbot.addWidget(host)
    host.resize(600, 300)
    pale = QLabel("Texte pâle", host)
    pale.setStyleSheet("color: #E8DCC0; background: transparent; font-size: 40px;")
    pale.setGeometry(20, 20, 400, 80)
    dark = QLabel("Texte foncé", host)
    dark.setStyleSheet(f"color: {theme.CHARCOAL}; background: transparent; font-size: 40px;")
    dark.setGeometry(20, 150, 400, 80)
    host.show()
    _settle()
    found = {f.where: f for f in contrast_probe.measure(host)}
    assert not found["QLabel 'Texte pâle'"].passes
    assert found["QLabel 'Texte pâle'"].foreground == "#e8dcc0"
    assert found["QLabel 'Texte foncé'"].passes
    cream = QColor(theme.CREAM).rgb() & 0xFCFCFC  # the probe's colours are quantised
    assert found["QLabel 'Texte foncé'"].background == QColor(cream).name()


@pytest.mark.parametrize("drawing", ["#FFFFFF", "#E0A03A", "#777777", "#000000"])
def test_the_attract_invitation_stays_readable_over_any_drawing(drawing: str) -> None:
    """The invitation band over a white, ochre, grey or black drawing: both of its lines (the
    English one is lighter) reach 4.5:1 on the band as it is painted."""
    metrics = theme.Metrics(1.0)
    image = QImage(1920, 1080, QImage.Format.Format_RGB32)
    image.fill(QColor(drawing))
    painter = QPainter(image)
    overlays.paint_invitation(
        painter,
        QRectF(image.rect()),
        metrics,
        "Touchez l'écran pour découvrir les tiers-lieux",
        "Touch the screen to discover the third places",
    )
    painter.end()
    band = QRect(0, 1080 - metrics.px(190), 1920, metrics.px(190))
    pair = contrast_probe.text_pair(image, band)
    assert pair is not None
    _, background = pair
    for colour in (theme.WHITE, theme.INVITATION_SECOND):
        assert theme.contrast_ratio(colour, background) >= 4.5, (colour, background)


@pytest.mark.parametrize("mode", list(MODES))
def test_the_drawing_zoom_reaches_the_contrast_bar(window: KioskWindow, mode: str) -> None:
    """The deep zoom of a drawing: its hint, its buttons and their band below the drawing."""
    from kiosk.ui.screens.slideshow import SlideshowScreen

    _set_mode(window.context, mode)
    failures: list[str] = []
    for language in ("fr", "en"):
        window.context.languages.set_language(language)
        window.open("slideshow", "fdtl")
        _settle()
        screen = window.screens["slideshow"]
        assert isinstance(screen, SlideshowScreen)
        screen.open_zoom(None)
        _settle()
        assert screen.zoom_hint.isVisible()
        findings = contrast_probe.measure(window, screen.zoom_page)
        wheres = " ".join(f.where for f in findings)
        assert "ZoomHint" in wheres and "ZoomButton" in wheres, wheres
        failures += [f"zoom {language}: {f}" for f in findings if not f.passes]
        # The band of the buttons is the stage's surface (the buttons' rings are drawn for it),
        # in every mode: not the page's cream under dark buttons, not black beside charcoal.
        stage = colours(window.context.palette)["stage"].lower()
        view = screen.zoom_view
        band = view.grab().toImage().pixelColor(4, view.height() - 4).name()
        assert (band, view.backgroundBrush().color().name()) == (stage, stage), mode
        failures += [
            f"zoom {language}: {f}"
            for f in contrast_probe.control_edges(window, screen.zoom_page.bar)
        ]
        screen.close_zoom()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("mode", ["normal", "high-contrast"])
def test_every_control_stands_out_from_what_is_around_it(window: KioskWindow, mode: str) -> None:
    """WCAG 1.4.11 on the buttons of each screen: a button's ring or fill reaches 3:1 on the
    colour around it (a dark fill on black, in high contrast, needs its outline)."""
    _set_mode(window.context, mode)
    failures: list[str] = []
    seen = 0
    for route in ROUTES:
        name, _, argument = route.partition(":")
        window.open(name, argument)
        _settle()
        seen += sum(1 for _ in window.findChildren(QAbstractButton) if _.isVisible())
        failures += [
            f"{route}: {f}"
            for f in contrast_probe.control_edges(window, window)
            if "ThumbButton" not in f.where  # a drawing's thumbnail: a picture, its own colours
        ]
    assert seen >= 30  # the probe looked at real buttons
    assert not failures, "\n".join(failures)
