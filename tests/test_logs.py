"""The kiosk's log file: rotated by size, the newest lines kept, never more than its backups;
Qt's own messages in it; native crashes in ``logs/crash.log``, shown by ``kiosk status``."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.run_journal import last_crash
from kiosk.logs import LOG_FORMAT, RotatingLogFile, setup_logging

REPOSITORY = Path(__file__).resolve().parents[1]


def test_the_log_rotates_by_size_and_keeps_its_backups_only(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    handler = RotatingLogFile(path, max_bytes=1000, backups=3)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logger = logging.getLogger("test.rotation")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        for number in range(200):
            logger.info("ligne %03d, assez longue pour remplir le fichier", number)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = [path, *(path.with_name(f"kiosk.log.{n}") for n in (1, 2, 3))]
    assert all(file.exists() and 0 < file.stat().st_size <= 1000 for file in files)
    assert not path.with_name("kiosk.log.4").exists()
    kept = [
        line.split("ligne ")[1][:3]
        for file in reversed(files)
        for line in file.read_text(encoding="utf-8").splitlines()
    ]
    assert kept[-1] == "199"  # the newest line is in kiosk.log
    assert kept == [f"{n:03d}" for n in range(200 - len(kept), 200)]  # in order, none lost


def test_a_new_log_file_starts_where_the_old_one_stopped(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    path.write_text("x" * 990 + "\n", encoding="utf-8")
    handler = RotatingLogFile(path, max_bytes=1000, backups=2)
    handler.emit(logging.makeLogRecord({"msg": "après le redémarrage", "levelno": logging.INFO}))
    handler.close()
    assert path.read_text(encoding="utf-8").strip() == "après le redémarrage"
    assert path.with_name("kiosk.log.1").read_text(encoding="utf-8").startswith("x" * 990)


def test_qt_warnings_go_to_the_log_with_their_category(
    qapp: object, content_root: ContentRoot
) -> None:
    from PySide6.QtCore import QLoggingCategory, qCWarning, qInstallMessageHandler
    from PySide6.QtGui import QFont

    from kiosk.ui.process import install_qt_message_log

    handler = setup_logging(content_root)
    previous = install_qt_message_log()
    try:
        QFont().setPointSize(-1)  # Qt's own warning, in its default category
        qCWarning(QLoggingCategory("kiosk.essai"), "un avertissement classé")  # type: ignore[arg-type]
    finally:
        qInstallMessageHandler(previous)
        logging.getLogger().removeHandler(handler)
        handler.close()
    text = (content_root.logs_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "WARNING qt: QFont::setPointSize: Point size <= 0" in text
    assert "WARNING qt.kiosk.essai: un avertissement classé" in text


def test_a_native_crash_is_written_to_crash_log_and_shown_by_status(
    content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    """A real segmentation fault in a child process that enabled the crash log."""
    program = (
        "import faulthandler, pathlib, sys\n"
        "from kiosk.config import ContentRoot\n"
        "from kiosk.logs import enable_crash_log\n"
        "enable_crash_log(ContentRoot(pathlib.Path(sys.argv[1])))\n"
        "def somewhere_in_the_kiosk():\n"
        "    faulthandler._sigsegv()\n"
        "somewhere_in_the_kiosk()\n"
    )
    crashed = subprocess.run(
        [sys.executable, "-c", program, str(content_root.home)],
        cwd=REPOSITORY,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert crashed.returncode == -signal.SIGSEGV
    report = last_crash(content_root)
    assert report is not None
    assert report.lines[0] == "Fatal Python error: Segmentation fault"
    assert report.lines[1].startswith("Current thread")
    assert "somewhere_in_the_kiosk" in report.lines[2]
    assert main(["status", "--home", str(content_root.home)]) in (0, 1)
    out = capsys.readouterr().out
    assert f"Dernier plantage ({content_root.logs_dir / 'crash.log'}) : " in out
    assert "  Fatal Python error: Segmentation fault" in out and "somewhere_in_the_kiosk" in out


def test_without_a_crash_status_says_none(
    content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    (content_root.logs_dir / "crash.log").write_text("")  # opened by every run, empty
    main(["status", "--home", str(content_root.home)])
    assert "Dernier plantage (logs/crash.log) : aucun" in capsys.readouterr().out
