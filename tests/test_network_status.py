"""Status files of the network: written atomically by each kiosk from its real state (run
journal, crash log, health check, release applied or waiting), read back by any member into a
French table that says who is late or failing. Another kiosk's file is untrusted input."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library import health
from kiosk.library.network.state import NetworkState, save_state
from kiosk.library.network.status import (
    HealthSummary,
    format_status_table,
    read_statuses,
    write_status,
)
from kiosk.library.run_journal import record_start
from kiosk.store.database import Catalogue

NOW = datetime(2026, 12, 1, 14, 0, 0).astimezone()


def test_a_status_file_tells_the_kiosk_state(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    status_dir = tmp_path / "status"
    record_start(content_root, register_stop=False)
    save_state(
        content_root,
        NetworkState(
            applied="20261201T120000Z-0001",
            waiting="20261201T130000Z-0001",
            waiting_reason="une visite est en cours",
        ),
    )
    report = health.check(sample_catalogue, content_root, verify_hashes=False, probe=False)
    path = write_status(
        content_root, status_dir, "mazier-hall", name="Le Mazier", place="Hall", health=report
    )
    assert path == status_dir / "mazier-hall.json"
    assert [p.name for p in status_dir.iterdir()] == ["mazier-hall.json"]  # no temporary left
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["release_applied"] == "20261201T120000Z-0001"
    assert data["waiting_reason"] == "une visite est en cours"
    assert data["health"]["errors"] == 0 and data["last_start"] and data["free_bytes"] > 0
    assert data["last_crash"] is None
    (status,) = read_statuses(status_dir)
    assert status.name == "Le Mazier" and status.place == "Hall"
    assert status.problems() == []
    table = format_status_table([status])
    assert "Le Mazier" in table and "en attente" in table
    assert "publication 20261201T130000Z-0001 en attente : une visite est en cours" in table


def test_a_crash_and_a_failed_check_make_the_kiosk_failing(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    status_dir = tmp_path / "status"
    (content_root.logs_dir / "crash.log").write_text(
        "Fatal Python error: Segmentation fault\n\nCurrent thread 0x1 (most recent call first):\n"
        '  File "kiosk/playback/player.py", line 10 in play\n',
        encoding="utf-8",
    )
    video = next(content_root.videos_dir.iterdir())
    video.unlink()
    report = health.check(sample_catalogue, content_root, verify_hashes=False, probe=False)
    assert report.errors
    write_status(content_root, status_dir, "stand-1", name="Stand", health=report)
    # The hourly write keeps the last check's summary.
    write_status(content_root, status_dir, "stand-1", name="Stand")
    (status,) = read_statuses(status_dir)
    assert status.health is not None and status.health.errors == len(report.errors)
    problems = status.problems()
    assert any("erreur(s) au contrôle" in p for p in problems)
    assert any(p.startswith("plantage") and "Segmentation fault" in p for p in problems)
    assert "EN PANNE" in format_status_table([status])


def test_a_kiosk_not_seen_for_more_than_two_hours_is_late(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    status_dir = tmp_path / "status"
    write_status(content_root, status_dir, "peniche", name="La Péniche", now=NOW)
    write_status(content_root, status_dir, "moulins", name="Moulins", now=NOW - timedelta(hours=3))
    statuses = read_statuses(status_dir)
    assert [s.kiosk_id for s in statuses] == ["peniche", "moulins"]  # by name
    late = {s.kiosk_id: s.is_late(NOW) for s in statuses}
    assert late == {"peniche": False, "moulins": True}
    table = format_status_table(statuses, NOW)
    rows = table.split("\n\n")[0].splitlines()[2:]
    lines = {line.split()[0]: line for line in rows}
    assert "EN RETARD" in lines["Moulins"] and "il y a 3 h" in lines["Moulins"]
    assert lines["La"].rstrip().endswith("ok")
    assert "pas de nouvelles depuis 3 h" in table
    assert "2 borne(s) ; 1 en retard" in table


def test_other_kiosks_files_are_untrusted(content_root: ContentRoot, tmp_path: Path) -> None:
    status_dir = tmp_path / "status"
    write_status(content_root, status_dir, "honest", name="Borne honnête", now=NOW)
    forged = json.loads((status_dir / "honest.json").read_text(encoding="utf-8"))
    # A file naming another kiosk than its own name, a broken one, and one with escapes.
    (status_dir / "liar.json").write_text(json.dumps(forged), encoding="utf-8")
    (status_dir / "broken.json").write_text("{", encoding="utf-8")
    escape = dict(forged, kiosk_id="escape", name="\x1b[2JBorne", free_bytes="beaucoup")
    (status_dir / "escape.json").write_text(json.dumps(escape), encoding="utf-8")
    (status_dir / ".partial-honest.json-1234").write_text("{", encoding="utf-8")
    statuses = {s.kiosk_id: s for s in read_statuses(status_dir)}
    assert set(statuses) == {"honest", "liar", "broken", "escape"}
    assert statuses["liar"].unreadable and statuses["broken"].unreadable
    assert statuses["escape"].free_bytes is None
    table = format_status_table(list(statuses.values()), NOW)
    assert "\x1b" not in table and "illisible" in table


def test_health_summary_keeps_the_first_headlines() -> None:
    report = health.HealthReport(
        problems=[
            health.Problem(health.Code.MISSING, health.Severity.ERROR, f"videos/{i}.mp4", "absent")
            for i in range(5)
        ]
    )
    summary = HealthSummary.of(report)
    assert summary.errors == 5 and len(summary.lines) == 3


def test_links_and_odd_names_in_status_are_never_read(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    """Attack review #5, #12: a link to a good file elsewhere, a name ending in a line break, a
    file with 60 refusals and an absurd count."""
    status_dir = tmp_path / "status"
    write_status(content_root, status_dir, "honest", name="Borne honnête", now=NOW)
    forged = json.loads((status_dir / "honest.json").read_text(encoding="utf-8"))
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps(dict(forged, kiosk_id="link")), encoding="utf-8")
    (status_dir / "link.json").symlink_to(elsewhere)
    (status_dir / "evil\n.json").write_text(
        json.dumps(dict(forged, kiosk_id="evil\n")), encoding="utf-8"
    )
    many = {f"20261201T1200{i:02d}Z-{i:04d}": "x" for i in range(60)}
    (status_dir / "noisy.json").write_text(
        json.dumps(dict(forged, kiosk_id="noisy", refused=many, free_bytes=10**30)),
        encoding="utf-8",
    )
    statuses = {s.kiosk_id: s for s in read_statuses(status_dir)}
    assert set(statuses) == {"honest", "link", "noisy"}  # no "evil\n"
    assert statuses["link"].unreadable == "link.json illisible (pas un fichier ordinaire)"
    noisy = statuses["noisy"]
    assert len(noisy.refused) <= 10 and noisy.free_bytes is None
    assert max(noisy.refused) == max(many)  # the newest ones are kept


def test_a_fifo_in_status_is_listed_unreadable_never_waited_on(
    content_root: ContentRoot, tmp_path: Path
) -> None:
    """Attack review #5: a FIFO named like a status file, and a link to it."""
    import os
    import signal

    status_dir = tmp_path / "status"
    write_status(content_root, status_dir, "honest", name="Borne honnête", now=NOW)
    fifo = status_dir / "fifo.json"
    os.mkfifo(fifo)
    (status_dir / "viafifo.json").symlink_to(fifo)

    def stuck(_signal: int, _frame: object) -> None:
        raise AssertionError("read_statuses waited on a FIFO")

    # A guard only (the old reader blocked for ever): the FIFO must not even be opened.
    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)
    try:
        statuses = {s.kiosk_id: s for s in read_statuses(status_dir)}
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    for name in ("fifo", "viafifo"):
        assert statuses[name].unreadable == f"{name}.json illisible (pas un fichier ordinaire)"
    assert statuses["honest"].unreadable is None
