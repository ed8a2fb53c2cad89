"""Who else is using this content root? A lock file that says whether cleaning up is safe.

Every process that opens a content root (the kiosk, a ``kiosk import`` over SSH, a staff
command) holds a shared ``flock`` on ``<root>/.kiosk.lock`` for as long as it runs. Removing what
an interrupted operation left (partial copies, staging folders) is only safe when no other
process could be in the middle of that very operation, that is when this process can take the
lock exclusively. The kernel releases a dead process's lock, so after a power cut or a kill the
next start cleans up.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kiosk.config import ContentRoot

LOCK_NAME = ".kiosk.lock"

_held: dict[Path, int] = {}


def _descriptor(root: ContentRoot) -> int:
    key = root.home.resolve()
    if key not in _held:
        _held[key] = os.open(root.home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    return _held[key]


def hold_shared(root: ContentRoot) -> None:
    """Say "this process uses the content root" until it exits."""
    fcntl.flock(_descriptor(root), fcntl.LOCK_SH)


def alone(root: ContentRoot) -> bool:
    """Whether no other process holds the content root; it stays held (shared) either way."""
    descriptor = _descriptor(root)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        return False
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    return True


def release(root: ContentRoot) -> None:
    descriptor = _held.pop(root.home.resolve(), None)
    if descriptor is not None:
        os.close(descriptor)
