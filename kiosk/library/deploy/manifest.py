"""The install manifest: every file install wrote, with its hash, and what it moved aside."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kiosk import __version__
from kiosk.library.deploy.target import DeployError, Target
from kiosk.library.durable import atomic_write, sha256_of

MANIFEST_FORMAT = "borne-du-mazier-install"
MANIFEST_VERSION = 1


@dataclass
class ManifestEntry:
    path: str
    sha256: str | None = None  # of the content written (files)
    link_to: str | None = None  # symbolic links
    backup: str | None = None  # where the file that was there before was moved

    def to_json(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "link_to": self.link_to,
            "backup": self.backup,
        }


@dataclass
class Manifest:
    system: bool
    entries: list[ManifestEntry] = field(default_factory=list)
    created_dirs: list[str] = field(default_factory=list)
    session: bool = False
    installed_at: str = ""
    kiosk_version: str = __version__

    def entry(self, path: PurePosixPath) -> ManifestEntry | None:
        return next((e for e in self.entries if e.path == str(path)), None)

    def to_json(self) -> dict[str, object]:
        return {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "kiosk_version": self.kiosk_version,
            "installed_at": self.installed_at,
            "system": self.system,
            "session": self.session,
            "files": [entry.to_json() for entry in self.entries],
            "created_dirs": self.created_dirs,
        }


def read_manifest(target: Target) -> Manifest | None:
    """The manifest of a previous install, None when there is none."""
    path = target.on_disk(target.manifest)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise DeployError(f"{path} : manifeste illisible ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise DeployError(f"{path} : ce n'est pas un manifeste de « kiosk install ».")
    try:
        return Manifest(
            system=bool(data["system"]),
            session=bool(data.get("session", False)),
            installed_at=str(data.get("installed_at", "")),
            kiosk_version=str(data.get("kiosk_version", "")),
            entries=[
                ManifestEntry(
                    path=str(item["path"]),
                    sha256=item.get("sha256"),
                    link_to=item.get("link_to"),
                    backup=item.get("backup"),
                )
                for item in data["files"]
            ],
            created_dirs=[str(folder) for folder in data.get("created_dirs", [])],
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise DeployError(f"{path} : manifeste incomplet ({error}).") from None


def _write_manifest(target: Target, manifest: Manifest) -> None:
    text = json.dumps(manifest.to_json(), indent=2, ensure_ascii=False) + "\n"
    _write_atomically(target.on_disk(target.manifest), text, 0o644)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return sha256_of(path)
    except OSError:
        return None


def _write_atomically(path: Path, text: str, mode: int) -> None:
    atomic_write(path, text, mode=mode)
