"""The workload of the power-cut test, run in a child process that the test kills (SIGKILL).

``python -m tests.reliability.driver HOME WORK`` cycles forever through five staff operations,
each in the kiosk's own library code: import media (a fresh image and a video), import and edit
places, merge a bundle, remove media, replace everything by a bundle. After each operation
returns, it appends what must now be true to ``WORK/journal.jsonl`` (flushed and fsynced), and
the next run continues with the next operation. The operations are ordered so that the one
running when the kill comes never undoes what the journal's last line expects.
"""

from __future__ import annotations

import json
import os
import random
import sys
import zipfile
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import select

from kiosk.config import ContentRoot
from kiosk.library.bundles import MANIFEST_NAME, import_bundle
from kiosk.library.import_jobs import Links, Outcome, import_files
from kiosk.library.media_admin import MediaAdminError, remove_media
from kiosk.library.places_io import import_places
from kiosk.store.database import Catalogue
from kiosk.store.models import MapImage, MediaAsset, Place

JOURNAL = "journal.jsonl"
OPERATIONS = ("import", "places", "bundle-merge", "remove", "bundle-replace")
ALBUM = "Carnet du test"


def last_entry(work: Path) -> dict[str, Any] | None:
    """The last complete line of the journal (a kill may cut the line being written)."""
    path = work / JOURNAL
    if not path.exists():
        return None
    entry = None
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
    return entry


def bundle_facts(bundle: Path) -> tuple[list[str], list[str]]:
    """The place slugs and media hashes a bundle carries."""
    with zipfile.ZipFile(bundle) as archive:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    slugs = sorted(row["slug"] for row in manifest["tables"]["places"])
    hashes = sorted(row["sha256"] for row in manifest["tables"]["media_assets"])
    return slugs, hashes


class Driver:
    def __init__(self, home: Path, work: Path) -> None:
        self.root = ContentRoot(home)
        self.work = work
        self.bundle = work / "lot.zip"
        self.bundle_slugs, self.bundle_hashes = bundle_facts(self.bundle)
        self.clips = sorted((work / "clips").glob("*.mp4"))
        self.incoming = work / "incoming"
        self.incoming.mkdir(exist_ok=True)
        # Opened without kiosk.cli.common.open_catalogue: its clean-up is what the test checks.
        self.catalogue = Catalogue(self.root.db_path)
        entry = last_entry(work)
        self.counter = 0 if entry is None else int(entry["n"]) + 1

    def write_journal(self, operation: str, expect: dict[str, Any]) -> None:
        line = json.dumps({"n": self.counter, "op": operation, "expect": expect}) + "\n"
        with (self.work / JOURNAL).open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def run_forever(self) -> None:
        print("ready", flush=True)
        while True:
            operation = OPERATIONS[self.counter % len(OPERATIONS)]
            expect = getattr(self, "op_" + operation.replace("-", "_"))()
            self.write_journal(operation, expect)
            self.counter += 1

    def op_import(self) -> dict[str, Any]:
        image_path = self.incoming / f"dessin-{os.getpid()}-{self.counter}.png"
        noise = Image.frombytes("RGB", (640, 480), random.randbytes(640 * 480 * 3))
        noise.save(image_path, compress_level=1)
        clip = self.clips[self.counter // len(OPERATIONS) % len(self.clips)]
        drawings = import_files(self.catalogue, self.root, [image_path], Links(album=ALBUM))
        videos = import_files(self.catalogue, self.root, [clip])
        image_path.unlink()
        results = drawings.results + videos.results
        refused = [r.reason for r in results if r.outcome is Outcome.REFUSED]
        if refused:
            raise SystemExit(f"import refused: {refused}")
        with self.catalogue.session() as session:
            hashes = [
                session.scalars(select(MediaAsset.sha256).where(MediaAsset.id == r.media_id)).one()
                for r in results
            ]
        return {"media": hashes}

    def op_places(self) -> dict[str, Any]:
        csv_path = self.incoming / "lieux.csv"
        rows = [
            f"Lieu {self.counter}-{i};Moulins;46.56;3.33;https://example.org/{i}"
            for i in range(200)
        ]
        csv_path.write_text(
            "nom;commune;latitude;longitude;site\n" + "\n".join(rows) + "\n", encoding="utf-8"
        )
        with self.catalogue.session() as session:
            import_places(session, csv_path)
        renamed = f"Renommé {self.counter}"
        with self.catalogue.session() as session:
            place = session.scalars(select(Place).order_by(Place.id)).first()
            if place is not None:
                place.name = renamed
        return {"place_names": [f"Lieu {self.counter}-0", f"Lieu {self.counter}-199"]}

    def op_bundle_merge(self) -> dict[str, Any]:
        import_bundle(self.catalogue, self.root, self.bundle)
        return {"slugs_include": self.bundle_slugs, "media": self.bundle_hashes}

    def op_remove(self) -> dict[str, Any]:
        removed: list[str] = []
        with self.catalogue.session() as session:
            map_images = set(session.scalars(select(MapImage.image_id)))
            candidates = [
                (asset.id, asset.sha256)
                for asset in session.scalars(select(MediaAsset))
                if asset.sha256 not in self.bundle_hashes and asset.id not in map_images
            ]
        for media_id, sha in candidates:
            try:
                remove_media(self.catalogue, self.root, media_id, force=True)
            except MediaAdminError:
                continue
            removed.append(sha)
        return {"media_absent": removed}

    def op_bundle_replace(self) -> dict[str, Any]:
        import_bundle(self.catalogue, self.root, self.bundle, replace=True)
        return {"slugs_exactly": self.bundle_slugs, "media": self.bundle_hashes}


def main() -> None:
    home, work = Path(sys.argv[1]), Path(sys.argv[2])
    Driver(home, work).run_forever()


if __name__ == "__main__":
    main()
