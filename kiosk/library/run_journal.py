"""When the kiosk last started, stopped, and ended without stopping (``logs/runs.json``). No Qt.

The log says when the kiosk started and which errors it caught, but not how a run ended: a
crash in native code, a power cut or a kill leaves no line. So each start is recorded with the
process id and the boot id, and a normal exit records the stop. A start that finds the previous
run still marked as running, in a process that no longer exists (or before a reboot), records
that run as ended abruptly (``last_unclean_end``). A native crash also leaves the Python stack
of every thread in ``logs/crash.log`` (:func:`kiosk.logs.enable_crash_log`): :func:`last_crash`.
"""

from __future__ import annotations

import atexit
import json
import os
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.durable import atomic_write

JOURNAL_NAME = "runs.json"
CRASH_LOG_NAME = "crash.log"  # as kiosk/logs.py writes it
CRASH_MARKER = "Fatal Python error"  # how faulthandler begins each report
CRASH_LINES = 4
LOG_NAME = "kiosk.log"
LOG_BACKUPS = 5  # as kiosk/logs.py rotates it
LOG_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})")
START_MARKER = "kiosk started"
# What kiosk/ui/app.py and kiosk/cli log when something went wrong in a run.
ERROR_MARKERS = ("unexpected error", "kiosk run failed", "demo content could not be created")
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


@dataclass
class RunJournal:
    last_start: str | None = None
    last_stop: str | None = None
    last_unclean_end: str | None = None  # the start time of the run that ended abruptly
    running: bool = False
    pid: int | None = None
    boot_id: str | None = None
    starts: int = 0
    unclean_ends: int = 0
    last_unclean_detail: str | None = None  # what systemd saw, when it ran the kiosk


def journal_path(root: ContentRoot) -> Path:
    return root.logs_dir / JOURNAL_NAME


def read_journal(root: ContentRoot) -> RunJournal:
    """The journal, or an empty one when it is missing or unreadable (it is only a report)."""
    try:
        data = json.loads(journal_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return RunJournal()
    if not isinstance(data, dict):
        return RunJournal()
    known = RunJournal.__dataclass_fields__
    try:
        return RunJournal(**{key: value for key, value in data.items() if key in known})
    except TypeError:
        return RunJournal()


def _write(root: ContentRoot, journal: RunJournal) -> None:
    path = journal_path(root)
    if not path.parent.is_dir():  # the content root went away (a stick pulled out, a test)
        return
    try:
        atomic_write(path, json.dumps(asdict(journal), indent=2) + "\n")
    except OSError:
        return


def _boot_id() -> str | None:
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip()
    except OSError:
        return None


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def record_start(root: ContentRoot, *, register_stop: bool = True) -> RunJournal:
    """Record a start (and, at a normal exit of the process, the stop)."""
    journal = read_journal(root)
    if journal.running and journal.pid != os.getpid():
        same_boot = journal.boot_id is not None and journal.boot_id == _boot_id()
        if not (same_boot and journal.pid is not None and _is_alive(journal.pid)):
            journal.last_unclean_end = journal.last_start
            journal.last_unclean_detail = None
            journal.unclean_ends += 1
    journal.last_start = _now()
    journal.running = True
    journal.pid = os.getpid()
    journal.boot_id = _boot_id()
    journal.starts += 1
    _write(root, journal)
    if register_stop:
        atexit.register(record_stop, root)
    return journal


def record_stop(root: ContentRoot) -> None:
    journal = read_journal(root)
    if journal.pid not in (None, os.getpid()):
        return  # another run has started since
    journal.last_stop = _now()
    journal.running = False
    _write(root, journal)


# Signals systemd itself uses to stop a service: a run ended by them was stopped, not crashed.
STOP_SIGNALS = ("TERM", "INT", "HUP", "PIPE")


def record_service_exit(
    root: ContentRoot, service_result: str, exit_code: str, exit_status: str
) -> RunJournal:
    """Record how a run under systemd ended (``ExecStopPost=`` passes ``$SERVICE_RESULT``,
    ``$EXIT_CODE``, ``$EXIT_STATUS``): a stop, or a crash with what systemd saw.

    The kiosk itself stops in order on SIGTERM (``systemctl stop``, shutting the machine down)
    and exits 0; a stop by a signal it could not handle (SIGKILL after the stop timeout) is
    still a stop.
    """
    journal = read_journal(root)
    stopped = service_result == "success" or (exit_code == "killed" and exit_status in STOP_SIGNALS)
    if stopped:
        journal.last_stop = _now()
    else:
        journal.last_unclean_end = journal.last_start or _now()
        journal.last_unclean_detail = f"{service_result} ({exit_code} {exit_status})".strip()
        journal.unclean_ends += 1
    journal.running = False
    _write(root, journal)
    return journal


@dataclass(frozen=True)
class LogEvents:
    """The last start and the last error the log (``logs/kiosk.log`` and its rotations) shows."""

    last_start: str | None = None
    last_error: str | None = None
    last_error_message: str | None = None


def scan_log(root: ContentRoot) -> LogEvents:
    files = [root.logs_dir / LOG_NAME] + [
        root.logs_dir / f"{LOG_NAME}.{index}" for index in range(1, LOG_BACKUPS + 1)
    ]
    last_start: str | None = None
    last_error: tuple[str, str] | None = None
    for path in files:  # newest first
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in reversed(lines):
            stamp = LOG_TIME.match(line)
            if stamp is None:
                continue
            if last_start is None and START_MARKER in line:
                last_start = stamp.group(1)
            if last_error is None and any(marker in line for marker in ERROR_MARKERS):
                last_error = (stamp.group(1), line[stamp.end() :].strip())
            if last_start is not None and last_error is not None:
                break
        if last_start is not None and last_error is not None:
            break
    return LogEvents(
        last_start=last_start,
        last_error=last_error[0] if last_error else None,
        last_error_message=last_error[1] if last_error else None,
    )


@dataclass(frozen=True)
class CrashReport:
    """The last native crash faulthandler wrote: when (the file's time) and its first lines."""

    when: str
    lines: tuple[str, ...]
    path: Path


def last_crash(root: ContentRoot) -> CrashReport | None:
    """The last report in ``logs/crash.log`` (or ``crash.log.1``, moved aside when it grew)."""
    for path in (root.logs_dir / CRASH_LOG_NAME, root.logs_dir / f"{CRASH_LOG_NAME}.1"):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
            modified = path.stat().st_mtime
        except OSError:
            continue
        start = text.rfind(CRASH_MARKER)
        if start < 0:
            continue
        lines = [line.rstrip() for line in text[start:].splitlines() if line.strip()]
        # The error, then the thread that crashed (faulthandler lists the others first).
        current = next((i for i, line in enumerate(lines) if line.startswith("Current thread")), 1)
        shown = lines[:1] + lines[current : current + CRASH_LINES - 1]
        when = datetime.fromtimestamp(modified).isoformat(timespec="seconds")
        return CrashReport(when, tuple(shown), path)
    return None
