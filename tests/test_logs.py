"""The kiosk's log file: rotated by size, the newest lines kept, never more than its backups."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.logs import LOG_FORMAT, RotatingLogFile


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
