"""The two-step start: the home screen from a sqlite3 read, then the catalogue and the rest.

The first screen is painted before SQLAlchemy and qtawesome are imported (bench/bench_startup.py
measures it); these tests check that the short read says what the full catalogue says, that a
bad file is still refused, that nothing heavy is imported before the first paint, and that a
tap in the moment between the two steps is not lost.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication

from kiosk.cli import find_command
from kiosk.config import ContentRoot
from kiosk.kit import icons
from kiosk.library import catalogue_views
from kiosk.library import settings as kiosk_settings
from kiosk.library.first_screen import read_first_screen
from kiosk.store.database import Catalogue
from kiosk.store.models import Page
from kiosk.store.sqlite_file import CatalogueError
from kiosk.ui.app import BENCH_FIRST_PAINT_ENV, RunOptions, run_kiosk
from kiosk.ui.window import KioskWindow
from tests.harness.windows import OpenKioskWindow

REPOSITORY = Path(__file__).resolve().parent.parent


def test_no_catalogue_or_an_empty_one_is_opened_the_full_way(
    content_root: ContentRoot, catalogue: Catalogue
) -> None:
    assert read_first_screen(content_root.home / "missing.db") is None
    assert read_first_screen(content_root.db_path) is None  # migrated, but no content yet


def test_the_short_read_gives_what_the_catalogue_gives(
    content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    kiosk_settings.save(sample_catalogue, default_language="en", idle_timeout_s=120)
    with sample_catalogue.session() as session:
        session.add_all(
            [
                Page(slug="brouillon", title="Brouillon", published=False, sort_order=-5),
                Page(slug="premiere", title="Première", title_en="First", sort_order=-1),
            ]
        )
    with sqlite3.connect(content_root.db_path) as connection:  # a value no longer valid
        connection.execute("INSERT INTO settings (key, value) VALUES ('volume', '900')")
    first = read_first_screen(content_root.db_path)
    assert first is not None
    assert first.settings == kiosk_settings.load(sample_catalogue)
    assert first.settings.default_language == "en" and first.settings.volume == 80
    assert first.pages == catalogue_views.pages(sample_catalogue)
    assert first.pages[0].slug == "premiere"
    assert "brouillon" not in [page.slug for page in first.pages]


def test_an_older_schema_is_left_to_the_migrations(
    content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    sample_catalogue.close()
    with sqlite3.connect(content_root.db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0000'")
    assert read_first_screen(content_root.db_path) is None


def test_a_file_that_is_not_a_catalogue_is_refused_and_left_alone(tmp_path: Path) -> None:
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("ceci n'est pas une base", encoding="utf-8")
    with pytest.raises(CatalogueError, match=str(not_sqlite)):
        read_first_screen(not_sqlite)
    damaged = tmp_path / "data.db"  # an SQLite header over garbage: the full way refuses it
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    before = damaged.read_bytes()
    assert read_first_screen(damaged) is None
    with pytest.raises(CatalogueError, match=str(damaged)):
        Catalogue(damaged)
    assert damaged.read_bytes() == before and not_sqlite.read_text(encoding="utf-8")


def test_nothing_heavy_is_imported_before_the_first_screen(
    content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    """What ``kiosk run`` imports up to its first painted screen, in a fresh interpreter."""
    sample_catalogue.close()
    script = textwrap.dedent(
        f"""
        import json, sys
        from kiosk.cli import build_parser, find_command
        argv = ["--home", {str(content_root.home)!r}, "run", "--windowed"]
        build_parser(find_command(argv))
        from pathlib import Path
        from kiosk.config import ContentRoot
        from kiosk.library.first_screen import read_first_screen
        from kiosk.ui.app import RunOptions, application, build_context
        from kiosk.ui.window import KioskWindow
        root = ContentRoot(Path({str(content_root.home)!r}))
        app = application()
        first = read_first_screen(root.db_path)
        options = RunOptions(windowed=True, size=(1280, 800))
        window = KioskWindow(build_context(app, root, None, options, first))
        window.show()
        app.processEvents()
        tiles = sorted(window.screens["home"].tiles)
        heavy = ("sqlalchemy", "qtawesome", "qtpy", "alembic", "av", "PIL", "vlc")
        print(json.dumps({{"tiles": tiles, "loaded": [m for m in heavy if m in sys.modules]}}))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["loaded"] == []
    assert found["tiles"] == ["map", "notes", "page:ess", "videos"]


def test_a_tap_before_the_catalogue_is_open_opens_its_screen_once_it_is(
    open_kiosk_window: OpenKioskWindow, content_root: ContentRoot, sample_catalogue: Catalogue
) -> None:
    first = read_first_screen(content_root.db_path)
    window = open_kiosk_window(content_root, None, (1280, 800), first=first)
    window.screens["home"].tiles["map"].activated.emit()  # type: ignore[attr-defined]
    assert window.current_route.name == "home" and "map" not in window.screens
    assert window.pending_route is not None and window.pending_route.name == "map"
    window.context.opened_catalogue = sample_catalogue
    assert window.open_pending_route()
    assert window.current_route.name == "map"
    assert window.pending_route is None and not window.open_pending_route()


def test_the_command_is_found_without_importing_its_module() -> None:
    assert find_command(["--home", "/tmp/x", "run", "--windowed", "--size", "800x600"]) == "run"
    assert find_command(["bundle", "import", "stand.tar", "--dry-run"]) == "bundle"
    assert find_command(["status"]) == "status"
    assert find_command(["--home", "/tmp/x"]) is None
    assert find_command(["nonsense"]) is None


def _coloured_pixels(image: QImage, colour: QColor) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 200
        and abs(image.pixelColor(x, y).red() - colour.red()) < 40
        and abs(image.pixelColor(x, y).green() - colour.green()) < 40
        and abs(image.pixelColor(x, y).blue() - colour.blue()) < 40
    )


def test_icons_are_drawn_in_their_colour_and_checked_colour(qapp: QApplication) -> None:
    sprout = icons.icon("mdi6.sprout", "#C0392B", "#1E8449")
    off = sprout.pixmap(64, 64).toImage()
    on = sprout.pixmap(64, 64, QIcon.Mode.Normal, QIcon.State.On).toImage()
    assert _coloured_pixels(off, QColor("#C0392B")) > 200
    assert _coloured_pixels(off, QColor("#1E8449")) == 0
    assert _coloured_pixels(on, QColor("#1E8449")) > 200
    assert icons.glyph("mdi6.sprout") != icons.glyph("mdi6.home")


def test_an_unknown_icon_falls_back_and_is_logged(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    fallback = icons.icon(f"mdi6.{icons.FALLBACK}", "#000000").pixmap(48, 48).toImage()
    unknown = icons.icon("mdi6.no-such-icon-here", "#000000").pixmap(48, 48).toImage()
    assert unknown == fallback
    assert any("mdi6.no-such-icon-here" in record.getMessage() for record in caplog.records)


def test_the_icon_font_comes_from_the_installed_qtawesome() -> None:
    font, charmap = icons.font_files()
    assert font.parent == charmap.parent == icons._fonts_folder()
    assert font.is_file() and charmap.is_file()
    # The same files qtawesome itself loads for the mdi6 prefix (its own declaration).
    import qtawesome

    declared = {entry[0]: entry[1:] for entry in qtawesome._BUNDLED_FONTS}
    assert declared["mdi6"] == (font.name, charmap.name)


def test_the_icon_font_is_found_when_qtawesome_renames_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A qtawesome release with a newer mdi6 font: found by its declaration, no code change."""
    font, charmap = icons.font_files()
    package = tmp_path / "qtawesome"
    (package / "fonts").mkdir(parents=True)
    (package / "fonts" / "materialdesignicons6-webfont-7.0.1.ttf").write_bytes(font.read_bytes())
    (package / "fonts" / "materialdesignicons6-webfont-charmap-7.0.1.json").write_bytes(
        charmap.read_bytes()
    )
    (package / "__init__.py").write_text(
        "_BUNDLED_FONTS = (\n    (\n        'mdi6',\n"
        "        'materialdesignicons6-webfont-7.0.1.ttf',\n"
        "        'materialdesignicons6-webfont-charmap-7.0.1.json',\n    ),\n)\n"
    )
    monkeypatch.setattr(icons, "_fonts_folder", lambda: package / "fonts")
    icons.font_files.cache_clear()
    try:
        found = icons.font_files()
        assert [path.name for path in found] == [
            "materialdesignicons6-webfont-7.0.1.ttf",
            "materialdesignicons6-webfont-charmap-7.0.1.json",
        ]
        (package / "__init__.py").write_text("# no declaration any more\n")
        icons.font_files.cache_clear()
        assert icons.font_files()[0].name == "materialdesignicons6-webfont-7.0.1.ttf"
    finally:
        icons.font_files.cache_clear()


@pytest.fixture
def restored_hooks() -> Iterator[None]:
    """run_kiosk installs the kiosk's exception hooks; later tests get the usual ones back."""
    hooks = (sys.excepthook, threading.excepthook)
    yield
    sys.excepthook, threading.excepthook = hooks


def test_the_kiosk_paints_then_opens_the_catalogue_and_starts(
    qapp: QApplication,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    restored_hooks: None,
) -> None:
    sample_catalogue.close()
    stamp = tmp_path / "first-paint.json"
    monkeypatch.setenv(BENCH_FIRST_PAINT_ENV, str(stamp))
    opened: list[Catalogue] = []

    def open_catalogue() -> Catalogue:
        opened.append(Catalogue(content_root.db_path))
        return opened[-1]

    safety = a_safety_quit(qapp)  # a hung start quits, instead of hanging the suite
    try:
        status = run_kiosk(
            content_root, RunOptions(windowed=True, size=(1280, 800)), open_catalogue
        )
    finally:
        safety.stop()  # once the kiosk is done: never a quit into the next tests
    assert status == 0 and len(opened) == 1
    times = json.loads(stamp.read_text())
    assert times["painted"] <= times["ready"]


def a_safety_quit(qapp: QApplication) -> QTimer:
    """A timer that quits the application in 30 s (stopped by the test once its kiosk ran)."""
    safety = QTimer(qapp)
    safety.setSingleShot(True)
    safety.timeout.connect(qapp.quit)
    safety.start(30_000)
    return safety


def test_a_catalogue_that_cannot_be_opened_after_the_first_paint_is_reported(
    qapp: QApplication,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
    restored_hooks: None,
) -> None:
    sample_catalogue.close()

    def open_catalogue() -> Catalogue:
        raise CatalogueError(f"{content_root.db_path} : disque plein")

    safety = a_safety_quit(qapp)
    try:
        with pytest.raises(CatalogueError, match="disque plein"):
            run_kiosk(content_root, RunOptions(windowed=True, size=(1280, 800)), open_catalogue)
    finally:
        safety.stop()
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()]


def test_each_icon_name_gives_the_character_the_character_map_says() -> None:
    charmap = json.loads(icons.font_files()[1].read_text(encoding="utf-8"))
    assert len(charmap) > 7000
    assert all(icons.glyph(f"mdi6.{name}") == chr(int(code, 16)) for name, code in charmap.items())


def test_a_disabled_icon_takes_its_disabled_colour(qapp: QApplication) -> None:
    arrow = icons.icon("mdi6.chevron-right", "#FFFFFF", color_disabled="#2255AA")
    disabled = arrow.pixmap(64, 64, QIcon.Mode.Disabled).toImage()
    assert _coloured_pixels(disabled, QColor("#2255AA")) > 100
    assert _coloured_pixels(disabled, QColor("#FFFFFF")) == 0
