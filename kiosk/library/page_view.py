"""A published page as the screens show it (its own module: the first screen needs it before
SQLAlchemy is imported, see :mod:`kiosk.library.first_screen`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageView:
    slug: str
    icon: str
    title: str
    title_en: str | None
    body: str
    body_en: str | None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_body(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body
