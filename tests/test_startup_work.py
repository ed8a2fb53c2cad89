"""What the start does between the first screen and the first tap, and what it leaves for later:
the attract loop reads the film alone (not every vignette) and the albums' drawings in a fixed
number of queries, the start is recorded on a worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage
from sqlalchemy import event, update

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library import catalogue_views
from kiosk.library.run_journal import read_journal
from kiosk.store.database import Catalogue
from kiosk.store.models import MediaAsset, MediaRole


def the_film_of_the_full_list(catalogue: Catalogue) -> list[catalogue_views.VideoView]:
    return [v for v in catalogue_views.videos(catalogue) if v.is_aftermovie]


def queries_of(catalogue: Catalogue, call: Callable[[], object]) -> int:
    """How many SQL statements ``call`` sends to the catalogue."""
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(args[2])

    event.listen(catalogue.engine, "before_cursor_execute", seen)
    try:
        call()
    finally:
        event.remove(catalogue.engine, "before_cursor_execute", seen)
    return len(statements)


def test_the_albums_drawings_take_the_same_queries_for_three_drawings_or_thirty(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    from kiosk.library.importing import import_media
    from kiosk.store.models import Album, AlbumItem
    from tests.media_factory import make_image

    few = queries_of(sample_catalogue, lambda: catalogue_views.attract_drawings(sample_catalogue))
    slides_few = queries_of(
        sample_catalogue, lambda: catalogue_views.album_slides(sample_catalogue, "fdtl")
    )
    with sample_catalogue.session() as session:
        album = session.query(Album).filter_by(slug="fdtl").one()
        for index in range(27):
            drawing = make_image(
                content_root.home / f"more-{index}.png", (60, 40), f"#{index * 9:02x}6688"
            )
            media = import_media(session, content_root, drawing, MediaRole.DRAWING)
            album.items.append(AlbumItem(media=media, position=3 + index))
    drawings = catalogue_views.attract_drawings(sample_catalogue)
    assert len(drawings) == 30
    many = queries_of(sample_catalogue, lambda: catalogue_views.attract_drawings(sample_catalogue))
    slides = catalogue_views.album_slides(sample_catalogue, "fdtl")
    assert slides is not None and [s.path for s in slides.slides] == drawings
    slides_many = queries_of(
        sample_catalogue, lambda: catalogue_views.album_slides(sample_catalogue, "fdtl")
    )
    assert (many, slides_many) == (few, slides_few) and many <= 3


def test_the_film_alone_is_the_film_of_the_full_list(sample_catalogue: Catalogue) -> None:
    film = catalogue_views.videos(sample_catalogue, film_only=True)
    assert len(film) == 1 and film[0].is_aftermovie
    assert film == the_film_of_the_full_list(sample_catalogue)


def test_the_film_chosen_by_staff_is_the_film_alone_whatever_its_role(
    sample_catalogue: Catalogue,
) -> None:
    with sample_catalogue.session() as session:
        vignette = session.query(MediaAsset).filter_by(role=MediaRole.VIGNETTE).one()
        vignette.is_film = True
        chosen = vignette.id
    film = catalogue_views.videos(sample_catalogue, film_only=True)
    assert [v.media_id for v in film] == [chosen]
    assert film[0].place_slug == "le-mazier"  # its place, as in the full list
    assert film == the_film_of_the_full_list(sample_catalogue)


def test_a_missing_film_or_none_gives_no_film(
    sample_catalogue: Catalogue, content_root: ContentRoot
) -> None:
    film = catalogue_views.videos(sample_catalogue, film_only=True)[0]
    path = content_root.absolute(film.path)
    hidden = path.with_name("ailleurs.bin")
    path.rename(hidden)  # missing: not offered
    assert catalogue_views.videos(sample_catalogue, film_only=True) == []
    assert catalogue_views.videos(sample_catalogue, film_only=True, whole_only=False) != []
    hidden.rename(path)
    with sample_catalogue.session() as session:
        session.execute(update(MediaAsset).values(role=MediaRole.VIGNETTE, is_film=False))
    assert catalogue_views.videos(sample_catalogue, film_only=True) == []
    assert the_film_of_the_full_list(sample_catalogue) == []


def test_a_start_is_recorded_and_logged_once_the_kiosk_has_started(
    content_root: ContentRoot, sample_catalogue: Catalogue, tmp_path: Path
) -> None:
    """The journal is written by a worker after the first screen; a run that quits soon after
    its start (a screenshot) still has its start and its stop recorded, and its log line."""
    from kiosk.library import pin

    pin.set_pin(sample_catalogue, "4821")
    sample_catalogue.close()
    shot = tmp_path / "premier.png"
    status = main(
        [
            "--home",
            str(content_root.home),
            "run",
            "--windowed",
            "--no-demo",
            "--size",
            "1280x800",
            "--screenshot",
            str(shot),
        ]
    )
    assert status == 0
    assert QImage(str(shot)).width() == 1280
    journal = read_journal(content_root)
    assert journal.starts == 1 and journal.running and journal.last_start is not None
    log = (content_root.logs_dir / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("kiosk started") == 1
