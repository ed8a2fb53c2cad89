"""Right diagnoses: a full disk says the disk is full (with the space left), a catalogue locked
by another process says so, content the gate refuses is one "refusé" line; none of them is
"la base est illisible… restaurez une sauvegarde" nor "erreur inattendue", and nothing changes.

The full disk is real: a 2 MB tmpfs mounted by the test (skipped where mounting is not
permitted), with the content root on it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import EXIT_USAGE, main
from kiosk.config import ContentRoot
from kiosk.library import pin
from kiosk.store.database import Catalogue, CatalogueError
from kiosk.store.models import Place
from kiosk.store.sqlite_file import file_is_intact
from kiosk.store.validation import ValidationError

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB filesystem (tmpfs), unmounted afterwards."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.decode().strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill ``disk`` until only about ``leave`` bytes are free (0: until ENOSPC)."""
    filler = disk / f"filler-{uuid.uuid4().hex}"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        if leave:
            os.write(descriptor, b"\0" * max(0, shutil.disk_usage(disk).free - leave))
        else:
            for block in (65536, 4096, 512, 1):
                try:
                    while True:
                        os.write(descriptor, b"\0" * block)
                except OSError:
                    continue
    finally:
        os.close(descriptor)
    return filler


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=REPOSITORY,
        check=False,
    )


def write_places(path: Path, count: int, text: str = "") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["nom", "commune", "latitude", "longitude", "description"])
        for index in range(count):
            writer.writerow([f"Lieu {index}", "Moulins", 46.5 + index / 100000, 3.33, text])
    return path


def places_in(db_path: Path) -> int:
    """Read without the -shm file (which a full disk cannot hold)."""
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro&immutable=1", uri=True)) as connection:
        (count,) = connection.execute("SELECT count(*) FROM places").fetchone()
    return int(count)


def assert_disk_full_line(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "data.db" in lines[0] and "le disque est plein" in lines[0], stderr
    assert "il reste" in lines[0] and "libérez de la place" in lines[0], stderr
    for wrong in ("illisible", "restaurez", "endommagée", "erreur inattendue", "Traceback"):
        assert wrong not in stderr


def test_a_full_disk_is_said_full_with_the_space_left_never_a_damaged_base(
    small_disk: Path, tmp_path: Path
) -> None:
    home = small_disk / "home"
    one_place = write_places(tmp_path / "un.csv", 1)
    created = kiosk("places", "import", str(one_place), "--home", str(home))
    assert created.returncode == 0, created.stderr
    fill(small_disk)
    assert shutil.disk_usage(small_disk).free < 4096
    before = (home / "data.db").read_bytes()
    # The catalogue opened read-only needs its -shm file: SQLite says "disk I/O error".
    for command in (["info"], ["places", "list"], ["run", "--windowed", "--no-demo"]):
        result = kiosk(*command, "--home", str(home))
        assert result.returncode != 0, command
        assert_disk_full_line(result.stderr)
    assert (home / "data.db").read_bytes() == before
    assert file_is_intact(home / "data.db") is True  # integrity says ok: the file is fine
    assert places_in(home / "data.db") == 1


def test_a_write_that_fills_the_disk_is_said_full_and_rolled_back(
    small_disk: Path, tmp_path: Path
) -> None:
    home = small_disk / "home"
    assert kiosk("info", "--home", str(home)).returncode == 0
    many = write_places(tmp_path / "beaucoup.csv", 3000, "texte " * 100)  # 2 MB and more
    fill(small_disk, leave=400 * 1024)
    result = kiosk("places", "import", str(many), "--home", str(home))
    assert result.returncode != 0
    assert_disk_full_line(result.stderr)
    assert places_in(home / "data.db") == 0  # the import is one transaction: nothing went in
    assert file_is_intact(home / "data.db") is True


def test_a_catalogue_locked_by_another_process_says_another_kiosk_process_writes(
    content_root: ContentRoot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Catalogue(content_root.db_path).close()
    other = sqlite3.connect(content_root.db_path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")  # another process writing, for longer than 5 s
        monkeypatch.setattr(sys, "stdin", io.StringIO("4821\n4821\n"))
        status = main(["pin", "set", "--stdin", "--home", str(content_root.home)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1, err
    assert "data.db" in err and "verrouillée" in err and "un autre processus" in err
    assert "erreur inattendue" not in err and "illisible" not in err
    catalogue = Catalogue(content_root.db_path)
    try:
        assert not pin.has_pin(catalogue)  # nothing changed
    finally:
        catalogue.close()


def test_a_catalogue_locked_before_it_is_read_is_not_called_damaged(tmp_path: Path) -> None:
    """A database in rollback-journal mode (a copy, another tool) held by an exclusive lock:
    even reading waits, then says it is locked."""
    db = tmp_path / "data.db"
    Catalogue(db).close()
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode=DELETE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("UPDATE settings SET value = value")
        with pytest.raises(CatalogueError, match="verrouillée, un autre processus") as raised:
            Catalogue(db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "illisible" not in str(raised.value) and "restaurez" not in str(raised.value)


def test_content_the_gate_refuses_is_one_refused_line_not_an_unexpected_error(
    content_root: ContentRoot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "lieux.csv"
    source.write_text(
        'nom,commune,latitude,longitude\n"La \x1b[2JFerme",Moulins,46.5,3.3\n', encoding="utf-8"
    )
    # The places door refuses the row itself: its line, the field and the gate's reason.
    main(["places", "import", str(source), "--home", str(content_root.home)])
    captured = capsys.readouterr()
    assert "ligne 2" in captured.out and "caractère de contrôle" in captured.out
    assert "\x1b" not in captured.out + captured.err  # shown escaped, never sent to the terminal
    assert "erreur inattendue" not in captured.err
    catalogue = Catalogue(content_root.db_path)
    try:
        with catalogue.session() as session:
            assert session.scalar(select(func.count()).select_from(Place)) == 0
    finally:
        catalogue.close()

    # A refusal that reaches the command line from any other door is one "refusé" line.
    import kiosk.cli.places

    def refused(_root: object, _args: object) -> int:
        raise ValidationError("places.name", "caractère de contrôle interdit (U+001B)")

    monkeypatch.setattr(kiosk.cli.places, "_list", refused)
    status = main(["places", "list", "--home", str(content_root.home)])
    err = capsys.readouterr().err
    assert status == EXIT_USAGE
    assert err.count("\n") == 1, err
    assert "refusé : places.name : caractère de contrôle" in err
    assert "erreur inattendue" not in err


def test_a_refused_path_is_one_line_not_an_unexpected_error(
    content_root: ContentRoot, sample_catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path planted behind the gate's back (raw SQL) meets ContentRoot's refusal
    (UnsafePathError) inside ``kiosk check`` and ``bundle export``: a line naming it."""
    sample_catalogue.close()
    with closing(sqlite3.connect(content_root.db_path)) as connection, connection:
        connection.execute(
            "UPDATE media_assets SET subtitles_path = '../../etc/passwd' "
            "WHERE id = (SELECT min(id) FROM media_assets)"
        )
    before = content_root.db_path.read_bytes()
    for command in (["check"], ["bundle", "export", str(content_root.home.parent / "b.tar")]):
        status = main([*command, "--home", str(content_root.home)])
        captured = capsys.readouterr()
        assert status != 0, command
        assert "../../etc/passwd" in captured.out + captured.err, command
        assert "erreur inattendue" not in captured.err and "Traceback" not in captured.err
    assert content_root.db_path.read_bytes() == before
