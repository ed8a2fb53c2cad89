"""Logging to a rotating file under the content root (``logs/kiosk.log``), and native crashes
(:mod:`faulthandler`) to ``logs/crash.log``."""

from __future__ import annotations

import errno
import faulthandler
import logging
import sys
from pathlib import Path
from typing import TextIO

from kiosk.config import ContentRoot

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 5
CRASH_LOG = "crash.log"
CRASH_LOG_MAX_BYTES = 1_000_000  # then moved to crash.log.1 at the next start

log = logging.getLogger(__name__)


class RotatingLogFile(logging.FileHandler):
    """``kiosk.log``, moved to ``kiosk.log.1`` (… ``.5``, the oldest dropped) when it would grow
    past ``max_bytes``: the files and names of :class:`logging.handlers.RotatingFileHandler`.

    Not that class itself: ``logging.handlers`` imports socket, pickle and queue, about 6 ms of
    a start measured against a bare Qt window (bench/bench_startup.py).
    """

    def __init__(self, path: Path, max_bytes: int = LOG_MAX_BYTES, backups: int = LOG_BACKUPS):
        super().__init__(path, encoding="utf-8")
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A full disk drops the record quietly (the command that hit it says the disk is full,
        ``kiosk status`` shows the free space); any other failure is reported as logging does."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return
        super().handleError(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            return False
        size = self.stream.tell() + len(self.format(record).encode("utf-8")) + 1
        return size > self.max_bytes > 0

    def _rotate(self) -> None:
        self.close()
        oldest = self.path.with_name(f"{self.path.name}.{self.backups}")
        oldest.unlink(missing_ok=True)
        for number in range(self.backups - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{number}")
            if older.exists():
                older.replace(self.path.with_name(f"{self.path.name}.{number + 1}"))
        if self.path.exists():
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        self.stream = self._open()


class ConsoleHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced after set-up, by a
    test's capture for instance), never to a stream that has since been closed."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


class ShortFormatter(logging.Formatter):
    """One line per record on the console: tracebacks go to the log file only."""

    def format(self, record: logging.LogRecord) -> str:
        return self.formatMessage(self._with_message(record))

    @staticmethod
    def _with_message(record: logging.LogRecord) -> logging.LogRecord:
        record.message = record.getMessage()
        return record


def setup_logging(root: ContentRoot, *, verbose: bool = False) -> logging.Handler:
    """Send the kiosk's log to ``logs/kiosk.log`` (5 × 2 MB) and warnings to stderr."""
    root.logs_dir.mkdir(parents=True, exist_ok=True)
    file_handler = RotatingLogFile(root.logs_dir / "kiosk.log")
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    console = ConsoleHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(ShortFormatter("%(levelname)s: %(message)s"))
    logger = logging.getLogger()
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.INFO)
    logger.addHandler(file_handler)
    logger.addHandler(console)
    return file_handler


class _CrashLog:
    """The file faulthandler writes to: open for the rest of the process (faulthandler writes to
    its descriptor from the signal handler, so the file object must never be closed or freed)."""

    file: TextIO | None = None
    replaced_stderr = False  # faulthandler was already on (python -X faulthandler, pytest)


def enable_crash_log(root: ContentRoot) -> Path | None:
    """Write native crashes (SIGSEGV in libvlc or Qt, SIGABRT, SIGBUS, SIGFPE, SIGILL) to
    ``logs/crash.log``: the Python stack of every thread, appended. ``kiosk status`` shows the
    last one (:func:`kiosk.library.run_journal.last_crash`). Returns the file, None if it cannot
    be opened (a line in the log says why)."""
    path = root.logs_dir / CRASH_LOG
    try:
        root.logs_dir.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > CRASH_LOG_MAX_BYTES:
            path.replace(path.with_name(f"{CRASH_LOG}.1"))
        file = path.open("a", encoding="utf-8")
    except OSError as error:
        log.warning("%s cannot be opened: native crashes will leave no trace (%s)", path, error)
        return None
    if _CrashLog.file is None:
        _CrashLog.replaced_stderr = faulthandler.is_enabled()
    faulthandler.enable(file, all_threads=True)
    previous, _CrashLog.file = _CrashLog.file, file
    if previous is not None:
        previous.close()
    return path


def release_crash_log() -> None:
    """Give faulthandler back to stderr if it was there before :func:`enable_crash_log` (a kiosk
    run inside a test); otherwise leave it on: a crash while the process ends is caught too."""
    if not _CrashLog.replaced_stderr or _CrashLog.file is None:
        return
    faulthandler.enable(sys.__stderr__ or sys.stderr, all_threads=True)
    _CrashLog.file.close()
    _CrashLog.file = None
    _CrashLog.replaced_stderr = False
