"""Python's cyclic garbage collector, held while the kiosk paints its first screen.

The start creates a few hundred thousand objects (PySide6's classes and enums, the screens),
almost all of them for the life of the process. Collecting while they are being made walks them
again and again: 10-20 ms of the time to the first painted screen (bench/bench_startup.py).
The collector runs as usual again once the kiosk has started, or as soon as the start fails.
Only a start that held the collector releases it.

On release, what the start made is frozen (:func:`gc.freeze`): moved out of the collector's
sight, so that the first collection afterwards does not walk the 80,000 objects of the start
(about 60 ms of processor, on the moment of the first tap) and later ones do not either. The
few hundred objects of the start that were already garbage stay in memory until the run ends:
:func:`thaw_after_run` gives them back to the collector (a test's process lives on).
"""

from __future__ import annotations

import gc

_held = False
_frozen = False


def hold_during_start() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_after_start() -> None:
    global _held, _frozen
    if _held:
        _held = False
        gc.freeze()
        _frozen = True
        gc.enable()


def thaw_after_run() -> None:
    """After the run: the start's objects are the collector's again (only if they were frozen
    by :func:`release_after_start`)."""
    global _frozen
    if _frozen:
        _frozen = False
        gc.unfreeze()
