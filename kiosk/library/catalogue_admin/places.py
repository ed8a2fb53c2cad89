"""A place's fields as staff edit them, saved through the gate; deleting one puts it in the
Corbeille (:mod:`kiosk.store.models` keeps its row there in the deleting transaction, and
:func:`kiosk.library.trash.restore` brings it back)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.library.places_io import normalise_website
from kiosk.library.slugs import place_slug, slug_taken
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaKind, Page, Place, Tag, TrashItem, TrashKind
from kiosk.store.validation import ValidationError


class NotFoundError(LookupError):
    """The row staff were editing is gone (removed by another door meanwhile)."""


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    published: bool
    commune: str | None = None


@dataclass
class PlaceFields:
    """Every field of the place form. ``tags`` are names; ``tags_en`` their English names in
    the same order (a missing or empty one leaves that tag's English name as it is)."""

    name: str
    slug: str = ""
    commune: str | None = None
    website: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    description_en: str | None = None
    published: bool = False
    photo_id: int | None = None
    video_id: int | None = None
    map_x: float | None = None
    map_y: float | None = None
    tags: list[str] = field(default_factory=list)
    tags_en: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MediaChoice:
    id: int
    label: str
    kind: MediaKind


def list_places(catalogue: Catalogue) -> list[PlaceRow]:
    with catalogue.session() as session:
        return [
            PlaceRow(p.id, p.name, p.published, p.commune)
            for p in session.scalars(select(Place).order_by(Place.sort_order, Place.name))
        ]


def media_choices(catalogue: Catalogue) -> list[MediaChoice]:
    """Every media, by title (or path), for the photo and vignette choosers."""
    with catalogue.session() as session:
        return [
            MediaChoice(a.id, a.title or a.path, a.kind)
            for a in session.scalars(select(MediaAsset).order_by(MediaAsset.title))
        ]


def place_fields(catalogue: Catalogue, place_id: int) -> PlaceFields:
    with catalogue.session() as session:
        place = session.get(Place, place_id)
        if place is None:
            raise NotFoundError(place_id)
        return PlaceFields(
            name=place.name,
            slug=place.slug,
            commune=place.commune,
            website=place.website,
            latitude=place.latitude,
            longitude=place.longitude,
            description=place.description,
            description_en=place.description_en,
            published=place.published,
            photo_id=place.photo_id,
            video_id=place.video_id,
            map_x=place.map_x,
            map_y=place.map_y,
            tags=[tag.name for tag in place.tags],
            tags_en=[tag.name_en or "" for tag in place.tags],
        )


def _optional(text: str | None) -> str | None:
    return (text or "").strip() or None


def save_place(catalogue: Catalogue, place_id: int | None, fields: PlaceFields) -> int:
    """Create (``place_id`` None) or update a place; returns its id. Refusals are the gate's
    :class:`ValidationError` (also for a website it cannot read and an identifier another place
    has); nothing changed then."""
    name = fields.name.strip()
    if not name:
        raise ValidationError("places.name", "obligatoire")
    try:
        website = normalise_website(fields.website or "")
    except ValueError as error:
        raise ValidationError("places.website", str(error), fields.website) from None
    with catalogue.session() as session:
        place = session.get(Place, place_id) if place_id is not None else None
        if place_id is not None and place is None:
            raise NotFoundError(place_id)
        slug = fields.slug.strip()
        if not slug:
            taken = slug_taken(session, Place)
            slug = place.slug if place is not None else place_slug(name, fields.commune, taken)
        other = session.scalars(select(Place.id).where(Place.slug == slug)).first()
        if other is not None and (place is None or other != place.id):
            raise ValidationError("places.slug", "déjà pris par un autre lieu", slug)
        if place is None:
            place = Place(slug=slug, name=name)
            session.add(place)
        place.name = name
        place.slug = slug
        place.commune = _optional(fields.commune)
        place.website = website
        place.latitude, place.longitude = fields.latitude, fields.longitude
        place.description = fields.description
        place.description_en = _optional(fields.description_en)
        place.published = fields.published
        place.photo_id, place.video_id = fields.photo_id, fields.video_id
        place.map_x, place.map_y = fields.map_x, fields.map_y
        place.tags = _tags(session, fields.tags, fields.tags_en)
        session.flush()
        return place.id


def _tags(session: Session, names: list[str], names_en: list[str]) -> list[Tag]:
    tags: list[Tag] = []
    english = dict(zip((n.strip() for n in names), names_en, strict=False))
    for raw in dict.fromkeys(n.strip() for n in names if n.strip()):
        tag = session.scalars(select(Tag).where(Tag.name == raw)).first() or Tag(name=raw)
        name_en = (english.get(raw) or "").strip()
        if name_en:
            tag.name_en = name_en
        tags.append(tag)
    return tags


def delete_place(catalogue: Catalogue, place_id: int) -> int:
    """Delete a place; it goes to the Corbeille. Returns the Corbeille item's id."""
    return delete_to_corbeille(catalogue, Place, place_id, TrashKind.PLACE)


def delete_to_corbeille(
    catalogue: Catalogue, model: type[Place | Page], row_id: int, kind: TrashKind
) -> int:
    """Delete a place or a page (``kind`` says which); the models' hook keeps it in the
    Corbeille in the same transaction. Returns the Corbeille item's id."""
    with catalogue.session() as session:
        row = session.get(model, row_id)
        if row is None:
            raise NotFoundError(row_id)
        session.delete(row)
        session.flush()
        item = session.scalars(
            select(TrashItem.id).where(TrashItem.kind == kind).order_by(TrashItem.id.desc())
        ).first()
        assert item is not None  # the models' before_flush hook made it
        return item
