"""Honest statistics: items by the names visitors saw, French dates and chart labels, a CSV a
French spreadsheet opens, plurals, and staff time that is no visit."""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main as cli_main
from kiosk.config import ContentRoot
from kiosk.library import settings, usage
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.settings import KioskSettings
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MediaAsset
from kiosk.ui.kiosk_controller import KioskController
from tests.harness.windows import OpenKioskWindow, StartKioskController
from tests.test_kiosk_behaviour import FakeStaffArea


def _events(catalogue: Catalogue) -> None:
    with catalogue.session() as session:
        film = session.scalars(select(MediaAsset).where(MediaAsset.title == "Le film")).one()
        album = session.scalars(select(Album)).one()
        film_id, film_path, album_slug = film.id, film.path, album.slug
    day = datetime(2026, 12, 1, 15, 0)
    usage.record(
        catalogue,
        [
            usage.Event(usage.VISIT, "120", day),
            usage.Event(usage.VISIT, "60", day + timedelta(days=1)),
            usage.Event(usage.SCREEN, "home", day),
            usage.Event(usage.SCREEN, "map", day),
            usage.Event(usage.PLACE, "le-mazier", day),
            usage.Event(usage.PLACE, "un-lieu-supprime", day),
            usage.Event(usage.VIDEO, f"{film_id}|30", day),  # from the videos screen: its id
            usage.Event(usage.VIDEO, f"{film_path}|12", day),  # from a place sheet: its path
            usage.Event(usage.DRAWING, album_slug, day),
            usage.Event(usage.LANGUAGE, "en", day),
        ],
    )


def test_items_by_their_names_and_dates_in_french(sample_catalogue: Catalogue) -> None:
    _events(sample_catalogue)
    raw = usage.summarize(sample_catalogue, date(2026, 11, 25), date(2026, 12, 4))
    summary = usage.named(sample_catalogue, raw)
    assert summary.visits == 2 and summary.visit_seconds == 180
    assert summary.screens == {"Accueil": 1, "Carte des lieux": 1}
    assert summary.places == {"Le Mazier": 1, "un-lieu-supprime": 1}
    assert summary.videos == {"Le film": 2} and summary.video_seconds == {"Le film": 42}
    assert summary.drawings == {"Faites des tiers-lieux": 1}
    assert summary.languages == {"Anglais": 1}
    assert usage.french_day(date(2026, 12, 1)) == "1er déc. 2026"
    points = usage.chart_points(summary)
    assert points[-4:] == [("1er déc.", 1), ("2 déc.", 1), ("3 déc.", 0), ("4 déc.", 0)]
    year = usage.named(
        sample_catalogue, usage.summarize(sample_catalogue, date(2026, 1, 1), date(2026, 12, 31))
    )
    assert usage.chart_points(year)[-2:] == [("nov. 2026", 0), ("déc. 2026", 2)]


def test_the_csv_is_for_a_french_spreadsheet(sample_catalogue: Catalogue, tmp_path: Path) -> None:
    _events(sample_catalogue)
    summary = usage.named(
        sample_catalogue, usage.summarize(sample_catalogue, date(2026, 12, 1), date(2026, 12, 2))
    )
    (tmp_path / "cle").mkdir()
    target = usage.write_csv(summary, tmp_path / "cle" / "stats.csv")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: accents read right by a spreadsheet
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Rubrique", "Élément", "Nombre", "Durée (secondes)"]
    assert ["Visites", "", "2", "180"] in rows
    assert ["Jour", "01/12/2026", "1", ""] in rows
    assert ["Vidéo", "Le film", "2", "42"] in rows
    assert sorted(p.name for p in target.parent.iterdir()) == ["stats.csv"]  # no temporary


def test_the_csv_is_written_whole_or_not_at_all(
    sample_catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the one durable writer: a ``.partial-`` name flushed to disk, then renamed; a
    failure (a stick pulled out, a full disk) leaves the old file as it was and no temporary."""
    _events(sample_catalogue)
    summary = usage.named(
        sample_catalogue, usage.summarize(sample_catalogue, date(2026, 12, 1), date(2026, 12, 2))
    )
    folder = tmp_path / "cle"
    folder.mkdir()
    target = folder / "stats.csv"
    flushed: list[list[str]] = []
    real_fsync = os.fsync

    def watched(descriptor: int) -> None:
        flushed.append(sorted(p.name for p in folder.iterdir()))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", watched)
    usage.write_csv(summary, target)
    assert flushed and len(flushed[0]) == 1 and flushed[0][0].startswith(TEMP_PREFIX)
    assert sorted(p.name for p in folder.iterdir()) == ["stats.csv"]
    whole = target.read_bytes()

    def failing(descriptor: int) -> None:
        raise OSError(errno.EIO, "clé retirée")

    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(OSError):
        usage.write_csv(dataclasses.replace(summary, visits=99), target)
    assert target.read_bytes() == whole
    with pytest.raises(OSError):
        usage.write_csv(summary, folder / "autre.csv")
    assert sorted(p.name for p in folder.iterdir()) == ["stats.csv"]


def test_kiosk_stats_in_french(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    _events(sample_catalogue)
    code = cli_main(
        ["--home", str(content_root.home), "stats", "--from", "2026-12-01", "--to", "2026-12-01"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "Du 1er déc. 2026 au 1er déc. 2026" in out and "1 visite (durée" in out
    assert "Le Mazier" in out and "Le film" in out and "le-mazier" not in out


@pytest.fixture
def kiosk(
    open_kiosk_window: OpenKioskWindow,
    start_kiosk_controller: StartKioskController,
    content_root: ContentRoot,
    sample_catalogue: Catalogue,
) -> KioskController:
    window = open_kiosk_window(content_root, sample_catalogue, (1280, 800))
    return start_kiosk_controller(window, KioskSettings(), staff_factory=lambda _c: FakeStaffArea())


def test_staff_time_is_no_visit_and_settings_apply_when_staff_leave(
    kiosk: KioskController, sample_catalogue: Catalogue
) -> None:
    kiosk.window.open("map", "le-mazier")  # a visitor
    kiosk.sleep()
    kiosk.wake()  # staff touch the attract loop, then make the hidden gesture
    kiosk.window.open("page", "ess")
    kiosk.open_staff_area()
    settings.save(sample_catalogue, idle_timeout_s=45, attract_drawings_per_film=7)
    kiosk.close_staff_area()  # back home: that is no visit either
    kiosk.sleep()
    summary = usage.summarize(sample_catalogue, date.today(), date.today())
    assert summary.visits == 1 and summary.places == {"le-mazier": 1}
    assert summary.screens == {"map": 1}  # not the staff's page, nor the resets' home screen
    assert kiosk.idle.timeout_s == 45 and kiosk.attract.options.drawings_per_film == 7


def test_the_chart_covers_the_period_the_summary_names(sample_catalogue: Catalogue) -> None:
    """« 30 derniers jours » above, the chart over the same 30 days (it showed the last 12)."""
    from kiosk.staff.admin_tabs.stats_tab import period_points

    today = date.today()
    for days_ago in (0, 20, 29):
        at = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()).replace(
            hour=12
        )
        usage.record(sample_catalogue, [usage.Event(usage.VISIT, "60", at)])
    for days, unit in ((7, "day"), (30, "week"), (365, "month")):
        start = today - timedelta(days=days - 1)
        summary = usage.summarize(sample_catalogue, start, today)
        found_unit, points = period_points(summary)
        assert found_unit == unit
        assert sum(n for _label, n in points) == summary.visits
        if unit == "week":
            assert summary.visits == 3
            assert points[0][0].startswith(usage.french_day(start, year=False))
            assert points[-1][0].endswith(usage.french_day(today, year=False))


def test_sizes_and_moments_read_as_french() -> None:
    from datetime import datetime

    from kiosk.library.french_format import french_day, french_moment, human_size

    assert human_size(1.1 * 1024 * 1024) == "1,1 Mo"
    assert human_size(71.7 * 1024**3) == "71,7 Go"
    assert human_size(512) == "512 o"
    assert french_day(date(2026, 12, 2), year=False) == "2 déc."
    assert french_moment(datetime(2026, 12, 1, 17, 37)) == "1er déc. 2026 à 17:37"
