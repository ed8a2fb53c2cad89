"""Python's cyclic garbage collector, held while the kiosk paints its first screen.

The start creates a few hundred thousand objects (PySide6's classes and enums, the screens),
almost all of them for the life of the process. Collecting while they are being made walks them
again and again: 10-20 ms of the time to the first painted screen (bench/bench_startup.py).
The collector runs as usual again once the kiosk has started, or as soon as the start fails.
Only a start that held the collector releases it.
"""

from __future__ import annotations

import gc

_held = False


def hold_during_start() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_after_start() -> None:
    global _held
    if _held:
        _held = False
        gc.enable()
