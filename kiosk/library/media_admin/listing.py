"""The media list of the staff area and of kiosk media: one entry per media with its uses, read
fast over many media."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    String,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from kiosk.library.media_admin.uses import _FEW_MEDIA, MediaAdminError, MediaUse, _uses_by_media
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    MediaAsset,
    MediaKind,
    MediaRole,
)


class MediaEntry(NamedTuple):
    """One stored media and what uses it, as the staff list shows it.

    A named tuple rather than a frozen dataclass: the staff list builds 10,000 of them, and a
    tuple is built in half the time (a frozen dataclass sets each field through
    ``object.__setattr__``).
    """

    id: int
    kind: MediaKind
    role: MediaRole
    title: str
    credit: str
    path: str
    sha256: str
    size_bytes: int
    width: int | None
    height: int | None
    duration_s: float | None
    is_demo: bool
    uses: tuple[MediaUse, ...]
    title_en: str | None = None
    credit_en: str | None = None

    @property
    def name(self) -> str:
        return self.title or Path(self.path).name

    @property
    def is_film(self) -> bool:
        """The film of the videos screen (chosen by staff, or the first aftermovie)."""
        return any(use.what == "film" for use in self.uses)

    @property
    def seen_by_visitors(self) -> tuple[MediaUse, ...]:
        return tuple(use for use in self.uses if use.visible)

    @property
    def needs_renaming(self) -> bool:
        """The title is still a file name (or looks like one): staff should rename it."""
        return looks_like_file_name(self.title, self.path)


_PAGE_SUFFIX = re.compile(r"\s+—\s+page\s+\d+$")
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dscf|mvi|mov|vid|pxl|gopr|dji|p|sam|wp)[-_ ]?\d", re.I)


def looks_like_file_name(title: str, path: str = "") -> bool:
    """True for a title made from a file name: empty, the stored file's name, a camera's
    (IMG_2031, MVI 0001…), or one word with digits, underscores or dots, or all in lower case
    (``fullhd``, ``camera``, ``carnet-2-pages — page 1``). A title staff wrote, with spaces or
    capitals (« Le film », « Tintamarre »), is not."""
    base = _PAGE_SUFFIX.sub("", title.strip())
    if not base:
        return True
    if path and base in (Path(path).name, Path(path).stem):
        return True
    if _CAMERA_NAME.match(base):
        return True
    visible = [c for c in base if not c.isspace()]
    if sum(c.isdigit() for c in visible) * 2 > len(visible):
        return True  # mostly digits: a date or a counter, not a title ("2021 07 04")
    if " " in base:
        return False
    return any(c.isdigit() or c in "_." for c in base) or base == base.lower()


# The columns of a MediaEntry, in its order (``uses`` apart). Kind, role and the demo flag come as
# their stored text/integer and are converted by :func:`_entries` with a dict look-up: the
# Enum/Boolean result processors were about a fifth of the listing's time over 10,000 media.
_ENTRY_COLUMNS = (
    MediaAsset.id,
    type_coerce(MediaAsset.kind, String),
    type_coerce(MediaAsset.role, String),
    MediaAsset.title,
    MediaAsset.credit,
    MediaAsset.path,
    MediaAsset.sha256,
    MediaAsset.size_bytes,
    MediaAsset.width,
    MediaAsset.height,
    MediaAsset.duration_s,
    type_coerce(MediaAsset.is_demo, Integer),
    MediaAsset.title_en,
    MediaAsset.credit_en,
)
_KINDS = {kind.value: kind for kind in MediaKind}
_ROLES = {role.value: role for role in MediaRole}


def _entries(
    executor: Session | Connection, statement: Select[*tuple[Any, ...]]
) -> list[MediaEntry]:
    """The entries of the rows ``statement`` selects (``_ENTRY_COLUMNS``): plain Core rows into
    named tuples, no ORM object, and the uses of all of them in one more query."""
    with _collector_paused():
        rows = executor.execute(statement).all()
        ids = None if len(rows) > _FEW_MEDIA else [row[0] for row in rows]
        uses = _uses_by_media(executor, ids)
        no_use: tuple[MediaUse, ...] = ()
        kinds, roles = _KINDS, _ROLES
        # Positions in ``_ENTRY_COLUMNS``: 0 id, 1 kind, 2 role, 3-10 as in MediaEntry, 11 is_demo,
        # 12-13 the English title and credit.
        return [
            MediaEntry._make(
                (
                    row[0],
                    kinds[row[1]],
                    roles[row[2]],
                    *row[3:11],
                    bool(row[11]),
                    uses.get(row[0], no_use),
                    *row[12:],
                )
            )
            for row in rows
        ]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a listing builds its rows: 10,000 rows and entries,
    all kept, would otherwise set off collections that walk the whole (Qt + SQLAlchemy) heap,
    a sixth of the listing's time. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _entry(session: Session, asset: MediaAsset) -> MediaEntry:
    session.flush()
    (entry,) = _entries(session, select(*_ENTRY_COLUMNS).where(MediaAsset.id == asset.id))
    return entry


def list_media(catalogue: Catalogue, kind: MediaKind | None = None) -> list[MediaEntry]:
    """Every media (or those of one kind) by kind, role and id, with what uses each."""
    statement = select(*_ENTRY_COLUMNS).order_by(MediaAsset.kind, MediaAsset.role, MediaAsset.id)
    if kind is not None:
        statement = statement.where(MediaAsset.kind == kind)
    with catalogue.engine.connect() as connection:
        return _entries(connection, statement)


def find_media(catalogue: Catalogue, reference: str) -> MediaEntry:
    """A media by id, stored path, file name or hash prefix (at least 8 characters)."""
    with catalogue.session() as session:
        candidates: list[MediaAsset] = []
        if reference.isdigit():
            found = session.get(MediaAsset, int(reference))
            candidates = [found] if found else []
        if not candidates:
            conditions = [MediaAsset.path == reference, MediaAsset.path.endswith("/" + reference)]
            if len(reference) >= 8:
                conditions.append(MediaAsset.sha256.startswith(reference.lower()))
            candidates = list(session.scalars(select(MediaAsset).where(or_(*conditions))))
        if not candidates:
            raise MediaAdminError(f"{reference} : aucun média ne correspond.")
        if len(candidates) > 1:
            raise MediaAdminError(f"{reference} : plusieurs médias correspondent, précisez.")
        return _entry(session, candidates[0])


def images_outside_albums(catalogue: Catalogue, media_ids: list[int]) -> int:
    """How many of these media are images other than a map (which is shown anyway): what an
    import brought in that no album shows yet, when it was given no album."""
    if not media_ids:
        return 0
    with catalogue.session() as session:
        found = session.scalars(
            select(MediaAsset.id).where(
                MediaAsset.id.in_(media_ids),
                MediaAsset.kind == MediaKind.IMAGE,
                MediaAsset.role != MediaRole.MAP,
            )
        ).all()
    return len(found)
