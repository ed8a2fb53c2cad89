"""The ``kiosk`` command: its sub-commands and its errors (a clear message, non-zero, nothing
lost)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from sqlalchemy import select

from kiosk.cli import EXIT_OK, EXIT_USAGE, main
from kiosk.config import ContentRoot
from kiosk.store.database import Catalogue
from kiosk.store.models import Place


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


def sub_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every registered sub-command's parser, at every depth, with its path of names."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*path, name), child
                yield from sub_commands(child, (*path, name))


def placeholders(parser: argparse.ArgumentParser) -> list[str]:
    """A value for each positional argument the sub-command requires."""
    values = []
    for action in parser._actions:
        if action.option_strings or isinstance(action, argparse._SubParsersAction):
            continue
        if action.nargs not in ("?", "*"):
            values.append(str(next(iter(action.choices))) if action.choices else "x")
    return values


def test_home_is_accepted_after_every_sub_command_as_before_it(tmp_path: Path) -> None:
    """One rule for every sub-command at every depth (``places import FILE --home DIR`` was
    refused with "unrecognized arguments"), through the pre-parse that main() does first."""
    from kiosk.cli import build_parser, find_command

    paths = list(sub_commands(build_parser()))
    assert ("places", "import") in [path for path, _ in paths] and len(paths) > 15
    for path, parser in paths:
        has_actions = any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
        if has_actions:
            continue  # a group (places, media, bundle, pin): its leaves are walked
        rest = placeholders(parser)
        for argv in (
            [*path, *rest, "--home", str(tmp_path / "after")],
            ["--home", str(tmp_path / "before"), *path, *rest],
            [path[0], "--home", str(tmp_path / "middle"), *path[1:], *rest],
        ):
            args = build_parser(find_command(argv)).parse_args(argv)
            assert args.command == path[0], argv
            expected = next(a for a in argv if a.startswith(str(tmp_path)))
            assert args.home == expected, argv


def test_places_import_takes_home_after_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "lieux.csv"
    source.write_text("nom,commune,latitude,longitude\nLa Ferme,Moulins,46.5,3.3\n")
    home = tmp_path / "ailleurs"
    assert main(["places", "import", str(source), "--home", str(home)]) == EXIT_OK
    catalogue = Catalogue(home / "data.db")
    try:
        with catalogue.session() as session:
            assert [p.name for p in session.scalars(select(Place))] == ["La Ferme"]
    finally:
        catalogue.close()


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


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "0 lieu exporté"),
        (1, "1 lieu exporté"),
        (2, "2 lieux exportés"),
        (-3, "-3 lieux exportés"),
    ],
)
def test_counts_are_said_in_french(count: int, expected: str) -> None:
    from kiosk.library.plurals import counted

    assert counted(count, "lieu exporté", "lieux exportés") == expected
    assert counted(1504, "ligne", "lignes", shown="1 504") == "1 504 lignes"


def test_the_commands_print_no_bracketed_plurals() -> None:
    """« 1 lieu(x) » nowhere in what the command line prints: each count has its own words."""
    import re

    sources = Path("kiosk/cli").glob("*.py")
    found = [
        f"{path}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\w\((s|x|es)\)", line)
    ]
    assert found == []


def test_ctrl_c_during_a_long_command_cancels_the_work_and_gives_the_handler_back() -> None:
    """Ctrl-C inside ``cancellable_progress`` only cancels the token (the work stops cleanly,
    no KeyboardInterrupt mid-write); afterwards Ctrl-C is the previous handler's again."""
    import signal

    from kiosk.cli.progress import cancellable_progress

    before = signal.getsignal(signal.SIGINT)
    with cancellable_progress() as (_bar, cancel):
        assert not cancel.cancelled
        signal.raise_signal(signal.SIGINT)
        assert cancel.cancelled
    assert signal.getsignal(signal.SIGINT) is before
