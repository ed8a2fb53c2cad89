"""The kiosk's icons: Material Design Icons 6 glyphs ("mdi6.name") from qtawesome's own font.

Why not ``qtawesome.icon``: importing qtawesome imports qtpy, whose ``from PySide6.QtGui import
*`` (and QtWidgets, QtCore) builds every Qt class up front, about 130–300 ms on a 2-core machine:
as long as the rest of the kiosk's start-up to the first painted screen (bench/bench_startup.py).
The kiosk only needs one glyph in one or two colours, so it reads qtawesome's mdi6 font and
character map straight from the installed package and paints the glyph itself, the way
qtawesome does (a glyph 0.875 of the icon's height, centred). Any other prefix ("fa5s.…")
still goes through qtawesome, imported then.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

log = logging.getLogger(__name__)

PREFIX = "mdi6"
# qtawesome declares each bundled font as ("prefix", "font.ttf", "charmap.json") in its
# ``_BUNDLED_FONTS``; the file names carry the font's version and change with qtawesome releases.
_DECLARATION = re.compile(
    r"""\(\s*["']mdi6["']\s*,\s*["']([^"']+\.ttf)["']\s*,\s*["']([^"']+\.json)["']\s*,?\s*\)"""
)
FALLBACK = "help-circle-outline"  # an unknown name still shows something, and is logged once
GLYPH_SCALE = 0.875  # the glyph's height in the icon's, leaving room for the font's bearing
DISABLED_ALPHA = 110


class IconFontError(RuntimeError):
    """qtawesome's mdi6 font or character map is missing from the installed package."""


def _fonts_folder() -> Path:
    spec = importlib.util.find_spec("qtawesome")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise IconFontError("qtawesome n'est pas installé (pip install qtawesome).")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def font_files() -> tuple[Path, Path]:
    """The mdi6 font and character map, as the installed qtawesome declares them (read from its
    source, without importing it); else the newest ``materialdesignicons6-webfont-*`` files."""
    folder = _fonts_folder()
    try:
        source = (folder.parent / "__init__.py").read_text(encoding="utf-8")
    except OSError:
        source = ""
    found = _DECLARATION.search(source)
    if found:
        return folder / found.group(1), folder / found.group(2)
    fonts = sorted(folder.glob("materialdesignicons6-webfont-[0-9]*.ttf"))
    charmaps = sorted(folder.glob("materialdesignicons6-webfont-charmap-*.json"))
    if not fonts or not charmaps:
        raise IconFontError(f"{folder} : police d'icônes mdi6 introuvable dans qtawesome.")
    return fonts[-1], charmaps[-1]


@cache
def _font_family() -> str:
    path = font_files()[0]
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise IconFontError(f"{path} : police d'icônes illisible ou absente.")
    return families[0]


@cache
def _charmap_text() -> str:
    path = font_files()[1]
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise IconFontError(f"{path} : table des icônes illisible ({error}).") from None


@cache
def _code_of(short_name: str) -> str | None:
    """The character of one icon name, found in the character map's JSON text: parsing all of
    its 7,000 entries (6 ms) would be a noticeable part of the start for the dozen icons used."""
    text = _charmap_text()
    key = f'"{short_name}": "0x'
    start = text.find(key)
    if not short_name or start < 0:
        return None
    start += len(key)
    end = text.find('"', start)
    try:
        return chr(int(text[start:end], 16))
    except ValueError:
        return None


@cache
def _warn_unknown(name: str) -> None:
    log.warning("unknown icon %r: shown as %s.%s", name, PREFIX, FALLBACK)


def glyph(name: str) -> str:
    """The character of an "mdi6.name" icon (the fallback's for an unknown name)."""
    _, _, short = name.partition(".")
    character = _code_of(short)
    if character is None:
        _warn_unknown(name)
        character = _code_of(FALLBACK)
        if character is None:
            raise IconFontError(f"{font_files()[1]} : icône {FALLBACK} absente.")
    return character


class GlyphIconEngine(QIconEngine):
    """One glyph of the icon font, in ``colour`` (``colour_on`` for a checked button,
    ``colour_disabled`` for a disabled one: by default ``colour``, faded)."""

    def __init__(
        self,
        character: str,
        colour: QColor,
        colour_on: QColor,
        colour_disabled: QColor | None = None,
    ) -> None:
        super().__init__()
        self.character = character
        self.colour = colour
        self.colour_on = colour_on
        self.colour_disabled = colour_disabled

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        colour = QColor(self.colour_on if state == QIcon.State.On else self.colour)
        if mode == QIcon.Mode.Disabled:
            if self.colour_disabled is not None:
                colour = QColor(self.colour_disabled)
            else:
                colour.setAlpha(DISABLED_ALPHA)
        font = QFont(_font_family())
        font.setPixelSize(max(1, round(GLYPH_SCALE * rect.height())))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.character)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphIconEngine(self.character, self.colour, self.colour_on, self.colour_disabled)


def icon(
    name: str, color: str, color_on: str | None = None, color_disabled: str | None = None
) -> QIcon:
    """The icon ``name`` ("mdi6.sprout") drawn in ``color`` (``color_on`` when checked,
    ``color_disabled`` when disabled)."""
    if not name.startswith(PREFIX + "."):
        return _qtawesome_icon(name, color, color_on)
    disabled = QColor(color_disabled) if color_disabled is not None else None
    return QIcon(GlyphIconEngine(glyph(name), QColor(color), QColor(color_on or color), disabled))


def _qtawesome_icon(name: str, color: str, color_on: str | None) -> QIcon:
    import qtawesome

    try:
        found: QIcon = qtawesome.icon(name, color=color, color_on=color_on or color)
    except Exception:
        _warn_unknown(name)
        return icon(f"{PREFIX}.{FALLBACK}", color, color_on)
    return found
