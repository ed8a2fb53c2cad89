"""Durable files: whole or absent after a failure or a kill, temporary names cleaned, and an
import that reads its file once."""

from __future__ import annotations

import builtins
import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ContentRoot
from kiosk.library.durable import (
    TEMP_PREFIX,
    atomic_write,
    atomic_writer,
    copy_hashed,
    is_temporary,
    sha256_of,
)
from kiosk.library.import_jobs import Outcome, import_files
from kiosk.library.leftovers import remove_interrupted_work
from kiosk.store.database import Catalogue
from tests.media_factory import make_clip


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "réglages.json"
    target.write_text("ancien", encoding="utf-8")
    atomic_write(target, "nouveau contenu", mode=0o640)
    assert target.read_text(encoding="utf-8") == "nouveau contenu"
    assert target.stat().st_mode & 0o777 == 0o640
    assert names(tmp_path) == ["réglages.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "lot.zip"
    target.write_bytes(b"old bundle")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of a new bun")
        raise RuntimeError("disque plein")
    assert target.read_bytes() == b"old bundle"
    assert names(tmp_path) == ["lot.zip"]


def test_a_failed_first_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "journal.json"
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"{")
        raise RuntimeError("coupure")
    assert not target.exists()
    assert names(target.parent) == []


def test_a_killed_write_leaves_the_old_file_and_a_temporary_the_cleaner_removes(
    content_root: ContentRoot,
) -> None:
    """A process killed in the middle of a copy (as by a power cut): the final name never holds
    half a file; the temporary copy is named with the one prefix and goes at the next start."""
    source = content_root.home / "source.bin"
    source.write_bytes(os.urandom(3 * 1024 * 1024))
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from kiosk.library.durable import copy_hashed

        def die(chunk):
            if die.seen:
                os._exit(9)  # no clean-up at all, as a power cut
            die.seen = True
        die.seen = False
        copy_hashed(Path({str(source)!r}), Path({str(content_root.assets_dir)!r}),
                    lambda digest: "final.bin", die)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], check=False, cwd=Path.cwd())
    assert done.returncode == 9
    left = list(content_root.assets_dir.iterdir())
    assert len(left) == 1 and is_temporary(left[0]) and left[0].name.startswith(TEMP_PREFIX)
    assert not (content_root.assets_dir / "final.bin").exists()
    assert left[0] in remove_interrupted_work(content_root)
    assert names(content_root.assets_dir) == []


def test_copy_hashed_names_the_copy_by_its_hash_and_keeps_an_existing_one(
    tmp_path: Path,
) -> None:
    source = tmp_path / "a.PNG"
    source.write_bytes(b"some bytes" * 1000)
    folder = tmp_path / "store"
    first = copy_hashed(source, folder, lambda digest: f"{digest[:16]}.png")
    assert first.created and first.sha256 == sha256_of(source)
    assert first.path.read_bytes() == source.read_bytes() and first.size_bytes == 10_000
    again = copy_hashed(source, folder, lambda digest: f"{digest[:16]}.png")
    assert not again.created and again.path == first.path
    assert names(folder) == [first.path.name]


def test_copy_hashed_removes_its_copy_when_the_name_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "a.bin"
    source.write_bytes(b"x" * 5000)
    folder = tmp_path / "store"

    def refuse(_digest: str) -> str:
        raise ValueError("pas l'empreinte attendue")

    with pytest.raises(ValueError):
        copy_hashed(source, folder, refuse)
    assert names(folder) == []


class _CountingFile:
    """A file handle that adds what is read from it to a shared count."""

    def __init__(self, handle: Any, counts: dict[str, int], key: str) -> None:
        self._handle, self._counts, self._key = handle, counts, key

    def _add(self, count: int | None) -> None:
        self._counts[self._key] = self._counts.get(self._key, 0) + (count or 0)

    def read(self, *args: Any) -> Any:
        data = self._handle.read(*args)
        self._add(len(data))
        return data

    def readinto(self, buffer: Any) -> Any:
        count = self._handle.readinto(buffer)
        self._add(count)
        return count

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.fixture
def bytes_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, int]]:
    """Bytes read through Python's open() from ``*.mp4`` files under tmp_path, by file name."""
    counts: dict[str, int] = {}
    real_open = io.open

    def counting_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if isinstance(file, str | os.PathLike) and "r" in mode and "+" not in mode:
            path = Path(os.fspath(file))
            if path.suffix == ".mp4" and tmp_path in path.absolute().parents:
                return _CountingFile(handle, counts, path.name)
        return handle

    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(builtins, "open", counting_open)
    yield counts


def test_a_staff_import_reads_the_file_once(
    catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, bytes_read: dict[str, int]
) -> None:
    """Copied while hashed, then probed in place: the bytes of the film are read once by the
    kiosk's own code (the probe reads only what it needs, in FFmpeg)."""
    clip = make_clip(tmp_path / "film.mp4", seconds=1.0)
    size = clip.stat().st_size
    bytes_read.clear()
    (result,) = import_files(catalogue, content_root, [clip]).results
    assert result.outcome is Outcome.IMPORTED, result.reason
    assert sum(bytes_read.values()) == size, bytes_read
