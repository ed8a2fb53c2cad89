"""Logging to a rotating file under the content root (``logs/kiosk.log``)."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from typing import TextIO

from kiosk.config import ContentRoot

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


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
    file_handler = logging.handlers.RotatingFileHandler(
        root.logs_dir / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
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
