"""The ``kiosk`` command: its sub-commands and its errors (a clear message, non-zero, nothing
lost)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import EXIT_OK, EXIT_USAGE, main
from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue


def run_kiosk(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("KIOSK_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = run_kiosk("--help")
    assert result.returncode == 0
    for command in ("run", "demo", "info"):
        assert command in result.stdout


def test_without_a_command_it_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_USAGE
    assert "usage" in capsys.readouterr().out


def test_info_counts_the_catalogue(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(content_root.home), "info"]) == EXIT_OK
    out = capsys.readouterr().out
    assert str(content_root.home) in out
    assert "Lieux : 2" in out and "carnets : 1" in out and "pages : 1" in out


def test_home_can_follow_the_sub_command(
    content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", "--home", str(content_root.home)]) == EXIT_OK
    assert str(content_root.home) in capsys.readouterr().out
    assert content_root.db_path.exists()


def test_a_home_that_is_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "stick.txt"
    target.write_text("keep me")
    assert main(["--home", str(target), "info"]) == EXIT_USAGE
    error = capsys.readouterr().err
    assert "stick.txt" in error and "pas un dossier" in error
    assert "Traceback" not in error
    assert target.read_text() == "keep me"


def test_an_unwritable_home_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", "/proc/1", "info"]) == EXIT_USAGE
    assert "écriture" in capsys.readouterr().err


def test_a_corrupt_database_is_a_clear_error_and_is_not_overwritten(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    corrupt = home / "data.db"
    corrupt.write_bytes(b"\x00garbage" * 512)
    for command in (["info"], ["demo"], ["run", "--windowed", "--no-demo"]):
        result = run_kiosk("--home", str(home), *command)
        assert result.returncode == EXIT_USAGE, command
        assert "data.db" in result.stderr and "pas une base SQLite" in result.stderr
        assert "Traceback" not in result.stderr
        assert corrupt.read_bytes() == b"\x00garbage" * 512


def test_a_bad_window_size_is_a_clear_error(
    content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", str(content_root.home), "run", "--size", "big"]) == EXIT_USAGE
    assert "--size big" in capsys.readouterr().err


def test_run_shows_the_home_screen(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    shot = tmp_path / "home.png"
    result = run_kiosk(
        "--home",
        str(content_root.home),
        "run",
        "--windowed",
        "--size",
        "1280x800",
        "--screenshot",
        str(shot),
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    log = (content_root.logs_dir / "kiosk.log").read_text()
    assert "kiosk started" in log
