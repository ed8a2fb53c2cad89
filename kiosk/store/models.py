"""Typed SQLAlchemy models of the catalogue.

File paths are stored relative to the content root. Every change of these models comes with an
Alembic migration in ``migrations/versions`` (a test compares the two).
"""

from __future__ import annotations

import enum
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SlugKeyed:
    """The first two columns of a row that visitors' links, bundles and releases name by its slug
    (places, albums, pages): the id, then the slug, unique. ``sort_order`` keeps them first, where
    the tables have always had them (a mixin's columns would otherwise come last)."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    slug: Mapped[str] = mapped_column(String(120), unique=True, sort_order=-1)


class MediaKind(enum.StrEnum):
    VIDEO = "video"
    IMAGE = "image"


class MediaRole(enum.StrEnum):
    """What a media file is for in the kiosk."""

    AFTERMOVIE = "aftermovie"
    VIGNETTE = "vignette"
    DRAWING = "drawing"
    MAP = "map"
    PHOTO = "photo"
    OTHER = "other"


class MediaAsset(Base):
    """A file copied into the content root (``assets/`` or ``videos/``), stored once per hash."""

    __tablename__ = "media_assets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MediaKind] = mapped_column(
        Enum(
            MediaKind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        )
    )
    role: Mapped[MediaRole] = mapped_column(
        Enum(
            MediaRole, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        ),
        default=MediaRole.OTHER,
    )
    title: Mapped[str] = mapped_column(String(200), default="")
    title_en: Mapped[str | None] = mapped_column(String(200))
    credit: Mapped[str] = mapped_column(String(200), default="")
    credit_en: Mapped[str | None] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(500), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    mime_type: Mapped[str] = mapped_column(String(100))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[float | None] = mapped_column(Float)
    subtitles_path: Mapped[str | None] = mapped_column(String(500))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The film of the road trip, chosen by staff: at most one media has it (set_film clears the
    # others). Other aftermovie-role videos are "autres films".
    # A server default too: a row written by plain SQL (an older tool) is not the film.
    is_film: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )


place_tags = Table(
    "place_tags",
    Base.metadata,
    Column("place_id", ForeignKey("places.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(80))


class Place(SlugKeyed, Base):
    """A tiers-lieu (or a partner body) shown on the map and in the list."""

    __tablename__ = "places"

    name: Mapped[str] = mapped_column(String(200))
    commune: Mapped[str | None] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # A manual position on the current map image, as fractions of its width and height.
    map_x: Mapped[float | None] = mapped_column(Float)
    map_y: Mapped[float | None] = mapped_column(Float)
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("media_assets.id", ondelete="SET NULL"))
    video_id: Mapped[int | None] = mapped_column(ForeignKey("media_assets.id", ondelete="SET NULL"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    photo: Mapped[MediaAsset | None] = relationship(foreign_keys=[photo_id])
    video: Mapped[MediaAsset | None] = relationship(foreign_keys=[video_id])
    tags: Mapped[list[Tag]] = relationship(secondary=place_tags, order_by=Tag.name)

    __table_args__ = (
        CheckConstraint("latitude IS NULL OR (latitude BETWEEN -90 AND 90)", name="latitude_range"),
        CheckConstraint(
            "longitude IS NULL OR (longitude BETWEEN -180 AND 180)", name="longitude_range"
        ),
        CheckConstraint("map_x IS NULL OR (map_x BETWEEN 0 AND 1)", name="map_x_range"),
        CheckConstraint("map_y IS NULL OR (map_y BETWEEN 0 AND 1)", name="map_y_range"),
    )

    @property
    def is_on_map(self) -> bool:
        return self.map_x is not None and self.map_y is not None


class MapImage(Base):
    """An illustrated map; one of them is the current one."""

    __tablename__ = "maps"

    id: Mapped[int] = mapped_column(primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id", ondelete="RESTRICT"))
    title: Mapped[str] = mapped_column(String(200))
    credit: Mapped[str] = mapped_column(String(200), default="")
    credit_en: Mapped[str | None] = mapped_column(String(200))
    date_label: Mapped[str | None] = mapped_column(String(80))
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)

    image: Mapped[MediaAsset] = relationship()
    geo_points: Mapped[list[GeoPoint]] = relationship(
        back_populates="map", cascade="all, delete-orphan", order_by="GeoPoint.id"
    )

    # One current map: SQLite refuses a second row with is_current true (migration 0003).
    # kiosk.library.catalogue_admin.maps.make_current is the rule that switches it.
    __table_args__ = (
        Index(
            "uq_maps_one_current", "is_current", unique=True, sqlite_where=text("is_current = 1")
        ),
    )


class GeoPoint(Base):
    """A reference point: a latitude/longitude matched to a point of the map image (pixels)."""

    __tablename__ = "geo_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("maps.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120), default="")
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)

    map: Mapped[MapImage] = relationship(back_populates="geo_points")


class Album(SlugKeyed, Base):
    """An album of graphic notes, in order."""

    __tablename__ = "albums"

    title: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    date_label: Mapped[str | None] = mapped_column(String(80))
    date_label_en: Mapped[str | None] = mapped_column(String(80))
    credit: Mapped[str] = mapped_column(String(200), default="")
    credit_en: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[bool] = mapped_column(Boolean, default=True)

    items: Mapped[list[AlbumItem]] = relationship(
        back_populates="album", cascade="all, delete-orphan", order_by="AlbumItem.position"
    )


class AlbumItem(Base):
    __tablename__ = "album_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    album_id: Mapped[int] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    media_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text, default="")
    caption_en: Mapped[str | None] = mapped_column(Text)

    album: Mapped[Album] = relationship(back_populates="items")
    media: Mapped[MediaAsset] = relationship()

    __table_args__ = (UniqueConstraint("album_id", "position"),)


class Page(SlugKeyed, Base):
    """A text page edited by staff, in Markdown, French and optionally English."""

    __tablename__ = "pages"

    icon: Mapped[str] = mapped_column(String(80), default="mdi6.file-document-outline")
    title: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class TrashKind(enum.StrEnum):
    MEDIA = "media"
    PLACE = "place"
    PAGE = "page"  # a VARCHAR(16) without a CHECK (migration 0002): no migration for a new kind


class TrashItem(Base):
    """Something staff removed, kept so it can be restored: a media (its file moved to
    ``trash/``), a place (its row, tags and links as JSON) or a text page (its row as JSON).
    Restoring deletes this row."""

    __tablename__ = "trash_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[TrashKind] = mapped_column(
        Enum(
            TrashKind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
        )
    )
    label: Mapped[str] = mapped_column(String(200), default="")
    removed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The removed row and what it was linked to, as JSON (ASCII, see kiosk.library.trash).
    data: Mapped[str] = mapped_column(Text)
    # Where its files went: a JSON list of paths relative to the content root, under trash/.
    files: Mapped[str] = mapped_column(Text, default="[]")


class Setting(Base):
    """A kiosk setting; the value is JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UsageEvent(Base):
    """An anonymous usage event: what was opened, never who opened it."""

    __tablename__ = "usage_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str | None] = mapped_column(String(200))


# ---------------------------------------------------------------------------------------------
# A deleted place or page goes to the Corbeille: whatever door deletes it through the ORM (the
# staff's Lieux or Pages tab, a script), its row (a place's tags and its photo and video too, by
# content hash, so they can be found again even if they were removed and restored meanwhile) are
# kept as a TrashItem in the same transaction. A session with ``session.info["trash_places"] =
# False`` opts out (the demo builder replacing its own places). Core deletes (a bundle replacing
# the catalogue, the demo's pages) do not pass here.


def json_value(value: Any) -> Any:
    """A column value as JSON: dates as ISO text, enums as their value."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value


def row_data(instance: Base) -> dict[str, Any]:
    """Every column of an ORM object, as JSON-ready values."""
    table = instance.__table__
    return {col.key: json_value(getattr(instance, col.key)) for col in table.columns}


def place_trash_data(place: Place) -> dict[str, Any]:
    return {
        "row": row_data(place),
        "tags": [{"name": tag.name, "name_en": tag.name_en} for tag in place.tags],
        "photo_sha256": place.photo.sha256 if place.photo is not None else None,
        "video_sha256": place.video.sha256 if place.video is not None else None,
    }


def trash_label(*candidates: str | None) -> str:
    """A name for the Corbeille's list: the first candidate with something visible, made of
    printable characters only (a row written before the gate may hold anything), as the gate's
    one-line text rule wants it."""
    for candidate in candidates:
        text = "".join(c for c in (candidate or "") if c.isprintable()).replace("<", "‹")
        text = " ".join(text.split())[:200]
        if any(c.isalnum() for c in text):
            return text
    return "?"


@event.listens_for(Session, "before_flush")
def _keep_deleted_places(session: Session, _context: Any, _instances: Any) -> None:
    if not session.info.get("trash_places", True):
        return
    for instance in list(session.deleted):
        if isinstance(instance, Place):
            kind, label = TrashKind.PLACE, trash_label(instance.name, instance.slug)
            data = place_trash_data(instance)
        elif isinstance(instance, Page):
            kind, label = TrashKind.PAGE, trash_label(instance.title, instance.slug)
            data = {"row": row_data(instance)}
        else:
            continue
        session.add(
            TrashItem(kind=kind, label=label, data=json.dumps(data, ensure_ascii=True), files="[]")
        )
