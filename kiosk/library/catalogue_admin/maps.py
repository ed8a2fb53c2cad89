"""The illustrated map: one current map (one rule here, and a partial unique index on
``maps.is_current`` in the database that refuses a second one), its title and credits in
French and English, its reference points."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.library import geo
from kiosk.store.database import Catalogue
from kiosk.store.models import GeoPoint, MapImage, MediaAsset, MediaKind
from kiosk.store.validation import ValidationError


@dataclass(frozen=True)
class PointRow:
    id: int
    label: str
    latitude: float
    longitude: float
    x: float  # image pixels
    y: float
    error_px: float | None  # how far the fit puts it from where it was tapped


@dataclass(frozen=True)
class MapDetails:
    id: int
    image_id: int
    image_path: str
    width: int
    height: int
    title: str
    credit: str
    credit_en: str | None
    points: tuple[PointRow, ...]


@dataclass(frozen=True)
class ImageChoice:
    id: int
    label: str
    path: str
    width: int
    height: int


def make_current(session: Session, map_image: MapImage) -> None:
    """The one rule: ``map_image`` becomes the current map and no other is. The others are
    cleared and flushed first, so the database's one-current-map index never sees two."""
    session.flush()
    query = update(MapImage).where(MapImage.is_current, MapImage.id != map_image.id)
    session.execute(query.values(is_current=False).execution_options(synchronize_session="fetch"))
    map_image.is_current = True
    session.flush()


def current_map(session: Session) -> MapImage | None:
    found: MapImage | None = session.scalars(select(MapImage).where(MapImage.is_current)).first()
    return found


def map_images(catalogue: Catalogue) -> list[ImageChoice]:
    with catalogue.session() as session:
        return [
            ImageChoice(a.id, a.title or a.path, a.path, a.width or 1, a.height or 1)
            for a in session.scalars(
                select(MediaAsset).where(MediaAsset.kind == MediaKind.IMAGE).order_by(MediaAsset.id)
            )
        ]


def map_details(catalogue: Catalogue) -> MapDetails | None:
    """The current map and its points with each one's error, or None."""
    with catalogue.session() as session:
        found = current_map(session)
        if found is None:
            return None
        fit = geo.fit(geo.references_of(found))
        errors = {r.label: r.error_px for r in fit.residuals} if fit else {}
        image = found.image
        return MapDetails(
            found.id,
            found.image_id,
            image.path,
            image.width or 1,
            image.height or 1,
            found.title,
            found.credit,
            found.credit_en,
            tuple(
                PointRow(p.id, p.label, p.latitude, p.longitude, p.x, p.y, errors.get(p.label))
                for p in found.geo_points
            ),
        )


def save_map(
    catalogue: Catalogue, image_id: int, title: str, credit: str, credit_en: str | None = None
) -> int:
    """Make the map of image ``image_id`` (a new one, or the one it already had) the current
    map, with these texts. Returns the map's id."""
    with catalogue.session() as session:
        image = session.get(MediaAsset, image_id)
        if image is None or image.kind is not MediaKind.IMAGE:
            raise ValidationError("maps.image_id", "ce n'est pas une image du catalogue", image_id)
        chosen = session.scalars(select(MapImage).where(MapImage.image_id == image_id)).first()
        if chosen is None:
            chosen = MapImage(image_id=image_id, title=title.strip() or "Carte", is_current=False)
            session.add(chosen)
        chosen.title = title.strip() or "Carte"
        chosen.credit = credit.strip()
        chosen.credit_en = (credit_en or "").strip() or None
        make_current(session, chosen)
        return chosen.id


def add_point(
    catalogue: Catalogue, label: str, latitude: float, longitude: float, x: float, y: float
) -> int:
    """A reference point on the current map (``x``, ``y`` in image pixels)."""
    if not label.strip():
        raise ValidationError("geo_points.label", "obligatoire")
    with catalogue.session() as session:
        found = current_map(session)
        if found is None:
            raise ValidationError("maps.image_id", "enregistrez d'abord la carte")
        point = GeoPoint(
            map_id=found.id, label=label.strip(), latitude=latitude, longitude=longitude, x=x, y=y
        )
        session.add(point)
        session.flush()
        return point.id


def remove_point(catalogue: Catalogue, point_id: int) -> None:
    with catalogue.session() as session:
        point = session.get(GeoPoint, point_id)
        if point is not None:
            session.delete(point)


def pin_of(catalogue: Catalogue, latitude: float, longitude: float) -> tuple[float, float] | None:
    """Where coordinates fall on the current map, as fractions of the image (None when the map
    has fewer than two reference points or they fall outside)."""
    with catalogue.session() as session:
        found = geo.current_map_fit(session)
        if found is None:
            return None
        map_image, fit = found
        image = map_image.image
        return geo.position(
            None, None, latitude, longitude, fit, image.width or 0, image.height or 0
        )


@dataclass(frozen=True)
class PlacePin:
    place_id: int
    name: str
    fx: float
    fy: float


def place_pins(catalogue: Catalogue) -> list[PlacePin]:
    """Every place on the current map (its manual pin, else its coordinates through the fit)."""
    from kiosk.store.models import Place

    with catalogue.session() as session:
        found = geo.current_map_fit(session)
        if found is None:
            return []
        map_image, fit = found
        width, height = map_image.image.width or 0, map_image.image.height or 0
        pins = []
        for place in session.scalars(select(Place).order_by(Place.name)):
            spot = geo.position(
                place.map_x, place.map_y, place.latitude, place.longitude, fit, width, height
            )
            if spot is not None:
                pins.append(PlacePin(place.id, place.name, *spot))
        return pins
