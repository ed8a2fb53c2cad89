"""What the screens share: the content root, the catalogue, the language, the sizes."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.ui.appearance import Appearance
from kiosk.ui.i18n import LanguageManager
from kiosk.ui.theme import Metrics


@dataclass
class UiContext:
    root: ContentRoot
    catalogue: Catalogue
    languages: LanguageManager
    metrics: Metrics
    portrait: bool = False
    appearance: Appearance | None = None
    default_language: str = "fr"
