"""Leftovers of interrupted work are cleaned only when no other kiosk process is at work."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.cli.common import open_catalogue
from kiosk.config import ContentRoot
from kiosk.library import content_lock
from kiosk.library.durable import TEMP_PREFIX
from kiosk.library.health import check, fix
from kiosk.store.database import Catalogue


def start_other_process(root: ContentRoot) -> subprocess.Popen[str]:
    """Another kiosk process using the same content root (a staff import over SSH, say)."""
    code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from kiosk.config import ContentRoot
        from kiosk.library import content_lock
        content_lock.hold_shared(ContentRoot(Path({str(root.home)!r})))
        print("holding", flush=True)
        time.sleep(60)
        """
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert other.stdout is not None
    assert other.stdout.readline().strip() == "holding"
    return other


def test_a_partial_copy_of_a_running_process_is_left_alone(content_root: ContentRoot) -> None:
    in_progress = content_root.videos_dir / f"{TEMP_PREFIX}1234-5678.mp4"
    in_progress.write_bytes(b"being copied by the other process")
    other = start_other_process(content_root)
    try:
        assert not content_lock.alone(content_root)
        open_catalogue(content_root).close()
        assert in_progress.exists()
    finally:
        other.kill()
        other.communicate()  # reads and closes its output pipe
    # The other process died (a kill, a power cut): its lock went with it, cleaning is safe.
    assert content_lock.alone(content_root)
    open_catalogue(content_root).close()
    assert not in_progress.exists()
    content_lock.release(content_root)


def test_a_lone_process_cleans_up_at_once(content_root: ContentRoot) -> None:
    leftover = content_root.assets_dir / f"{TEMP_PREFIX}0000.jpg"
    leftover.write_bytes(b"half")
    open_catalogue(content_root).close()
    assert not leftover.exists()
    assert (content_root.home / content_lock.LOCK_NAME).exists()
    content_lock.release(content_root)


def test_the_lock_file_is_not_content(content_root: ContentRoot, tmp_path: Path) -> None:
    content_lock.hold_shared(content_root)
    try:
        assert not list(content_root.assets_dir.glob("*.lock"))
        assert not list(content_root.videos_dir.glob("*.lock"))
    finally:
        content_lock.release(content_root)


def test_the_health_fix_leaves_another_process_work_alone(
    content_root: ContentRoot, catalogue: Catalogue
) -> None:
    in_progress = content_root.videos_dir / f"{TEMP_PREFIX}42.mp4"
    in_progress.write_bytes(b"half")
    not_yet_recorded = content_root.assets_dir / "0123456789abcdef.jpg"
    not_yet_recorded.write_bytes(b"copied, about to be recorded")
    other = start_other_process(content_root)
    try:
        done = fix(catalogue, content_root, check(catalogue, content_root), rebuild_caches=False)
        assert done.busy
        assert in_progress.exists() and not_yet_recorded.exists()
    finally:
        other.kill()
        other.communicate()  # reads and closes its output pipe
    done = fix(catalogue, content_root, check(catalogue, content_root), rebuild_caches=False)
    assert not done.busy
    assert not in_progress.exists() and not not_yet_recorded.exists()
    content_lock.release(content_root)
