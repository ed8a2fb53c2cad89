"""This kiosk's own network state: what it applied, what waits, what it refused. No Qt.

Kept under the content root in ``network/`` (machine scope: it never travels, no bundle or
release carries it): ``state.json``, the keys (:mod:`.keys`), and for each release applied the
verified manifest (``applied/<id>/``) and a hard link to each of its media files
(``media/<sha256[:2]>/<sha256>``), so ``kiosk network rollback`` restores a previous release
even after its files left ``assets/`` and ``videos/``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.config import ContentRoot
from kiosk.library.durable import TEMP_PREFIX, atomic_write, fsync_dir

NETWORK_DIR = "network"
STATE_NAME = "state.json"
# Every file of ours is written under a name with TEMP_PREFIX (as media copies are), then renamed.
__all__ = [
    "NETWORK_DIR",
    "TEMP_PREFIX",
    "NetworkState",
    "forget_set_aside",
    "fsync_dir",
    "load_state",
    "save_state",
    "write_atomically",
]


def network_dir(root: ContentRoot) -> Path:
    return root.home / NETWORK_DIR


def write_atomically(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` through a temporary name in the same folder, flushed and
    renamed: a reader (or Syncthing) sees the old file or the whole new one, never a part."""
    atomic_write(path, data, mode=mode)


@dataclass
class NetworkState:
    """What :mod:`.apply` knows between two runs."""

    applied: str | None = None  # the release the catalogue shows now
    applied_at: str | None = None
    history: list[str] = field(default_factory=list)  # releases applied, oldest first (kept)
    # Releases up to this id are left aside: the one staff rolled back from, and older.
    skip_through: str | None = None
    waiting: str | None = None  # the newest release not applied yet, and why
    waiting_reason: str | None = None
    # Releases ignored (bad signature, unknown key, refused by the gate…): id -> reason.
    refused: dict[str, str] = field(default_factory=dict)
    # For a release refused before its rows were looked at: its files' size, time and inode and
    # the keys trusted then; while they stay the same, it is refused again unread.
    refused_stamps: dict[str, str] = field(default_factory=dict)
    last_check: str | None = None


def state_path(root: ContentRoot) -> Path:
    return network_dir(root) / STATE_NAME


def load_state(root: ContentRoot) -> NetworkState:
    """The state, or a fresh one when missing or unreadable (the catalogue stays as it is)."""
    try:
        data: Any = json.loads(state_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return NetworkState()
    if not isinstance(data, dict):
        return NetworkState()
    state = NetworkState()
    for name in ("applied", "applied_at", "skip_through", "waiting", "waiting_reason"):
        if isinstance(data.get(name), str):
            setattr(state, name, data[name])
    if isinstance(data.get("last_check"), str):
        state.last_check = data["last_check"]
    history = data.get("history")
    if isinstance(history, list):
        state.history = [item for item in history if isinstance(item, str)]
    for name in ("refused", "refused_stamps"):
        table = data.get(name)
        if isinstance(table, dict):
            kept = {str(key): value for key, value in table.items() if isinstance(value, str)}
            setattr(state, name, kept)
    return state


def save_state(root: ContentRoot, state: NetworkState) -> None:
    payload = json.dumps(asdict(state), ensure_ascii=False, indent=1, sort_keys=True)
    write_atomically(state_path(root), payload.encode("utf-8") + b"\n")


def forget_set_aside(root: ContentRoot) -> None:
    """Forget the releases set aside (rolled back from, refused, waiting): what ``leave`` and
    ``join`` start from, so a new membership looks at every release again. What was applied
    (and kept for rollback) stays."""
    if not state_path(root).exists():
        return
    state = load_state(root)
    state.skip_through = state.waiting = state.waiting_reason = None
    state.refused, state.refused_stamps = {}, {}
    save_state(root, state)
