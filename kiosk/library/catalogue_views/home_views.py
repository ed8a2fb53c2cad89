"""What the home screen shows: the pages, and how many of each thing the catalogue holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.library.page_view import PageView
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    MediaAsset,
    MediaRole,
    Page,
    Place,
)


@dataclass(frozen=True)
class CatalogueCounts:
    places: int
    media: int
    videos: int
    drawings: int
    albums: int
    pages: int


def pages(catalogue: Catalogue) -> list[PageView]:
    with catalogue.session() as session:
        rows = session.scalars(
            select(Page).where(Page.published).order_by(Page.sort_order, Page.id)
        ).all()
        return [PageView(p.slug, p.icon, p.title, p.title_en, p.body, p.body_en) for p in rows]


def counts(catalogue: Catalogue) -> CatalogueCounts:
    with catalogue.session() as session:

        def count_of(statement: object) -> int:
            return int(session.scalar(statement) or 0)  # type: ignore[call-overload]

        return CatalogueCounts(
            places=count_of(select(func.count()).select_from(Place)),
            media=count_of(select(func.count()).select_from(MediaAsset)),
            videos=count_of(
                select(func.count()).select_from(MediaAsset).where(MediaAsset.kind == "video")
            ),
            drawings=count_of(
                select(func.count())
                .select_from(MediaAsset)
                .where(MediaAsset.role == MediaRole.DRAWING)
            ),
            albums=count_of(select(func.count()).select_from(Album)),
            pages=count_of(select(func.count()).select_from(Page)),
        )
