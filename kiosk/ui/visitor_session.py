"""The visitor session: everything one visitor can change, and the one reset that gives the
next visitor a fresh kiosk.

A visitor changes the language, the text size, the contrast, the map's filters, zoom and chosen
place, the slideshow's drawing, the player's volume and subtitles, and how far each list is
scrolled. Each part that holds such a choice is :class:`Resettable` and is registered here once,
under a name; :meth:`VisitorSession.reset` (the idle reset, the closing hours) calls every part.
A screen needs nothing more than a ``reset_for_next_visitor`` method: the kiosk controller
registers each screen the window builds (``KioskWindow.screen_created``).

A part that fails to reset is logged and the others still run: a visitor never sees it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from kiosk.kit.appearance import Appearance
    from kiosk.kit.i18n import LanguageManager
    from kiosk.ui.window import TopBar

log = logging.getLogger(__name__)


@runtime_checkable
class Resettable(Protocol):
    """Something a visitor can change that goes back to its default for the next visitor."""

    def reset_for_next_visitor(self) -> None: ...


class LanguagePart:
    """The visitor's language: back to the kiosk's default language."""

    def __init__(self, languages: LanguageManager, default_language: str) -> None:
        self.languages = languages
        self.default_language = default_language

    def reset_for_next_visitor(self) -> None:
        self.languages.set_language(self.default_language)


class VisitorSession(QObject):
    """The registered parts, in order of registration; ``reset_done`` after each reset.

    The display (text size, contrast) and the language are registered last whatever the order
    of the screens: the screens reset first, then redraw once in the default look and language.
    """

    reset_done = Signal()

    LANGUAGE = "language"
    APPEARANCE = "appearance"

    def __init__(
        self,
        languages: LanguageManager,
        default_language: str,
        appearance: Appearance | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._parts: dict[str, Resettable] = {}
        self._last: dict[str, Resettable] = {}
        if appearance is not None:
            self._last[self.APPEARANCE] = appearance
        self._last[self.LANGUAGE] = LanguagePart(languages, default_language)

    def register(self, name: str, part: Resettable) -> None:
        """Reset ``part`` with the others from now on (a part of that name is replaced)."""
        if not isinstance(part, Resettable):
            raise TypeError(f"{name}: {type(part).__name__} has no reset_for_next_visitor()")
        self._parts[name] = part

    def unregister(self, name: str) -> None:
        self._parts.pop(name, None)

    @property
    def names(self) -> list[str]:
        """The registered parts, in the order they are reset."""
        return [*self._parts, *self._last]

    def part(self, name: str) -> Resettable | None:
        return self._parts.get(name) or self._last.get(name)

    def reset(self) -> list[str]:
        """Everything back to its default; returns the names of the parts that failed (logged)."""
        failed: list[str] = []
        for name, part in [*self._parts.items(), *self._last.items()]:
            try:
                part.reset_for_next_visitor()
            except Exception:
                log.exception("visitor session: could not reset %s", name)
                failed.append(name)
        self.reset_done.emit()
        return failed


class TopBarToggles:
    """The top bar's "larger text" and "high contrast" switches, off again."""

    def __init__(self, top_bar: TopBar) -> None:
        self.top_bar = top_bar

    def reset_for_next_visitor(self) -> None:
        self.top_bar.large_text_button.setChecked(False)
        self.top_bar.high_contrast_button.setChecked(False)
