"""The clips a player plays one after the other (the attract loop's film and drawings)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class ClipSequence:
    """Paths, the one playing, and whether the sequence starts again at its end."""

    def __init__(self, paths: Sequence[Path] = (), *, loop: bool = False) -> None:
        self.paths = list(paths)
        self.index = 0
        self.loop = loop

    def __bool__(self) -> bool:
        return bool(self.paths)

    def __contains__(self, path: object) -> bool:
        return path in self.paths

    def following(self) -> Path | None:
        """The clip after the one playing (the first again when looping); None at the end."""
        following = self.index + 1
        if following >= len(self.paths):
            if not self.loop or not self.paths:
                return None
            following = 0
            self.index = -1
        return self.paths[following]

    def drop(self, path: Path) -> None:
        """Forget a clip that cannot be played."""
        self.paths = [p for p in self.paths if p != path]
        self.index = min(self.index, max(0, len(self.paths) - 1))
