"""Shared fixtures: a temporary content root and catalogue per test, small generated media.

Widget tests run offscreen; tests never touch the repository's data.db, assets/ or videos/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KIOSK_HOME", None)

from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue

# The shared window fixture (open_kiosk_window) and the autouse leak check (tests/harness/);
# pytester runs the leak check's own test (tests/test_leak_check.py).
pytest_plugins = ["tests.harness.windows", "tests.harness.leaks", "pytester"]


def pytest_configure(config: pytest.Config) -> None:
    # As `kiosk run` does when it makes its QApplication (kiosk.ui.app.application): the tests'
    # QApplication comes from pytest-qt, so memory figures match the kiosk's only with this.
    from kiosk.ui.process import limit_malloc_arenas

    limit_malloc_arenas()
    config.addinivalue_line(
        "markers", "x11: needs a real X display (Xvfb) and Qt's xcb platform: real video"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked x11 run in the second pass of scripts/test.sh (QT_QPA_PLATFORM=xcb)."""
    if os.environ.get("QT_QPA_PLATFORM") == "xcb":
        return
    skip = pytest.mark.skip(reason="needs Qt's xcb platform: run by scripts/test.sh (X11 pass)")
    for item in items:
        if "x11" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def content_root(tmp_path: Path) -> ContentRoot:
    root = ContentRoot(tmp_path / "home")
    root.home.mkdir()
    root.ensure_folders()
    return root


@pytest.fixture
def catalogue(content_root: ContentRoot) -> Iterator[Catalogue]:
    opened = Catalogue(content_root.db_path)
    yield opened
    opened.close()


@pytest.fixture
def sample_catalogue(catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path) -> Catalogue:
    """A small catalogue: a map, two places (one not placed), a page in two languages, an album,
    an aftermovie and a vignette, all with real (tiny) files."""
    from kiosk.library.importing import import_media
    from kiosk.store.models import Album, AlbumItem, MapImage, MediaRole, Page, Place
    from tests.media_factory import make_clip, make_image

    media_dir = tmp_path / "incoming"
    media_dir.mkdir()
    with catalogue.session() as session:
        map_asset = import_media(
            session, content_root, make_image(media_dir / "map.png", (800, 600)), MediaRole.MAP
        )
        session.add(MapImage(image=map_asset, title="Carte test", is_current=True))
        vignette = import_media(
            session,
            content_root,
            make_clip(media_dir / "v.mp4", 0.4),
            MediaRole.VIGNETTE,
            title="Le Mazier",
            title_en="Le Mazier (EN)",
        )
        import_media(
            session,
            content_root,
            make_clip(media_dir / "a.mp4", 0.6, (192, 108)),
            MediaRole.AFTERMOVIE,
            title="Le film",
            title_en="The film",
        )
        session.add_all(
            [
                Place(
                    slug="le-mazier",
                    name="Le Mazier",
                    commune="Bourbon-l'Archambault",
                    map_x=0.5,
                    map_y=0.4,
                    video=vignette,
                ),
                Place(slug="la-magic", name="La MAGIC"),
            ]
        )
        drawings = [
            import_media(
                session,
                content_root,
                make_image(media_dir / f"d{i}.png", (600, 400), colour),
                MediaRole.DRAWING,
            )
            for i, colour in enumerate(["#AA3333", "#33AA33", "#3333AA"])
        ]
        session.add(
            Album(
                slug="fdtl",
                title="Faites des tiers-lieux",
                title_en="FDTL days",
                items=[AlbumItem(media=d, position=i) for i, d in enumerate(drawings)],
            )
        )
        session.add(
            Page(
                slug="ess",
                title="C'est quoi l'ESS ?",
                title_en="What is the SSE?",
                body="# L'économie sociale et solidaire\n\nUne économie de proximité.",
                body_en="# The social and solidarity economy\n\nA local economy.",
            )
        )
    return catalogue


@pytest.fixture(autouse=True)
def _background_work_open() -> None:
    """A kiosk run by an earlier test drained (closed) the application's background work."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.playback.background import Background

    app = QCoreApplication.instance()
    found = app.findChild(Background, "KioskBackground") if app is not None else None
    if isinstance(found, Background):
        found.reopen()
