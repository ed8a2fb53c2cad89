"""Albums of drawings: their texts in French and English, their order, their drawings' order
and captions, and moving a drawing from one album to another."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.library.catalogue_admin.new_rows import add_at_end
from kiosk.library.catalogue_admin.places import NotFoundError
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, AlbumItem
from kiosk.store.validation import ValidationError


@dataclass(frozen=True)
class AlbumRow:
    id: int
    title: str
    published: bool
    count: int


@dataclass(frozen=True)
class ItemRow:
    id: int
    media_id: int
    name: str  # the drawing's title, or its file's path
    path: str
    caption: str
    caption_en: str | None


@dataclass
class AlbumFields:
    title: str
    title_en: str | None = None
    date_label: str | None = None
    date_label_en: str | None = None
    credit: str = ""
    credit_en: str | None = None
    published: bool = True
    items: list[ItemRow] = field(default_factory=list)


def list_albums(catalogue: Catalogue) -> list[AlbumRow]:
    with catalogue.session() as session:
        counts = dict(
            session.execute(
                select(AlbumItem.album_id, func.count()).group_by(AlbumItem.album_id)
            ).all()
        )
        return [
            AlbumRow(a.id, a.title, a.published, int(counts.get(a.id, 0)))
            for a in session.scalars(select(Album).order_by(Album.sort_order, Album.id))
        ]


def album_fields(catalogue: Catalogue, album_id: int) -> AlbumFields:
    with catalogue.session() as session:
        album = _get(session, album_id)
        return AlbumFields(
            album.title,
            album.title_en,
            album.date_label,
            album.date_label_en,
            album.credit,
            album.credit_en,
            album.published,
            [
                ItemRow(
                    i.id,
                    i.media_id,
                    i.media.title or i.media.path,
                    i.media.path,
                    i.caption,
                    i.caption_en,
                )
                for i in album.items
            ],
        )


def _get(session: Session, album_id: int) -> Album:
    album = session.get(Album, album_id)
    if album is None:
        raise NotFoundError(album_id)
    return album


def _optional(text: str | None) -> str | None:
    return (text or "").strip() or None


def new_album(catalogue: Catalogue, title: str) -> int:
    """A new, unpublished album at the end of the list."""
    with catalogue.session() as session:
        return add_at_end(session, Album, title, "carnet")


def save_album(
    catalogue: Catalogue,
    album_id: int,
    fields: AlbumFields,
    order: list[int] | None = None,
    captions: dict[int, tuple[str, str | None]] | None = None,
) -> None:
    """The album's texts; its drawings in ``order`` (item ids, every one of the album's);
    ``captions`` maps item ids to (French, English) captions."""
    with catalogue.session() as session:
        album = _get(session, album_id)
        album.title = fields.title.strip() or album.title
        album.title_en = _optional(fields.title_en)
        album.date_label = _optional(fields.date_label)
        album.date_label_en = _optional(fields.date_label_en)
        album.credit = fields.credit.strip()
        album.credit_en = _optional(fields.credit_en)
        album.published = fields.published
        items = {item.id: item for item in album.items}
        for item_id, (caption, caption_en) in (captions or {}).items():
            if item_id in items:
                items[item_id].caption = caption
                items[item_id].caption_en = _optional(caption_en)
        if order is not None:
            if sorted(order) != sorted(items):
                raise ValidationError("album_items.position", "l'ordre ne couvre pas le carnet")
            _reorder(session, [items[i] for i in order])


def _reorder(session: Session, items: list[AlbumItem]) -> None:
    # Two passes: positions are unique per album, so move them out of the way first.
    for offset, item in enumerate(items):
        item.position = -1 - offset
    session.flush()
    for position, item in enumerate(items):
        item.position = position
    session.flush()


def move_album(catalogue: Catalogue, album_id: int, step: int) -> None:
    """One place up (``step`` -1) or down (+1) in the albums' order."""
    with catalogue.session() as session:
        albums = list(session.scalars(select(Album).order_by(Album.sort_order, Album.id)))
        ids = [a.id for a in albums]
        if album_id not in ids:
            raise NotFoundError(album_id)
        row = ids.index(album_id)
        target = row + step
        if not 0 <= target < len(albums):
            return
        albums.insert(target, albums.pop(row))
        for order, album in enumerate(albums):
            album.sort_order = order


def move_item(catalogue: Catalogue, item_id: int, album_id: int) -> None:
    """Move a drawing, with its captions, to the end of another album."""
    with catalogue.session() as session:
        item = session.get(AlbumItem, item_id)
        if item is None:
            raise NotFoundError(item_id)
        target = _get(session, album_id)
        if item.album_id == target.id:
            return
        source = item.album
        end = session.scalar(
            select(func.max(AlbumItem.position)).where(AlbumItem.album_id == target.id)
        )
        source.items.remove(item)
        session.flush()  # the drawing leaves its album before it joins the other
        moved = AlbumItem(
            album_id=target.id,
            media_id=item.media_id,
            position=(end if end is not None else -1) + 1,
            caption=item.caption,
            caption_en=item.caption_en,
        )
        session.add(moved)
        session.flush()
        _reorder(session, list(source.items))
