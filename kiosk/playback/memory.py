"""Keeping the kiosk's resident memory flat over months: glibc malloc settings and trimming.

Measured by bench/bench_memory.py: the big blocks of a kiosk are decoded drawings
(a 2048-pixel screen rendition is 12 MB) and libvlc's pictures (3 MB a 1080p frame, a pool of
them per clip). glibc serves a block this size from the heap once a block of that size has
been freed (its mmap threshold grows up to 32 MB), and a freed block in the middle of the heap
stays resident: after a few videos and albums the heap held 100-160 MB of free holes. With a
fixed threshold those blocks are mapped on their own and go back to the system when freed;
:func:`release_free_memory` hands back what smaller frees left.

Both are no-ops (False) away from glibc, and when the environment already sets the tunable.
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import cache

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters
LARGE_BLOCK_BYTES = 1024 * 1024  # a 512-pixel zoom tile and up: mapped on its own


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        # Not ctypes.util.find_library: it runs ldconfig, milliseconds of the kiosk's start.
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
        libc.malloc_trim.argtypes = (ctypes.c_size_t,)
        # musl has no mallopt/malloc_trim: AttributeError, like a missing library.
    except (OSError, AttributeError):
        return None
    return libc


@cache
def keep_large_blocks_out_of_heap(threshold: int = LARGE_BLOCK_BYTES) -> bool:
    """Serve every block of ``threshold`` bytes or more with its own mapping (once a process).

    Fixing the threshold also stops glibc from raising it after each freed image, which is
    what lets decoded drawings and video frames pile up as holes in the heap.
    """
    if "mmap_threshold" in os.environ.get("GLIBC_TUNABLES", "") or os.environ.get(
        "MALLOC_MMAP_THRESHOLD_"
    ):
        return False
    libc = _libc()
    return bool(libc is not None and libc.mallopt(M_MMAP_THRESHOLD, threshold))


def release_free_memory() -> bool:
    """Give the free pages of every malloc arena back to the system (``malloc_trim(0)``).

    It walks every arena under its lock: meant for quiet moments (a video closed, the kiosk
    back home or idle), not for the middle of an animation.
    """
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))
