"""The albums of graphic notes, their slides, and the drawings of the attract loop."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
)

# The items and their media in two more queries, not one query per drawing (as reading
# ``item.media`` would lazily do).
_ITEMS_WITH_MEDIA = selectinload(Album.items).selectinload(AlbumItem.media)


class _AlbumTexts:
    """The English of an album's title, date and credit where staff wrote it."""

    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    date_label_en: str | None
    credit_en: str | None

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def localized_date_label(self, language: str) -> str | None:
        return self.date_label_en if language == "en" and self.date_label_en else self.date_label

    def localized_credit(self, language: str) -> str:
        return self.credit_en if language == "en" and self.credit_en else self.credit


@dataclass(frozen=True)
class AlbumView(_AlbumTexts):
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    image_paths: tuple[str, ...]
    date_label_en: str | None = None
    credit_en: str | None = None


def albums(catalogue: Catalogue) -> list[AlbumView]:
    with catalogue.session() as session:
        rows = session.scalars(
            select(Album)
            .where(Album.published)
            .order_by(Album.sort_order, Album.id)
            .options(_ITEMS_WITH_MEDIA)
        ).all()
        return [
            AlbumView(
                a.slug,
                a.title,
                a.title_en,
                a.date_label,
                a.credit,
                tuple(item.media.path for item in a.items),
                a.date_label_en,
                a.credit_en,
            )
            for a in rows
        ]


@dataclass(frozen=True)
class SlideView:
    """One drawing of an album, as the slideshow shows it."""

    path: str
    title: str
    caption: str
    caption_en: str | None
    width: int
    height: int
    title_en: str | None = None

    def localized_caption(self, language: str) -> str:
        return self.caption_en if language == "en" and self.caption_en else self.caption

    def localized_title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


@dataclass(frozen=True)
class AlbumSlidesView(_AlbumTexts):
    slug: str
    title: str
    title_en: str | None
    date_label: str | None
    credit: str
    slides: tuple[SlideView, ...]
    date_label_en: str | None = None
    credit_en: str | None = None


def album_slides(catalogue: Catalogue, slug: str) -> AlbumSlidesView | None:
    """A published album with its drawings in order; None when there is no such album."""
    with catalogue.session() as session:
        album = session.scalars(
            select(Album).where(Album.slug == slug, Album.published).options(_ITEMS_WITH_MEDIA)
        ).first()
        if album is None:
            return None
        slides = tuple(
            SlideView(
                item.media.path,
                item.media.title,
                item.caption,
                item.caption_en,
                item.media.width or 0,
                item.media.height or 0,
                item.media.title_en,
            )
            for item in album.items
        )
        return AlbumSlidesView(
            album.slug,
            album.title,
            album.title_en,
            album.date_label,
            album.credit,
            slides,
            album.date_label_en,
            album.credit_en,
        )


def attract_drawings(catalogue: Catalogue) -> list[str]:
    """The drawings of the published albums for the attract loop: album by album, each once."""
    seen: dict[str, None] = {}
    for album in albums(catalogue):
        for path in album.image_paths:
            seen.setdefault(path, None)
    return list(seen)
