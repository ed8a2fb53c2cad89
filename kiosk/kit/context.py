"""What the screens share: the content root, the catalogue, the language, the sizes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.config import ContentRoot
from kiosk.kit.appearance import Appearance
from kiosk.kit.i18n import LanguageManager
from kiosk.kit.theme import WARM, Metrics, Palette
from kiosk.library.page_view import PageView

if TYPE_CHECKING:
    from kiosk.store.database import Catalogue


class CatalogueNotOpenError(RuntimeError):
    """A screen asked for the catalogue before the kiosk opened it (a programming error)."""


@dataclass
class UiContext:
    """``opened_catalogue`` may come a moment after the window: on a normal start the home
    screen is painted first (from ``home_pages``), then the catalogue is opened with
    SQLAlchemy (see :func:`kiosk.ui.app.run_kiosk`)."""

    root: ContentRoot
    opened_catalogue: Catalogue | None
    languages: LanguageManager
    metrics: Metrics
    portrait: bool = False
    appearance: Appearance | None = None
    default_language: str = "fr"
    home_pages: list[PageView] | None = field(default=None)

    @property
    def catalogue(self) -> Catalogue:
        if self.opened_catalogue is None:
            raise CatalogueNotOpenError("the catalogue is not open yet")
        return self.opened_catalogue

    @property
    def palette(self) -> Palette:
        """The visitor's palette (high contrast or not); the warm one without an appearance."""
        return self.appearance.palette if self.appearance is not None else WARM

    def follow_appearance(self, apply: Callable[[], None]) -> None:
        """Call ``apply`` now and after each change of the visitor's appearance choices."""
        if self.appearance is not None:
            self.appearance.changed.connect(apply)
        apply()
