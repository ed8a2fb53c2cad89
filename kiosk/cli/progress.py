"""A one-line progress bar for long work, drawn only when stdout is a terminal."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TextIO

from kiosk.library.french_format import human_size
from kiosk.library.import_jobs import CancelToken

__all__ = ["ProgressBar", "cancellable_progress"]


class ProgressBar:
    """``update(done, total, label)`` redraws at most ten times a second; ``finish`` ends the line.

    When the output is not a terminal (a pipe, a log, a test) nothing is drawn.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stdout
        self.enabled = self.stream.isatty()
        self.width = width
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int, label: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        bar = "█" * filled + "·" * (self.width - filled)
        text = f"\r[{bar}] {fraction:4.0%} {human_size(done)}/{human_size(total)} {label[:40]}"
        self.stream.write(text.ljust(100)[:100])
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()
            self._drawn = False


@contextmanager
def cancellable_progress() -> Iterator[tuple[ProgressBar, CancelToken]]:
    """A progress bar and a token that Ctrl-C cancels (the work stops cleanly instead of being
    killed); on the way out, the previous Ctrl-C handler is back and the bar's line is ended."""
    bar, cancel = ProgressBar(), CancelToken()

    def interrupted(_signum: int, _frame: FrameType | None) -> None:
        cancel.cancel()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield bar, cancel
    finally:
        signal.signal(signal.SIGINT, previous)
        bar.finish()
