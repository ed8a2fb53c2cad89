"""Status files: each kiosk says how it is, every member reads them all. No Qt.

Each kiosk writes ``status/<kiosk id>.json`` in the network's status folder (shared by
Syncthing) at start, after each release and hourly: its name and place, its version, the
release applied and the one waiting (and why), the releases it ignored, its last start and last
crash, a summary of its health check, its free disk, and when it wrote (``last_seen``). The
file is written atomically (a temporary name, flushed, renamed). :func:`read_statuses` reads
them all (another kiosk's file is untrusted input: every field is checked, bounded and made safe
to print); :func:`format_status_table` is ``kiosk network status`` in French, with what is late
(no news for more than :data:`LATE_AFTER`) or failing.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.config import ContentRoot
from kiosk.library.french_format import human_size
from kiosk.library.health import HealthReport
from kiosk.library.network.safe_files import is_plain_file, read_regular
from kiosk.library.network.state import TEMP_PREFIX, load_state, write_atomically
from kiosk.library.printable import shown
from kiosk.library.run_journal import last_crash, read_journal, scan_log

FORMAT = "borne-du-mazier-status"
FORMAT_VERSION = 1
LATE_AFTER = timedelta(hours=2)
RECENT_CRASH = timedelta(days=1)
LOW_DISK_BYTES = 2 * 2**30
MAX_STATUS_BYTES = 256 * 1024
MAX_TEXT = 300
KIOSK_ID = re.compile(r"\A[a-z0-9][a-z0-9-]{0,63}\Z")
MAX_REFUSED = 10  # releases ignored, read from one file (the newest ones)
MAX_COUNT = 10**9  # a count larger than this in a file is not believed
SHOWN_LINES = 3


@dataclass(frozen=True)
class HealthSummary:
    """What ``kiosk check`` found, in short: counts and the first few headlines."""

    errors: int = 0
    warnings: int = 0
    lines: tuple[str, ...] = ()
    checked_at: str | None = None

    @classmethod
    def of(cls, report: HealthReport, when: datetime | None = None) -> HealthSummary:
        return cls(
            errors=len(report.errors),
            warnings=len(report.warnings),
            lines=tuple(problem.headline for problem in report.problems[:SHOWN_LINES]),
            checked_at=(when or datetime.now().astimezone()).isoformat(timespec="seconds"),
        )


@dataclass(frozen=True)
class KioskStatus:
    kiosk_id: str
    name: str = ""
    place: str = ""
    version: str = ""
    release_applied: str | None = None
    release_waiting: str | None = None
    waiting_reason: str | None = None
    refused: dict[str, str] = field(default_factory=dict)  # release id -> why it was ignored
    last_start: str | None = None
    last_crash: str | None = None  # when, and the crash's first line
    health: HealthSummary | None = None
    free_bytes: int | None = None
    total_bytes: int | None = None
    last_seen: str | None = None
    unreadable: str | None = None  # set by read_statuses for a file it could not read

    def seen(self) -> datetime | None:
        return _parse_time(self.last_seen)

    def is_late(self, now: datetime | None = None) -> bool:
        seen = self.seen()
        moment = (now or datetime.now().astimezone()).astimezone()
        return seen is None or moment - seen > LATE_AFTER

    def crash_time(self) -> datetime | None:
        return _parse_time(self.last_crash.split(" ", 1)[0]) if self.last_crash else None

    def recent_crash(self, now: datetime | None = None) -> bool:
        """A crash in the last :data:`RECENT_CRASH` (systemd restarted the kiosk since, most
        likely: it is still worth a look)."""
        crash = self.crash_time()
        moment = (now or datetime.now().astimezone()).astimezone()
        return crash is not None and moment - crash <= RECENT_CRASH

    def problems(self, now: datetime | None = None) -> list[str]:
        """What is wrong with this kiosk, one French phrase each (empty: all is well)."""
        found: list[str] = []
        if self.unreadable:
            return [self.unreadable]
        if self.is_late(now):
            seen = self.seen()
            found.append(
                f"pas de nouvelles depuis {_duration(seen, now)}" if seen else "jamais vue"
            )
        if self.health is not None and self.health.errors:
            found.append(f"{self.health.errors} erreur(s) au contrôle de santé")
        if self.recent_crash(now):
            found.append(f"plantage il y a {_duration(self.crash_time(), now)} : {self.last_crash}")
        for release, reason in sorted(self.refused.items()):
            found.append(f"publication {release} ignorée : {reason}")
        if self.free_bytes is not None and self.free_bytes < LOW_DISK_BYTES:
            found.append(f"place disque faible ({human_size(self.free_bytes)} libres)")
        return found


def status_path(status_dir: Path, kiosk_id: str) -> Path:
    if not KIOSK_ID.match(kiosk_id):
        raise ValueError(f"identifiant de borne « {shown(kiosk_id, 80)} » invalide.")
    return status_dir / f"{kiosk_id}.json"


def write_status(
    root: ContentRoot,
    status_dir: Path,
    kiosk_id: str,
    *,
    name: str,
    place: str = "",
    health: HealthReport | HealthSummary | None = None,
    now: datetime | None = None,
) -> Path:
    """Write this kiosk's status file; returns it. ``health`` None keeps the summary of the
    previous file (the check is not run every hour)."""
    path = status_path(status_dir, kiosk_id)
    if isinstance(health, HealthReport):
        health = HealthSummary.of(health, now)
    if health is None:
        previous = _read_one(path)
        health = previous.health if previous is not None else None
    state = load_state(root)
    journal = read_journal(root)
    start = journal.last_start or scan_log(root).last_start
    crash = last_crash(root)
    usage = shutil.disk_usage(root.home)
    status = KioskStatus(
        kiosk_id=kiosk_id,
        name=name,
        place=place,
        version=__version__,
        release_applied=state.applied,
        release_waiting=state.waiting,
        waiting_reason=state.waiting_reason,
        refused=dict(state.refused),
        last_start=_aware(start),
        last_crash=(f"{_aware(crash.when)} {crash.lines[0]}" if crash and crash.lines else None),
        health=health,
        free_bytes=usage.free,
        total_bytes=usage.total,
        last_seen=(now or datetime.now().astimezone()).isoformat(timespec="seconds"),
    )
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(status)}
    data.pop("unreadable")
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_atomically(path, payload + b"\n")
    return path


def read_statuses(status_dir: Path) -> list[KioskStatus]:
    """Every kiosk's status, by name; a file that cannot be read is listed as such."""
    try:
        paths = sorted(status_dir.glob("*.json"))
    except OSError:
        return []
    statuses = []
    for path in paths:
        if path.name.startswith((".", TEMP_PREFIX)) or not KIOSK_ID.match(path.stem):
            continue
        status = _read_one(path)
        if status is None:
            why = "illisible" if is_plain_file(path) else "illisible (pas un fichier ordinaire)"
            status = KioskStatus(path.stem, unreadable=f"{path.name} {why}")
        statuses.append(status)
    return sorted(statuses, key=lambda s: (s.name.casefold(), s.kiosk_id))


def format_status_table(statuses: list[KioskStatus], now: datetime | None = None) -> str:
    """The table of ``kiosk network status``: one line per kiosk, then what is wrong."""
    if not statuses:
        return "Aucune borne n'a encore écrit son état dans le dossier d'état du réseau."
    header = ("Borne", "Lieu", "Version", "Publication", "Vue", "État")
    rows = []
    for status in statuses:
        problems = status.problems(now)
        if status.unreadable:
            state = "illisible"
        elif status.is_late(now):
            state = "EN RETARD"
        elif problems:
            state = "EN PANNE" if _failing(status, now) else "À VOIR"
        elif status.release_waiting:
            state = "en attente"
        else:
            state = "ok"
        rows.append(
            (
                _cell(status.name or status.kiosk_id, 28),
                _cell(status.place, 24),
                _cell(status.version, 10),
                _cell(status.release_applied or "aucune", 21),
                _ago(status.seen(), now),
                state,
            )
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    late = sum(status.is_late(now) for status in statuses)
    failing = [status for status in statuses if status.problems(now)]
    lines.append("")
    lines.append(
        f"{len(statuses)} borne(s) ; {late} en retard (pas de nouvelles depuis plus de "
        f"{int(LATE_AFTER.total_seconds() // 3600)} h) ; {len(failing)} à voir."
    )
    for status in statuses:
        details = status.problems(now)
        if status.release_waiting and status.waiting_reason:
            details.append(
                f"publication {status.release_waiting} en attente : {status.waiting_reason}"
            )
        if status.health is not None:
            details += [
                f"contrôle : {line}" for line in status.health.lines if status.health.errors
            ]
        if details:
            lines.append(f"{_cell(status.name or status.kiosk_id, 60)} ({status.kiosk_id}) :")
            lines += [f"  - {_cell(detail, 240)}" for detail in details]
    return "\n".join(lines)


def _failing(status: KioskStatus, now: datetime | None) -> bool:
    errors = bool(status.health and status.health.errors)
    return status.recent_crash(now) or errors or bool(status.refused)


def _cell(text: str, width: int) -> str:
    safe = shown(text, width)
    return safe if len(safe) <= width else safe[: width - 1] + "…"


def _read_one(path: Path) -> KioskStatus | None:
    """The status in ``path``; None when it is not a regular file (a link, a FIFO, a device:
    never followed, never blocked on), too large, or not a status file."""
    try:
        raw = read_regular(path, MAX_STATUS_BYTES)
        if raw is None:
            return None
        data: Any = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    kiosk_id = data.get("kiosk_id")
    if not isinstance(kiosk_id, str) or kiosk_id != path.stem:
        return None  # a file may only speak for the kiosk it is named after

    def text(key: str, source: dict[str, Any] = data) -> str | None:
        value = source.get(key)
        return value[:MAX_TEXT] if isinstance(value, str) else None

    def count(key: str, source: dict[str, Any] = data) -> int | None:
        value = source.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT
        return value if ok else None

    health = None
    raw_health = data.get("health")
    if isinstance(raw_health, dict):
        lines = raw_health.get("lines")
        health = HealthSummary(
            errors=count("errors", raw_health) or 0,
            warnings=count("warnings", raw_health) or 0,
            lines=tuple(
                line[:MAX_TEXT]
                for line in (lines if isinstance(lines, list) else [])[:10]
                if isinstance(line, str)
            ),
            checked_at=text("checked_at", raw_health),
        )
    refused = data.get("refused")
    return KioskStatus(
        kiosk_id=kiosk_id,
        name=text("name") or "",
        place=text("place") or "",
        version=text("version") or "",
        release_applied=text("release_applied"),
        release_waiting=text("release_waiting"),
        waiting_reason=text("waiting_reason"),
        refused=dict(
            sorted(
                (str(key)[:40], value[:MAX_TEXT])
                for key, value in (refused.items() if isinstance(refused, dict) else [])
                if isinstance(value, str)
            )[-MAX_REFUSED:]
        ),
        last_start=text("last_start"),
        last_crash=text("last_crash"),
        health=health,
        free_bytes=count("free_bytes"),
        total_bytes=count("total_bytes"),
        last_seen=text("last_seen"),
    )


def _parse_time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        return None


def _aware(text: str | None) -> str | None:
    moment = _parse_time(text)
    return moment.isoformat(timespec="seconds") if moment else None


def _duration(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return "toujours"
    seconds = ((now or datetime.now().astimezone()).astimezone() - moment).total_seconds()
    if seconds < 90:
        return "une minute"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 48 * 3600:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} j"


def _ago(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return "jamais"
    duration = _duration(moment, now)
    return "à l'instant" if duration == "une minute" else f"il y a {duration}"
