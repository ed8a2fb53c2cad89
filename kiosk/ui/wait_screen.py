"""The kiosk's waiting screen: its colours, its logo, a large title, a progress bar with what is
being made and the time left, readable from a metre.

It is shown before the rest of the kiosk exists (the first start makes the demo content before
the catalogue can be read), so it carries its own style sheet, built from the theme's palette and
metrics, instead of relying on the application's.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from kiosk.kit import icons
from kiosk.kit.theme import WARM, Metrics, Palette, font_family
from kiosk.kit.widgets import named

if TYPE_CHECKING:
    from kiosk.library.demo import BuildStep

PROGRESS_STEPS = 1000  # the bar's resolution
# The time left is only guessed once this share is done and this long has passed: before, a
# guess from a few tenths of a second would swing wildly.
ESTIMATE_FROM_FRACTION = 0.04
ESTIMATE_FROM_SECONDS = 2.0


translate = QCoreApplication.translate


def _numbered(text: str, step: BuildStep) -> str:
    return text.replace("%1", str(step.index)).replace("%2", str(step.count))


def _step_texts() -> dict[str, str]:
    """What each step of the demo build is called (``%1``, ``%2``: the step's index and count)."""
    return {
        "map": translate("WaitScreen", "Carte"),
        "drawing": translate("WaitScreen", "Dessin %1 sur %2"),
        "video": translate("WaitScreen", "Vidéo %1 sur %2"),
        "save_map": translate("WaitScreen", "Enregistrement de la carte"),
        "save_album": translate("WaitScreen", "Enregistrement des carnets"),
        "save_videos": translate("WaitScreen", "Enregistrement des vidéos"),
        "save_places": translate("WaitScreen", "Enregistrement des lieux"),
        "save_pages": translate("WaitScreen", "Enregistrement des pages"),
        "done": translate("WaitScreen", "Prêt"),
    }


def demo_step_text(step: BuildStep) -> str:
    """What the demo build is making, for the waiting screen ("Vidéo 5 sur 8")."""
    text = _step_texts().get(step.kind)
    if text is None:
        return step.message.rstrip("…")
    return _numbered(text, step)


class WaitScreen(QWidget):
    """A full screen for any long wait: ``set_progress`` with what is being made and the share
    done (None: a wait of unknown length, the bar sweeps), the time left follows."""

    def __init__(
        self,
        metrics: Metrics,
        title: str,
        subtitle: str = "",
        *,
        palette: Palette = WARM,
        portrait: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self.clock = clock
        self.started_at: float | None = None
        self.fraction: float | None = None
        self.setObjectName("WaitScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        font = QFont(font_family())
        font.setPixelSize(metrics.font(34))
        self.setFont(font)
        self.setStyleSheet(wait_style_sheet(metrics, palette))
        px = metrics.px

        band = named(QWidget(), "WaitBand")
        band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        band_layout = QHBoxLayout(band)
        band_layout.setContentsMargins(px(40), px(18), px(40), px(18))
        band_layout.setSpacing(px(16))
        logo = QLabel()
        logo.setPixmap(icons.icon("mdi6.sprout", color=palette.bar_text).pixmap(px(64), px(64)))
        self.logo_text = named(QLabel("Le Mazier"), "WaitLogo")
        band_layout.addWidget(logo)
        band_layout.addWidget(self.logo_text)
        band_layout.addStretch(1)

        self.title = named(QLabel(title), "WaitTitle")
        self.subtitle = named(QLabel(subtitle), "WaitSubtitle")
        self.subtitle.setVisible(bool(subtitle))
        self.bar = named(QProgressBar(), "WaitBar")
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(px(44))
        self.step = named(QLabel(), "WaitStep")
        self.time_left = named(QLabel(), "WaitTime")
        for label in (self.title, self.subtitle, self.step, self.time_left):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)

        body = QVBoxLayout()
        side = px(60) if portrait else px(240)
        body.setContentsMargins(side, 0, side, 0)
        body.setSpacing(px(28))
        body.addStretch(2)
        body.addWidget(self.title)
        body.addWidget(self.subtitle)
        body.addSpacing(px(40))
        body.addWidget(self.bar)
        body.addWidget(self.step)
        body.addWidget(self.time_left)
        body.addStretch(3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(band)
        layout.addLayout(body, 1)

    def set_progress(self, step: str, fraction: float | None) -> None:
        """Show ``step`` and the share done (0 to 1; None: unknown, the bar sweeps)."""
        now = self.clock()
        if self.started_at is None:
            self.started_at = now
        self.step.setText(step)
        if fraction is None:
            self.fraction = None
            self.bar.setRange(0, 0)  # Qt's busy bar
            self.time_left.setText("")
            return
        fraction = max(0.0, min(1.0, fraction))
        if self.fraction is not None:
            fraction = max(fraction, self.fraction)  # never goes back
        self.fraction = fraction
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setValue(round(fraction * PROGRESS_STEPS))
        self.time_left.setText(self._time_left(now - self.started_at, fraction))

    def set_demo_step(self, step: BuildStep) -> None:
        """A step of the demo build (:func:`kiosk.library.demo.build_demo`'s ``steps``)."""
        self.set_progress(demo_step_text(step), step.fraction)

    def _time_left(self, elapsed: float, fraction: float) -> str:
        if fraction >= 1.0:
            return ""
        if fraction < ESTIMATE_FROM_FRACTION or elapsed < ESTIMATE_FROM_SECONDS:
            return self.tr("Calcul du temps restant…")
        return self.time_left_text(elapsed * (1.0 - fraction) / fraction)

    def time_left_text(self, seconds: float) -> str:
        """The time left, rounded up as a visitor would say it."""
        if seconds < 10:
            return self.tr("Presque fini")
        if seconds < 60:
            return self.tr("Encore environ %n seconde(s)", "", 5 * math.ceil(seconds / 5))
        return self.tr("Encore environ %n minute(s)", "", math.ceil(seconds / 60))


def wait_style_sheet(metrics: Metrics, palette: Palette = WARM) -> str:
    px, font, c = metrics.px, metrics.font, palette
    fill = c.progress
    return f"""
QWidget#WaitScreen {{ background: {c.background}; }}
QWidget#WaitBand {{ background: {c.bar}; }}
QLabel#WaitLogo {{ color: {c.bar_text}; font-size: {font(48)}px; font-weight: 700; }}
QLabel#WaitTitle {{ color: {c.text}; font-size: {font(72)}px; font-weight: 700; }}
QLabel#WaitSubtitle {{ color: {c.muted}; font-size: {font(36)}px; }}
QLabel#WaitStep {{ color: {c.text}; font-size: {font(44)}px; font-weight: 600; }}
QLabel#WaitTime {{ color: {c.muted}; font-size: {font(36)}px; }}
QProgressBar#WaitBar {{
    background: {c.paper}; border: {px(3)}px solid {fill}; border-radius: {px(20)}px;
}}
QProgressBar#WaitBar::chunk {{ background: {fill}; border-radius: {px(16)}px; }}
"""
