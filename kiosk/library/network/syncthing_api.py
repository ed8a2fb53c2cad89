"""The REST API of one running Syncthing, with urllib only (no HTTP dependency). No Qt.

The API listens on 127.0.0.1 (:mod:`.syncthing` writes it so); the client never goes through a
proxy named in the environment. Requests carry the instance's API key (``X-API-Key``).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.library.network.state import write_atomically

LOCALHOST = "127.0.0.1"

# The folder types of Syncthing's configuration.
SEND_ONLY = "sendonly"
RECEIVE_ONLY = "receiveonly"
SEND_RECEIVE = "sendreceive"

# What our own writers leave while writing (:data:`kiosk.library.network.state.TEMP_PREFIX`):
# never sent. ``(?d)``: may be deleted when it stands in the way of a folder's removal.
IGNORE_PATTERNS = ("(?d).partial-*",)


class SyncthingError(Exception):
    """Syncthing missing, not answering, or refusing a request; one French line."""


def write_ignores(folder: Path) -> None:
    """The ``.stignore`` of a shared folder: our own temporary files are never sent."""
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(IGNORE_PATTERNS) + "\n"
    path = folder / ".stignore"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomically(path, text.encode("utf-8"))


@dataclass(frozen=True)
class FolderProgress:
    """How far this kiosk has one folder: what it still needs, and whether it is at rest."""

    need_files: int
    need_bytes: int
    global_files: int
    state: str  # "idle", "scanning", "syncing", "error"…

    @property
    def complete(self) -> bool:
        return self.need_files == 0 and self.need_bytes == 0 and self.state == "idle"


class SyncthingApi:
    """The REST API of one running Syncthing (http://127.0.0.1:PORT, ``X-API-Key``)."""

    def __init__(self, port: int, api_key: str, timeout: float = 10) -> None:
        self.base = f"http://{LOCALHOST}:{port}"
        self.api_key = api_key
        self.timeout = timeout
        # The API is on 127.0.0.1: never through a proxy named in the environment.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def request(self, method: str, path: str, body: Any = None, **params: str) -> Any:
        url = self.base + path + (f"?{urllib.parse.urlencode(params)}" if params else "")
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("X-API-Key", self.api_key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:200]
            raise SyncthingError(f"Syncthing {method} {path} : {error.code} {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise SyncthingError(f"Syncthing ne répond pas sur {self.base} ({reason}).") from None
        if not raw.strip():
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return raw.decode("utf-8", "replace")

    def answers(self) -> bool:
        try:
            return bool(self.request("GET", "/rest/system/ping"))
        except SyncthingError:
            return False

    def my_id(self) -> str:
        status = self.request("GET", "/rest/system/status")
        return str(status["myID"])

    def options(self) -> dict[str, Any]:
        options: dict[str, Any] = self.request("GET", "/rest/config/options")
        return options

    def devices(self) -> dict[str, dict[str, Any]]:
        return {
            device["deviceID"]: device for device in self.request("GET", "/rest/config/devices")
        }

    def add_device(self, device: str, name: str, addresses: list[str]) -> None:
        """Know ``device`` (added, or its name and addresses updated)."""
        self.request(
            "PATCH" if device in self.devices() else "POST",
            f"/rest/config/devices/{device}"
            if device in self.devices()
            else "/rest/config/devices",
            {"deviceID": device, "name": name, "addresses": addresses or ["dynamic"]},
        )

    def remove_device(self, device: str) -> None:
        if device in self.devices():
            self.request("DELETE", f"/rest/config/devices/{device}")

    def pending_devices(self) -> dict[str, dict[str, Any]]:
        """Devices that knocked and are not known: id -> {name, address, time}."""
        pending = self.request("GET", "/rest/cluster/pending/devices")
        return pending if isinstance(pending, dict) else {}

    def folders(self) -> dict[str, dict[str, Any]]:
        return {folder["id"]: folder for folder in self.request("GET", "/rest/config/folders")}

    def add_folder(
        self,
        folder: str,
        *,
        label: str,
        path: Path,
        kind: str,
        devices: list[str],
        rescan_s: int = 60,
    ) -> None:
        """Share ``path`` as ``folder`` with ``devices`` (and this one); an existing folder gets
        the devices it lacks. Our own temporary files are ignored (:func:`write_ignores`)."""
        write_ignores(path)
        known = self.folders().get(folder)
        if known is not None:
            have = {entry["deviceID"] for entry in known.get("devices", [])}
            missing = [{"deviceID": device} for device in devices if device not in have]
            if missing or known.get("type") != kind:
                body = {"type": kind, "devices": known.get("devices", []) + missing}
                self.request("PATCH", f"/rest/config/folders/{folder}", body)
            return
        self.request(
            "POST",
            "/rest/config/folders",
            {
                "id": folder,
                "label": label,
                "path": str(path),
                "type": kind,
                "devices": [{"deviceID": device} for device in [self.my_id(), *devices]],
                "rescanIntervalS": rescan_s,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": 1,
                "ignorePerms": True,
            },
        )

    def unshare(self, folder: str, device: str) -> None:
        known = self.folders().get(folder)
        if known is None:
            return
        kept = [entry for entry in known.get("devices", []) if entry["deviceID"] != device]
        self.request("PATCH", f"/rest/config/folders/{folder}", {"devices": kept})

    def remove_folder(self, folder: str) -> None:
        if folder in self.folders():
            self.request("DELETE", f"/rest/config/folders/{folder}")

    def scan(self, folder: str) -> None:
        self.request("POST", "/rest/db/scan", folder=folder)

    def progress(self, folder: str) -> FolderProgress:
        """What this kiosk still needs of ``folder`` (``/rest/db/status``)."""
        status = self.request("GET", "/rest/db/status", folder=folder)
        return FolderProgress(
            need_files=int(status.get("needFiles", 0)) + int(status.get("needDeletes", 0)),
            need_bytes=int(status.get("needBytes", 0)),
            global_files=int(status.get("globalFiles", 0)),
            state=str(status.get("state", "")),
        )

    def completion(self, folder: str, device: str) -> float:
        """How complete ``device`` has ``folder``, as this kiosk sees it (0–100)."""
        answer = self.request("GET", "/rest/db/completion", folder=folder, device=device)
        return float(answer.get("completion", 0.0))

    def connections(self) -> dict[str, Any]:
        answer: dict[str, Any] = self.request("GET", "/rest/system/connections")
        return answer

    def connected(self, device: str) -> bool:
        entry = self.connections().get("connections", {}).get(device, {})
        return bool(entry.get("connected"))

    def bytes_received(self) -> int:
        """Bytes received from every device since this daemon started (``inBytesTotal``)."""
        return int(self.connections().get("total", {}).get("inBytesTotal", 0))

    def shutdown(self) -> None:
        self.request("POST", "/rest/system/shutdown")


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.3) -> bool:
    """Call ``predicate`` until it is true (True) or ``timeout`` seconds passed (False);
    a :class:`SyncthingError` on the way counts as not yet."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if predicate():
                return True
        except SyncthingError:
            pass
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
