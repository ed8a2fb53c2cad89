"""Bundles: reproducible export, round trip, merge/replace, dry run, and every malicious bundle
refused with the kiosk exactly as it was."""

from __future__ import annotations

import io
import json
import stat
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ContentRoot
from kiosk.library.bundles import (
    MANIFEST_NAME,
    STAGING_PREFIX,
    BundleError,
    dump_rows,
    export_bundle,
    import_bundle,
)
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from tests.media_factory import make_image


def snapshot(catalogue: Catalogue, root: ContentRoot) -> tuple[Any, dict[str, bytes]]:
    with catalogue.session() as session:
        rows = dump_rows(session)
    files = {
        p.relative_to(root.home).as_posix(): p.read_bytes()
        for d in (root.assets_dir, root.videos_dir)
        for p in sorted(d.rglob("*"))
        if p.is_file()
    }
    return rows, files


@pytest.fixture
def other_root(tmp_path: Path) -> ContentRoot:
    root = ContentRoot(tmp_path / "stand")
    root.home.mkdir()
    root.ensure_folders()
    return root


@pytest.fixture
def other_catalogue(other_root: ContentRoot) -> Any:
    opened = Catalogue(other_root.db_path)
    yield opened
    opened.close()


@pytest.fixture
def bundle_zip(sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path) -> Path:
    return export_bundle(sample_catalogue, content_root, tmp_path / "out" / "lot.zip").path


def entries_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_zip(path: Path, entries: list[tuple[str, bytes]], *, deflate: bool = False) -> Path:
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, method)
    return path


def write_tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w") as archive:
        for info, data in members:
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def tar_file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def manifest_of(entries: dict[str, bytes]) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(entries[MANIFEST_NAME])
    return loaded


# --- export ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["lot.tar", "lot.zip"])
def test_export_is_reproducible(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path, name: str
) -> None:
    first = export_bundle(sample_catalogue, content_root, tmp_path / "a" / name)
    second = export_bundle(sample_catalogue, content_root, tmp_path / "b" / name)
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.files == 6
    assert not list((tmp_path / "a").glob(".*partial*"))


def test_the_manifest_lists_every_file_with_size_and_hash(bundle_zip: Path) -> None:
    entries = entries_of(bundle_zip)
    manifest = manifest_of(entries)
    assert next(iter(entries)) == MANIFEST_NAME
    assert manifest["format_version"] == 2 and manifest["schema"]
    import hashlib

    for item in manifest["files"]:
        assert len(entries[item["path"]]) == item["size"]
        assert hashlib.sha256(entries[item["path"]]).hexdigest() == item["sha256"]
    assert {row["slug"] for row in manifest["tables"]["places"]} == {"le-mazier", "la-magic"}


def test_export_refuses_a_damaged_file_and_writes_nothing(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    victim = sorted(content_root.assets_dir.glob("*.png"))[0]
    victim.write_bytes(victim.read_bytes()[:-1] + b"\x00")
    with pytest.raises(BundleError, match="ne correspond plus"):
        export_bundle(sample_catalogue, content_root, tmp_path / "o" / "lot.tar")
    assert list((tmp_path / "o").iterdir()) == []


# --- round trip, merge, replace, dry run ----------------------------------------------------


@pytest.mark.parametrize("name", ["lot.tar", "lot.zip"])
@pytest.mark.parametrize("replace", [True, False])
def test_round_trip_into_an_empty_content_root(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    name: str,
    replace: bool,
) -> None:
    bundle = export_bundle(sample_catalogue, content_root, tmp_path / name).path
    summary = import_bundle(other_catalogue, other_root, bundle, replace=replace)
    assert summary.applied and summary.plan.files_to_copy == 6
    assert len(summary.plan.added) > 6 and summary.plan.removed == []
    assert snapshot(other_catalogue, other_root) == snapshot(sample_catalogue, content_root)
    assert not list(other_root.home.glob(f"{STAGING_PREFIX}*"))


def test_dry_run_shows_the_plan_and_changes_nothing(
    bundle_zip: Path, other_catalogue: Catalogue, other_root: ContentRoot
) -> None:
    before = snapshot(other_catalogue, other_root)
    summary = import_bundle(other_catalogue, other_root, bundle_zip, dry_run=True)
    assert not summary.applied
    assert "lieu « Le Mazier »" in summary.plan.added
    assert snapshot(other_catalogue, other_root) == before
    assert not list(other_root.home.glob(f"{STAGING_PREFIX}*"))


def test_merge_keeps_local_items_and_replace_removes_them(
    bundle_zip: Path, other_catalogue: Catalogue, other_root: ContentRoot, tmp_path: Path
) -> None:
    from kiosk.library.import_jobs import import_files

    local = make_image(tmp_path / "local.png", (333, 222), "#ABCDEF")
    import_files(other_catalogue, other_root, [local])
    with other_catalogue.session() as session:
        session.add(Place(slug="le-mazier", name="Ancien nom"))
        session.add(Place(slug="local", name="Lieu du stand"))
    merged = import_bundle(other_catalogue, other_root, bundle_zip)
    assert "lieu « Le Mazier »" in merged.plan.changed
    with other_catalogue.session() as session:
        from sqlalchemy import select

        names = {p.slug: p.name for p in session.scalars(select(Place))}
    assert names == {"le-mazier": "Le Mazier", "la-magic": "La MAGIC", "local": "Lieu du stand"}
    replaced = import_bundle(other_catalogue, other_root, bundle_zip, replace=True)
    assert "lieu « Lieu du stand »" in replaced.plan.removed
    assert replaced.trashed == 1
    rows, files = snapshot(other_catalogue, other_root)
    assert {p["slug"] for p in rows["places"]} == {"le-mazier", "la-magic"}
    assert len(files) == 6
    assert list((other_root.home / "trash").rglob("*.png"))


def test_a_reference_to_nothing_is_refused_before_anything_is_written(
    bundle_zip: Path,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
) -> None:
    entries = entries_of(bundle_zip)
    manifest = manifest_of(entries)
    manifest["tables"]["album_items"][0]["album_id"] = 999  # a foreign key to nothing
    entries[MANIFEST_NAME] = json.dumps(manifest).encode()
    bad = write_zip(tmp_path / "bad.zip", list(entries.items()))
    before = snapshot(other_catalogue, other_root)
    with pytest.raises(BundleError, match=r"album_items.*album_id.*albums n°999, qui n'existe pas"):
        import_bundle(other_catalogue, other_root, bad, replace=True)
    assert snapshot(other_catalogue, other_root) == before


def test_a_failure_while_swapping_rows_is_rolled_back_with_its_files(
    bundle_zip: Path,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kiosk.library.bundles import apply

    real = apply.from_json

    def failing(table: Any, row: dict[str, Any]) -> dict[str, Any]:
        if table.name == "pages":
            raise ValueError("disque arraché")
        return real(table, row)

    monkeypatch.setattr(apply, "from_json", failing)
    before = snapshot(other_catalogue, other_root)
    with pytest.raises(BundleError, match="incohérent"):
        import_bundle(other_catalogue, other_root, bundle_zip, replace=True)
    assert snapshot(other_catalogue, other_root) == before


# --- malicious bundles -----------------------------------------------------------------------


def good_parts(bundle_zip: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    entries = entries_of(bundle_zip)
    return manifest_of(entries), entries


def with_extra_file(bundle_zip: Path, name: str, data: bytes = b"evil") -> list[tuple[str, bytes]]:
    """The good bundle with one more file, honestly listed in the manifest."""
    import hashlib

    manifest, entries = good_parts(bundle_zip)
    manifest["files"].append(
        {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    )
    entries[MANIFEST_NAME] = json.dumps(manifest).encode()
    return [*entries.items(), (name, data)]


def malicious(kind: str, bundle_zip: Path, tmp_path: Path) -> Path:
    manifest, entries = good_parts(bundle_zip)
    target = tmp_path / f"{kind}.bundle"
    media = next(name for name in entries if name.startswith("videos/"))
    if kind == "dotdot":
        return write_zip(target, with_extra_file(bundle_zip, "assets/../../evil.png"))
    if kind == "dotdot-tar":
        members = [tar_file(n, d) for n, d in with_extra_file(bundle_zip, "../evil.png")]
        return write_tar(target, members)
    if kind == "absolute":
        return write_zip(target, with_extra_file(bundle_zip, "/tmp/evil.png"))
    if kind == "absolute-tar":
        members = [tar_file(n, d) for n, d in entries.items()]
        info, data = tar_file("x", b"evil")
        info.name = "/etc/evil"
        return write_tar(target, [*members, (info, data)])
    if kind == "symlink-tar":
        link = tarfile.TarInfo("assets/link.png")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        return write_tar(target, [*(tar_file(n, d) for n, d in entries.items()), (link, None)])
    if kind == "hardlink-tar":
        link = tarfile.TarInfo("assets/hard.png")
        link.type, link.linkname = tarfile.LNKTYPE, media
        return write_tar(target, [*(tar_file(n, d) for n, d in entries.items()), (link, None)])
    if kind == "symlink-zip":
        with zipfile.ZipFile(target, "w") as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
            info = zipfile.ZipInfo("assets/link.png")
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
        return target
    if kind == "duplicate":
        return write_zip(target, [*entries.items(), (media, entries[media])])
    if kind == "duplicate-case":
        upper = "videos/" + media.removeprefix("videos/").upper()
        return write_zip(target, [*entries.items(), (upper, entries[media])])
    if kind == "duplicate-tar":
        members = [tar_file(n, d) for n, d in entries.items()]
        return write_tar(target, [*members, tar_file(media, b"other content")])
    if kind == "size":
        entries[media] = entries[media] + b"extra"
        return write_zip(target, list(entries.items()))
    if kind == "hash":
        data = bytearray(entries[media])
        data[200] ^= 0xFF
        entries[media] = bytes(data)
        return write_zip(target, list(entries.items()))
    if kind == "hash-tar":
        data = bytearray(entries[media])
        data[-5] ^= 0xFF
        entries[media] = bytes(data)
        return write_tar(target, [tar_file(n, d) for n, d in entries.items()])
    if kind == "newer-schema":
        manifest["schema"] = "9999_from_the_future"
        entries[MANIFEST_NAME] = json.dumps(manifest).encode()
        return write_zip(target, list(entries.items()))
    if kind == "newer-format":
        manifest["format_version"] = 99
        entries[MANIFEST_NAME] = json.dumps(manifest).encode()
        return write_zip(target, list(entries.items()))
    if kind == "truncated-zip":
        target.write_bytes(bundle_zip.read_bytes()[: bundle_zip.stat().st_size // 2])
        return target
    if kind == "truncated-tar":
        whole = write_tar(tmp_path / "whole.tar", [tar_file(n, d) for n, d in entries.items()])
        target.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
        return target
    if kind == "bomb":
        zeros = b"\x00" * (64 * 1024 * 1024)
        return write_zip(
            target, with_extra_file(bundle_zip, "videos/bomb.mp4", zeros), deflate=True
        )
    if kind == "unlisted":
        return write_zip(target, [*entries.items(), ("assets/surprise.png", b"x")])
    if kind == "missing-file":
        del entries[media]
        return write_zip(target, list(entries.items()))
    if kind == "outside-media-folders":
        return write_zip(target, with_extra_file(bundle_zip, "data.db", b"SQLite format 3\x00"))
    if kind == "no-manifest":
        del entries[MANIFEST_NAME]
        return write_zip(target, list(entries.items()))
    if kind == "compressed-tar":
        with tarfile.open(target, "w:gz") as archive:
            for name, data in entries.items():
                info, _ = tar_file(name, data)
                archive.addfile(info, io.BytesIO(data))
        return target
    raise AssertionError(kind)


MALICIOUS = {
    "dotdot": "sort du dossier",
    "dotdot-tar": "sort du dossier",
    "absolute": "chemin absolu",
    "absolute-tar": "chemin absolu",
    "symlink-tar": "lien",
    "hardlink-tar": "lien",
    "symlink-zip": "lien",
    "duplicate": "deux fois",
    "duplicate-case": "deux fois",
    "duplicate-tar": "deux fois",
    "size": "octets au lieu",
    "hash": "ne correspond pas au manifeste",
    "hash-tar": "ne correspond pas au manifeste",
    "newer-schema": "plus récente",
    "newer-format": "plus récente",
    "truncated-zip": "tronqué",
    "truncated-tar": "tronqué",
    "bomb": "piégée",
    "unlisted": "pas dans le manifeste",
    "missing-file": "manque",
    "outside-media-folders": "ni le manifeste",
    "no-manifest": "pas de manifest",
    "compressed-tar": "illisible",
}


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("kind", sorted(MALICIOUS))
@pytest.mark.parametrize("replace", [False, True])
def test_a_malicious_bundle_is_refused_and_nothing_changes(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    bundle_zip: Path,
    tmp_path: Path,
    kind: str,
    replace: bool,
) -> None:
    # Import over the sample's own content root, with a local change the bundle would undo.
    with sample_catalogue.session() as session:
        session.add(Place(slug="local", name="Local"))
    bad = malicious(kind, bundle_zip, tmp_path)
    before = snapshot(sample_catalogue, content_root)
    home_before = sorted(p.name for p in content_root.home.iterdir())
    with pytest.raises(BundleError, match=MALICIOUS[kind]):
        import_bundle(sample_catalogue, content_root, bad, replace=replace)
    assert snapshot(sample_catalogue, content_root) == before
    assert sorted(p.name for p in content_root.home.iterdir()) == home_before
    assert not (tmp_path / "evil.png").exists() and not Path("/tmp/evil.png").exists()
