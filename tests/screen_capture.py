"""Captures of the X display, as a visitor sees it, taken by a process of its own.

``python -m tests.screen_capture X Y W H [FPS]`` grabs the rectangle (X, Y, W, H) of the X
screen (``QScreen.grabWindow(0, …)``: the root window, every native window in it, libvlc's too)
about FPS times a second until its standard input closes, and prints one line per capture:
the time (``time.monotonic()``, the same clock in every process of the machine), the mean red,
green and blue, the mean luminance (Rec. 601) and the share of near-black pixels. The window
being measured runs in another process, so the captures never wait for its event loop.

:class:`ScreenRecorder` starts and stops that process; :func:`black_frames` counts the captures
that would look black to a visitor.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SAMPLE_WIDTH = 96  # each capture is reduced to this many columns (nearest pixel) to be measured
BLACK_LUMA = 24.0  # a capture whose mean luminance is under this looks black
DARK_PIXEL_LUMA = 16  # a pixel under this is black
DARK_SHARE = 0.25  # ... and a capture with a quarter of its pixels black has a black patch


@dataclass(frozen=True)
class Frame:
    time: float
    red: float
    green: float
    blue: float
    luma: float
    dark_share: float

    @property
    def black(self) -> bool:
        return self.luma < BLACK_LUMA or self.dark_share >= DARK_SHARE

    def near(self, colour: tuple[int, int, int], tolerance: float = 45) -> bool:
        return all(
            abs(mine - wanted) <= tolerance
            for mine, wanted in zip((self.red, self.green, self.blue), colour, strict=True)
        )


def black_frames(frames: Iterable[Frame], start: float = 0.0, end: float = float("inf")) -> int:
    return sum(1 for frame in frames if start <= frame.time <= end and frame.black)


class ScreenRecorder:
    """``with ScreenRecorder(rect) as recorder: …`` then ``recorder.frames``."""

    def __init__(self, rect: Sequence[int], fps: float = 30.0, display: str | None = None) -> None:
        self.rect = tuple(int(v) for v in rect)
        self.fps = fps
        self.display = display or os.environ.get("DISPLAY", "")
        self.frames: list[Frame] = []
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> ScreenRecorder:
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=self.display)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.screen_capture", *map(str, self.rect), str(self.fps)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert self._process.stdout is not None
        ready = self._process.stdout.readline()  # the capture loop has started
        if not ready.startswith("ready"):
            raise RuntimeError("the screen capture process did not start")
        return self

    def __exit__(self, *_exc: object) -> None:
        process = self._process
        if process is None:
            return
        self._process = None
        output, _ = process.communicate(input="", timeout=30)
        for line in output.splitlines():
            values = line.split()
            if len(values) == 6:
                self.frames.append(Frame(*map(float, values)))

    def wait(self, seconds: float) -> None:
        time.sleep(seconds)


def _capture(x: int, y: int, width: int, height: int, fps: float) -> None:
    import selectors

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication([sys.argv[0], "-platform", "xcb"])
    screen = app.primaryScreen()
    period = 1.0 / fps
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ)
    lines: list[str] = []
    print("ready", flush=True)
    next_time = time.monotonic()
    while True:
        now = time.monotonic()
        image = screen.grabWindow(0, x, y, width, height).toImage()
        sample = image.scaledToWidth(SAMPLE_WIDTH, Qt.TransformationMode.FastTransformation)
        sample = sample.convertToFormat(QImage.Format.Format_RGB888)
        row_bytes = sample.width() * 3
        stride = sample.bytesPerLine()
        data = bytes(sample.constBits())
        red = green = blue = 0
        dark = 0
        count = 0
        for row in range(sample.height()):
            line = data[row * stride : row * stride + row_bytes]
            r, g, b = line[0::3], line[1::3], line[2::3]
            for pr, pg, pb in zip(r, g, b, strict=True):
                if 299 * pr + 587 * pg + 114 * pb < DARK_PIXEL_LUMA * 1000:
                    dark += 1
            red += sum(r)
            green += sum(g)
            blue += sum(b)
            count += len(r)
        count = max(count, 1)
        mr, mg, mb = red / count, green / count, blue / count
        luma = 0.299 * mr + 0.587 * mg + 0.114 * mb
        lines.append(f"{now:.4f} {mr:.1f} {mg:.1f} {mb:.1f} {luma:.1f} {dark / count:.3f}")
        next_time += period
        wait = next_time - time.monotonic()
        if wait < 0:
            next_time = time.monotonic()  # late: carry on from now, do not try to catch up
            wait = 0
        if selector.select(wait) and not sys.stdin.read(1):
            break
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    _capture(*(int(v) for v in arguments[:4]), float(arguments[4]) if len(arguments) > 4 else 30)  # type: ignore[call-arg]
