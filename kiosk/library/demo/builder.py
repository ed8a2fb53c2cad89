"""Building the demo content on first start: generate the media, import them, record the rest.

The media are generated first, outside any transaction (it is the slow part); then everything is
written to the catalogue in one transaction, so a failure leaves the catalogue as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import delete, func, inspect, select
from sqlalchemy.orm import Session

from kiosk.config import ContentRoot
from kiosk.library.demo import drawing, texts, video
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.importing import import_media
from kiosk.store.database import Catalogue
from kiosk.store.models import (
    Album,
    AlbumItem,
    GeoPoint,
    MapImage,
    MediaAsset,
    MediaRole,
    Page,
    Place,
    Tag,
    place_tags,
)

BUILD_FOLDER = "demo-build"
BIG_DRAWING_SIZE = (6000, 4000)
DRAWING_SIZE = (3000, 2000)
JPEG_QUALITY = 88
VIDEO_WORKERS = 2

Progress = Callable[[str], None]
_Row = TypeVar("_Row", Place, Page)


@dataclass(frozen=True)
class BuildStep:
    """Where a build is, for a progress bar: what is being made (``kind``, one of
    :data:`STEP_KINDS`), which one of how many (``index`` from 1, ``count``; 0 when the step is
    not counted) and the share of the whole build already done (``fraction``, 0 to 1, never
    going back). ``message`` is the same French line as the text progress."""

    kind: str
    fraction: float
    message: str
    index: int = 0
    count: int = 0


StepReport = Callable[[BuildStep], None]

# The steps, in order, and the share of the build each starts at: measured on two cores, the
# videos take about 80 % of the time, recording them in the catalogue (thumbnails, hashes) 15 %.
STEP_KINDS = (
    "map",
    "drawing",
    "video",
    "save_map",
    "save_album",
    "save_videos",
    "save_places",
    "save_pages",
    "done",
)
_DRAWINGS_START, _VIDEOS_START, _RECORD_START = 0.02, 0.05, 0.85
# Each demo file's credit (French, English) follows from what it is: the map names its sources, the
# drawings the real notes' author, the films the kiosk that made them.
_CREDITS = {
    MediaRole.MAP: (texts.MAP_CREDIT, texts.MAP_CREDIT_EN),
    MediaRole.DRAWING: (texts.ALBUM_CREDIT, texts.ALBUM_CREDIT_EN),
    MediaRole.AFTERMOVIE: (texts.DEMO_CREDIT, texts.DEMO_CREDIT_EN),
    MediaRole.VIGNETTE: (texts.DEMO_CREDIT, texts.DEMO_CREDIT_EN),
}
_RECORD_SHARES = {
    "save_map": 0.85,
    "save_album": 0.87,
    "save_videos": 0.96,
    "save_places": 0.97,
    "save_pages": 0.99,
}


class _Reporter:
    """Sends each step to the text progress and to the step report (either may be None)."""

    def __init__(self, progress: Progress | None, steps: StepReport | None) -> None:
        self.progress = progress
        self.steps = steps
        self.fraction = 0.0

    def __call__(
        self, message: str, kind: str, fraction: float, index: int = 0, count: int = 0
    ) -> None:
        self.fraction = max(self.fraction, min(1.0, fraction))
        if self.progress is not None:
            self.progress(message)
        if self.steps is not None:
            self.steps(BuildStep(kind, self.fraction, message, index, count))


@dataclass(frozen=True)
class DemoSummary:
    """What one build created (all zero when nothing was done)."""

    places: int = 0
    videos: int = 0
    drawings: int = 0
    pages: int = 0
    albums: int = 0
    maps: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class _GeneratedMedia:
    map_image: Path
    drawings: list[Path]
    aftermovie: Path
    vignettes: dict[str, Path]  # by place slug


def catalogue_is_empty(catalogue: Catalogue) -> bool:
    """True when the catalogue has no place, media file, page or album at all."""
    with catalogue.session() as session:
        return _is_empty(session)


def _is_empty(session: Session) -> bool:
    return all(
        session.scalar(select(func.count()).select_from(model)) == 0
        for model in (Place, MediaAsset, Page, Album)
    )


def build_demo(
    catalogue: Catalogue,
    root: ContentRoot,
    *,
    reset: bool = False,
    progress: Progress | None = None,
    steps: StepReport | None = None,
) -> DemoSummary:
    """Create the demo content in an empty catalogue; return what was created.

    On a catalogue that is not empty this does nothing and returns zero counts, unless
    ``reset`` is true: then the previous demo content is replaced (see :func:`_remove_demo`
    for exactly what goes), and whatever staff made is kept. ``progress`` receives one French
    line per step, ``steps`` the same steps as :class:`BuildStep` (for a progress bar).
    """
    started = time.perf_counter()
    report = _Reporter(progress, steps)
    if not reset and not catalogue_is_empty(catalogue):
        return DemoSummary()
    root.ensure_folders()
    build_root = root.cache_dir / BUILD_FOLDER
    build_root.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=build_root, prefix=TEMP_PREFIX) as temporary:
            media = _generate_media(Path(temporary), report)
            report("Enregistrement dans le catalogue…", "save_map", _RECORD_START)
            with catalogue.session() as session:
                if reset:
                    old_files = _remove_demo(session)
                elif not _is_empty(session):
                    return DemoSummary()
                else:
                    old_files = []
                summary = _record(session, root, media, report)
            _delete_unused_files(catalogue, root, old_files)
    finally:
        _remove_if_empty(build_root)
    report("Démo prête.", "done", 1.0)
    return dataclasses.replace(summary, seconds=round(time.perf_counter() - started, 2))


def _generate_media(folder: Path, report: _Reporter) -> _GeneratedMedia:
    report("Carte de démonstration…", "map", 0.0)
    map_path = folder / "carte-demo.jpg"
    drawing.render_map().save(map_path, quality=90)

    drawing_paths: list[Path] = []
    for index, sketch in enumerate(texts.DRAWINGS):
        count = len(texts.DRAWINGS)
        share = _DRAWINGS_START + (_VIDEOS_START - _DRAWINGS_START) * index / count
        report(f"Dessin {index + 1}/{count}…", "drawing", share, index + 1, count)
        size = BIG_DRAWING_SIZE if index == 0 else DRAWING_SIZE
        path = folder / f"dessin-{index + 1:02d}-{sketch.key}.jpg"
        drawing.render_drawing(sketch, size, seed=index + 1).save(path, quality=JPEG_QUALITY)
        drawing_paths.append(path)

    with_vignette = [place for place in texts.PLACES if place.has_vignette]
    aftermovie = folder / "route-des-tiers-lieux-2021-demo.mp4"
    vignettes = {place.slug: folder / f"vignette-{place.slug}.mp4" for place in with_vignette}
    _encode_videos(
        [
            functools.partial(video.write_aftermovie, aftermovie),
            *(
                functools.partial(
                    video.write_vignette, vignettes[place.slug], place.name, place.commune, index
                )
                for index, place in enumerate(with_vignette)
            ),
        ],
        report,
    )
    return _GeneratedMedia(map_path, drawing_paths, aftermovie, vignettes)


def _encode_videos(jobs: list[Callable[[], None]], report: _Reporter) -> None:
    """Run the encoders two at a time (PyAV encodes outside the GIL: almost twice as fast on
    two cores). Progress is reported from the calling thread, never from a worker."""
    count = len(jobs)

    def share(done: int) -> float:
        return _VIDEOS_START + (_RECORD_START - _VIDEOS_START) * done / count

    report(f"Vidéo 1/{count}…", "video", share(0), 1, count)
    workers = max(1, min(VIDEO_WORKERS, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="demo-video") as executor:
        futures = [executor.submit(job) for job in jobs]
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                future.result()
                if done < len(jobs):
                    report(f"Vidéo {done + 1}/{count}…", "video", share(done), done + 1, count)
        except BaseException:
            executor.shutdown(wait=True, cancel_futures=True)
            raise


def _record(
    session: Session, root: ContentRoot, media: _GeneratedMedia, report: _Reporter
) -> DemoSummary:
    def demo_media(
        source: Path, role: MediaRole, title: str, title_en: str | None = None
    ) -> MediaAsset:
        """Every demo file goes in the same way: marked demo, so removing the demo removes it,
        and credited as what it is (:data:`_CREDITS`)."""
        credit, credit_en = _CREDITS[role]
        asset = import_media(
            session, root, source, role, title=title, title_en=title_en, credit=credit, is_demo=True
        )
        asset.credit_en = credit_en
        return asset

    report("Carte…", "save_map", _RECORD_SHARES["save_map"])
    map_asset = demo_media(media.map_image, MediaRole.MAP, texts.MAP_CATALOGUE_TITLE)
    another_is_current = session.scalar(select(MapImage.id).where(MapImage.is_current)) is not None
    demo_map = MapImage(
        image=map_asset,
        title=texts.MAP_CATALOGUE_TITLE,
        credit=texts.MAP_CREDIT,
        credit_en=texts.MAP_CREDIT_EN,
        is_current=not another_is_current,
        geo_points=[
            GeoPoint(
                label=point.label,
                latitude=point.latitude,
                longitude=point.longitude,
                x=point.x,
                y=point.y,
            )
            for point in drawing.MAP_REFERENCE_POINTS
        ],
    )
    session.add(demo_map)

    report("Carnet dessiné…", "save_album", _RECORD_SHARES["save_album"])
    album = Album(
        slug=texts.ALBUM_SLUG,
        title=texts.ALBUM_TITLE,
        title_en=texts.ALBUM_TITLE_EN,
        date_label=texts.ALBUM_DATE_LABEL,
        date_label_en=texts.ALBUM_DATE_LABEL_EN,
        credit=texts.ALBUM_CREDIT,
        credit_en=texts.ALBUM_CREDIT_EN,
    )
    for position, (path, sketch) in enumerate(zip(media.drawings, texts.DRAWINGS, strict=True)):
        asset = demo_media(path, MediaRole.DRAWING, sketch.heading)
        asset.sort_order = position
        album.items.append(
            AlbumItem(
                media=asset, position=position, caption=sketch.caption, caption_en=sketch.caption_en
            )
        )
    session.add(album)

    report("Vidéos…", "save_videos", _RECORD_SHARES["save_videos"])
    aftermovie = demo_media(
        media.aftermovie, MediaRole.AFTERMOVIE, texts.AFTERMOVIE_TITLE, texts.AFTERMOVIE_TITLE_EN
    )
    aftermovie.sort_order = 0

    report("Fiches des lieux…", "save_places", _RECORD_SHARES["save_places"])
    tags: dict[str, Tag] = {}
    for order, place_text in enumerate(texts.PLACES):
        place = _published(
            Place, place_text, order, tags=[_tag(session, name, tags) for name in place_text.tags]
        )
        town = texts.TOWNS_BY_NAME.get(place_text.commune or "")
        if town is not None:
            x, y = drawing.project(town.latitude, town.longitude)
            place.latitude, place.longitude = town.latitude, town.longitude
            place.map_x, place.map_y = x / drawing.MAP_SIZE[0], y / drawing.MAP_SIZE[1]
        vignette_path = media.vignettes.get(place_text.slug)
        if vignette_path is not None:
            place.video = demo_media(
                vignette_path,
                MediaRole.VIGNETTE,
                f"{place_text.name} — vignette de démonstration",
                f"{place_text.name} — {texts.VIGNETTE_TITLE_EN_SUFFIX}",
            )
            place.video.sort_order = order + 1
        session.add(place)

    report("Pages…", "save_pages", _RECORD_SHARES["save_pages"])
    for order, page_text in enumerate(texts.PAGES):
        session.add(_published(Page, page_text, order))
    session.flush()
    return DemoSummary(
        places=len(texts.PLACES),
        videos=1 + len(media.vignettes),
        drawings=len(media.drawings),
        pages=len(texts.PAGES),
        albums=1,
        maps=1,
    )


def _published(
    model: type[_Row], record: texts.PlaceText | texts.PageText, order: int, **more: object
) -> _Row:
    """A published row of ``model`` at ``order``: the columns of ``model`` that the demo record
    has a field for take that field's value (the place's tags, a relationship, come in ``more``)."""
    columns = set(inspect(model).columns.keys())
    values = {
        field.name: getattr(record, field.name)
        for field in dataclasses.fields(record)
        if field.name in columns
    }
    return model(**values, **more, sort_order=order, published=True)


def _tag(session: Session, name: str, known: dict[str, Tag]) -> Tag:
    """The tag called ``name``: the one already in the catalogue, or a new one."""
    if name not in known:
        existing = session.scalar(select(Tag).where(Tag.name == name))
        known[name] = existing if existing is not None else Tag(name=name)
    if not known[name].name_en:
        known[name].name_en = texts.TAGS_EN.get(name)
    return known[name]


def _remove_demo(session: Session) -> list[str]:
    """Remove the demo content from the catalogue; return the paths of the demo files.

    What goes: every media file marked ``is_demo`` (its row; the file itself once the new
    catalogue is committed), the maps showing a demo image (with their reference points), the
    places, pages and album that bear the demo's slugs (with any edits staff made to them), the
    demo drawings that staff put into other albums, and the demo's tags that no place uses any
    more. What stays: everything else, in particular media that staff imported (even when they
    were attached to a demo place) and places, pages, albums and maps that staff created.
    """
    # The demo's own places are rebuilt, not removed by staff: they do not go to the Corbeille.
    session.info["trash_places"] = False
    demo_assets = list(session.scalars(select(MediaAsset).where(MediaAsset.is_demo)))
    demo_ids = [asset.id for asset in demo_assets]
    old_files = [asset.path for asset in demo_assets]
    place_slugs = [place.slug for place in texts.PLACES]
    page_slugs = [page.slug for page in texts.PAGES]

    for map_image in session.scalars(select(MapImage).where(MapImage.image_id.in_(demo_ids))):
        session.delete(map_image)
    for album in session.scalars(select(Album).where(Album.slug == texts.ALBUM_SLUG)):
        session.delete(album)
    session.flush()
    session.execute(delete(AlbumItem).where(AlbumItem.media_id.in_(demo_ids)))
    for place in session.scalars(select(Place).where(Place.slug.in_(place_slugs))):
        session.delete(place)
    session.execute(delete(Page).where(Page.slug.in_(page_slugs)))
    session.flush()
    for asset in demo_assets:
        session.delete(asset)
    demo_tag_names = {name for place in texts.PLACES for name in place.tags}
    for tag in session.scalars(select(Tag).where(Tag.name.in_(demo_tag_names))):
        uses = session.scalar(
            select(func.count()).select_from(place_tags).where(place_tags.c.tag_id == tag.id)
        )
        if uses == 0:
            session.delete(tag)
    session.flush()
    return old_files


def _delete_unused_files(catalogue: Catalogue, root: ContentRoot, paths: list[str]) -> None:
    """Delete the old demo files that no asset of the committed catalogue names any more.

    The new demo usually has the very same files (same drawings, same hashes, same names), so
    only the paths that disappeared from the catalogue are deleted.
    """
    if not paths:
        return
    with catalogue.session() as session:
        still_used = set(session.scalars(select(MediaAsset.path).where(MediaAsset.path.in_(paths))))
    for relative in set(paths) - still_used:
        root.absolute(relative).unlink(missing_ok=True)


def _remove_if_empty(folder: Path) -> None:
    # Another build may be running, or something was left behind: then the folder stays.
    with contextlib.suppress(OSError):
        folder.rmdir()
