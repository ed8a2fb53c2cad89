"""The current map, as the map screen shows it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.library import geo
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MapImage,
)


@dataclass(frozen=True)
class MapView:
    title: str
    credit: str
    image_path: str
    width: int
    height: int
    credit_en: str | None = None
    # The reference points, whose names the map prints (pin labels keep off them).
    landmarks: tuple[geo.Landmark, ...] = ()

    def localized_credit(self, language: str) -> str:
        return self.credit_en if language == "en" and self.credit_en else self.credit


def current_map(catalogue: Catalogue) -> MapView | None:
    with catalogue.session() as session:
        row = session.scalars(
            select(MapImage).where(MapImage.is_current).options(selectinload(MapImage.image))
        ).first()
        if row is None:
            return None
        landmarks = tuple(geo.Landmark(p.label, p.x, p.y) for p in row.geo_points if p.label)
        return MapView(
            row.title,
            row.credit,
            row.image.path,
            row.image.width or 0,
            row.image.height or 0,
            row.credit_en,
            landmarks,
        )
