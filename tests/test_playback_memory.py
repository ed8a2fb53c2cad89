"""glibc malloc settings of the kiosk (kiosk/playback/memory.py), each in a fresh process."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's malloc only",
)

# After a 16 MB block is freed glibc serves blocks up to 16 MB from the heap (its dynamic mmap
# threshold); a 12 MB "decoded drawing" then lands in the heap, unless the threshold is fixed.
PROBE = """
import ctypes, sys
from kiosk.playback.memory import keep_large_blocks_out_of_heap, release_free_memory

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
fixed = keep_large_blocks_out_of_heap() if sys.argv[1] == "fixed" else False
freed = bytearray(16 << 20)
del freed
drawing = bytearray(12 << 20)
mapped = libc.mallinfo2().hblkhd >= 12 << 20
del drawing
print(fixed, mapped, release_free_memory() in (True, False))
"""


def probe(mode: str, **environ: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode],
        env={**os.environ, **environ},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_large_blocks_get_mappings_of_their_own_once_the_threshold_is_fixed() -> None:
    fixed, mapped, trimmed = probe("fixed")
    assert fixed == "True"
    assert mapped == "True"
    assert trimmed == "True"


def test_glibc_alone_would_put_them_in_the_heap() -> None:
    """The reason for the setting: without it the 12 MB block comes from the heap."""
    _fixed, mapped, _trimmed = probe("default")
    assert mapped == "False"


def test_a_threshold_set_by_the_environment_is_left_alone() -> None:
    fixed, mapped, _trimmed = probe("fixed", GLIBC_TUNABLES="glibc.malloc.mmap_threshold=33554432")
    assert fixed == "False"
    assert mapped == "False"
