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

    real = apply.from_json  # type: ignore[attr-defined]

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
        members: list[tuple[tarfile.TarInfo, bytes | None]]
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
            zip_link = zipfile.ZipInfo("assets/link.png")
            zip_link.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(zip_link, "/etc/passwd")
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
        flipped = bytearray(entries[media])
        flipped[200] ^= 0xFF
        entries[media] = bytes(flipped)
        return write_zip(target, list(entries.items()))
    if kind == "hash-tar":
        flipped = bytearray(entries[media])
        flipped[-5] ^= 0xFF
        entries[media] = bytes(flipped)
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


# zipfile warns "Duplicate name" while the test builds a bundle that repeats a member on
# purpose (an attack the import must refuse); the warning is the test's own doing.
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


# --- every row through the gate (issue 14) --------------------------------------------------


def tampered(
    bundle_zip: Path,
    tmp_path: Path,
    change: Any,
    *,
    name: str = "lot.zip",
    extra: list[tuple[str, bytes]] | None = None,
) -> Path:
    """The good bundle with its manifest changed by ``change(manifest)`` and ``extra`` files
    (name, bytes) added to the archive and honestly listed."""
    import hashlib

    manifest, entries = good_parts(bundle_zip)
    for path, data in extra or []:
        manifest["files"].append(
            {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        )
        entries[path] = data
    change(manifest)
    entries[MANIFEST_NAME] = json.dumps(manifest).encode()
    target = tmp_path / "tampered"
    target.mkdir(exist_ok=True)
    return write_zip(target / name, list(entries.items()))


def video_row(manifest: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = next(
        r for r in manifest["tables"]["media_assets"] if r["kind"] == "video"
    )
    return row


@pytest.mark.parametrize(
    "subtitles",
    [
        "data.db",
        "../elsewhere/x.txt",
        "/tmp/x",
        "assets/../data.db",
        "videos/./film.srt",
        "videos\\film.srt",
        "videos/.hidden.srt",
        "C:/film.srt",
    ],
)
def test_a_subtitles_path_outside_the_media_folders_is_refused(
    bundle_zip: Path,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    subtitles: str,
) -> None:
    def change(manifest: dict[str, Any]) -> None:
        video_row(manifest)["subtitles_path"] = subtitles

    bad = tampered(bundle_zip, tmp_path, change)
    before = snapshot(other_catalogue, other_root)
    for replace in (False, True):
        with pytest.raises(BundleError) as caught:
            import_bundle(other_catalogue, other_root, bad, replace=replace)
        message = str(caught.value)
        assert "lot.zip" in message and "table media_assets" in message
        assert "colonne subtitles_path" in message and "rien n'a été modifié" in message
        assert "\n" not in message
    assert snapshot(other_catalogue, other_root) == before


def test_subtitles_must_be_in_the_archive_with_their_hash(
    bundle_zip: Path, other_catalogue: Catalogue, other_root: ContentRoot, tmp_path: Path
) -> None:
    def named(path: str) -> Any:
        return lambda manifest: video_row(manifest).__setitem__("subtitles_path", path)

    srt = b"1\n00:00:00,000 --> 00:00:01,000\nBonjour\n"
    before = snapshot(other_catalogue, other_root)
    # Not in the archive, not in this kiosk's catalogue.
    with pytest.raises(BundleError, match="subtitles_path : fichier absent du lot"):
        import_bundle(
            other_catalogue, other_root, tampered(bundle_zip, tmp_path, named("videos/a.srt"))
        )
    # In the archive under another case only.
    bad = tampered(bundle_zip, tmp_path, named("videos/a.srt"), extra=[("videos/A.srt", srt)])
    with pytest.raises(BundleError, match="subtitles_path : fichier absent du lot"):
        import_bundle(other_catalogue, other_root, bad)
    # Listed with a hash its bytes do not have.
    manifest, entries = good_parts(bundle_zip)
    video_row(manifest)["subtitles_path"] = "videos/a.srt"
    manifest["files"].append({"path": "videos/a.srt", "size": len(srt), "sha256": "0" * 64})
    entries[MANIFEST_NAME] = json.dumps(manifest).encode()
    entries["videos/a.srt"] = srt
    bad = write_zip(tmp_path / "hash.zip", list(entries.items()))
    with pytest.raises(BundleError, match="ne correspond pas au manifeste"):
        import_bundle(other_catalogue, other_root, bad)
    # Not subtitles at all, or on an image, or the file of another media.
    with pytest.raises(BundleError, match=r"\.srt ou \.vtt"):
        import_bundle(
            other_catalogue,
            other_root,
            tampered(bundle_zip, tmp_path, named("videos/a.txt"), extra=[("videos/a.txt", srt)]),
        )

    def shared(manifest: dict[str, Any]) -> None:
        for row in manifest["tables"]["media_assets"]:
            if row["kind"] == "video":
                row["subtitles_path"] = "videos/a.srt"

    with pytest.raises(BundleError, match="déjà nommé par une autre ligne"):
        import_bundle(
            other_catalogue,
            other_root,
            tampered(bundle_zip, tmp_path, shared, extra=[("videos/a.srt", srt)]),
        )
    assert snapshot(other_catalogue, other_root) == before
    # And the honest case goes in.
    good = tampered(bundle_zip, tmp_path, named("videos/a.srt"), extra=[("videos/a.srt", srt)])
    assert import_bundle(other_catalogue, other_root, good).applied
    assert (other_root.videos_dir / "a.srt").read_bytes() == srt


def set_column(table: str, column: str, value: Any, index: int = 0) -> Any:
    def change(manifest: dict[str, Any]) -> None:
        manifest["tables"][table][index][column] = value

    return change


ROW_CASES: dict[str, tuple[Any, str]] = {
    "photo_id list": (set_column("places", "photo_id", [1]), "colonne photo_id : un nombre entier"),
    "map image nowhere": (
        set_column("maps", "image_id", 999),
        "colonne image_id du lot : renvoie à media_assets n°999",
    ),
    "unknown table": (
        lambda m: m["tables"].__setitem__("usage_events", []),
        "table inconnue « usage_events »",
    ),
    "unknown column": (set_column("places", "owner", "x"), "colonne owner : colonne inconnue"),
    "html name": (
        set_column("places", "name", 'La Ferme <img src="/dev/zero">'),
        "colonne name : balise HTML",
    ),
    "escape in name": (set_column("places", "name", "Le \x1b[2J\x1b[HMazier"), "contrôle"),
    "escape in a tag": (
        lambda m: m["tables"]["tags"].append({"id": 77, "name": "\x1b]0;x\x07"}),
        "table tags, ligne n°77",
    ),
    "id reused": (
        lambda m: m["tables"]["places"][1].__setitem__("id", m["tables"]["places"][0]["id"]),
        "colonne id : valeur présente deux fois",
    ),
    "slug reused": (
        lambda m: m["tables"]["places"][1].__setitem__("slug", m["tables"]["places"][0]["slug"]),
        "colonne slug : valeur présente deux fois",
    ),
    "two current maps": (
        lambda m: m["tables"]["maps"].append(
            dict(m["tables"]["maps"][0], id=50, title="Autre", is_current=True)
        ),
        "cartes",
    ),
    "photo is a video": (
        lambda m: m["tables"]["places"][0].__setitem__("photo_id", video_row(m)["id"]),
        "la photo d'un lieu doit être une image",
    ),
    "no id": (lambda m: m["tables"]["pages"][0].pop("id"), "colonne id absente"),
    "size lies": (
        lambda m: video_row(m).__setitem__("size_bytes", video_row(m)["size_bytes"] + 1),
        "colonne path : le fichier du lot n'a pas la taille",
    ),
    "path of another file": (
        lambda m: video_row(m).__setitem__("path", "videos/autre.mp4"),
        "colonne path : fichier absent du lot et du catalogue",
    ),
    "boolean as number": (set_column("places", "published", 1), "colonne published"),
    "latitude out of range": (set_column("places", "latitude", 91.5), "hors limites"),
    "rows not a list": (lambda m: m["tables"].__setitem__("pages", {"a": 1}), "mal formée"),
    "format true": (lambda m: m.__setitem__("format_version", True), "format de lot « True »"),
    # Ids near the gate's ceiling: the next row the kiosk adds would be refused by the gate.
    "id near the ceiling": (set_column("pages", "id", 2**53 - 1), "identifiant trop grand"),
}


@pytest.mark.parametrize("case", sorted(ROW_CASES))
def test_a_bad_row_is_refused_in_one_line_naming_it(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    bundle_zip: Path,
    tmp_path: Path,
    case: str,
) -> None:
    change, expected = ROW_CASES[case]
    bad = tampered(bundle_zip, tmp_path, change)
    before = snapshot(sample_catalogue, content_root)
    for replace in (False, True):
        with pytest.raises(BundleError) as caught:
            import_bundle(sample_catalogue, content_root, bad, replace=replace)
        message = str(caught.value)
        assert expected in message, message
        assert "\n" not in message and "\x1b" not in message
    assert snapshot(sample_catalogue, content_root) == before


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'"duration_s": Infinity', "Infinity interdit"),
        (b'"duration_s": NaN', "NaN interdit"),
        (b'"duration_s": -Infinity', "Infinity interdit"),
        (b'"duration_s": 1e999', "trop grand"),
    ],
)
def test_non_finite_numbers_are_refused_when_the_manifest_is_read(
    bundle_zip: Path,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    raw: bytes,
    expected: str,
) -> None:
    manifest, entries = good_parts(bundle_zip)
    text = json.dumps(manifest).encode()
    duration = f'"duration_s": {json.dumps(video_row(manifest)["duration_s"])}'.encode()
    assert duration in text
    entries[MANIFEST_NAME] = text.replace(duration, raw, 1)
    bad = write_zip(tmp_path / "inf.zip", list(entries.items()))
    with pytest.raises(BundleError, match=f"manifeste illisible.*{expected}"):
        import_bundle(other_catalogue, other_root, bad)


def test_a_manifest_nested_50000_deep_is_a_clear_refusal(
    bundle_zip: Path, other_catalogue: Catalogue, other_root: ContentRoot, tmp_path: Path
) -> None:
    manifest, entries = good_parts(bundle_zip)
    text = json.dumps(manifest)
    entries[MANIFEST_NAME] = (text[:-1] + ', "deep": ' + "[" * 50_000 + "]" * 50_000 + "}").encode()
    bad = write_zip(tmp_path / "deep.zip", list(entries.items()))
    with pytest.raises(BundleError, match="imbrication trop profonde"):
        import_bundle(other_catalogue, other_root, bad)
    # Deep inside a value, where the rows are: refused as well, by the JSON reader.
    video_row(manifest)["title"] = "x"
    text = json.dumps(manifest).replace('"title": "x"', '"title": ' + "[" * 50_000 + "]" * 50_000)
    entries[MANIFEST_NAME] = text.encode()
    bad = write_zip(tmp_path / "deep2.zip", list(entries.items()))
    with pytest.raises(BundleError, match="imbrication trop profonde"):
        import_bundle(other_catalogue, other_root, bad)


# --- settings scope ---------------------------------------------------------------------------


def machine_state(catalogue: Catalogue) -> dict[str, str]:
    from sqlalchemy import select

    from kiosk.library.settings import MACHINE_KEYS
    from kiosk.store.models import Setting

    with catalogue.session() as session:
        return {
            row.key: row.value
            for row in session.scalars(select(Setting))
            if row.key in MACHINE_KEYS
        }


@pytest.fixture
def hall(sample_catalogue: Catalogue) -> Catalogue:
    """The sample content on a hall open only on Wednesdays, with a PIN and a lockout row."""
    from kiosk.library import pin, settings
    from kiosk.store.models import Setting

    settings.save(
        sample_catalogue,
        opening_hours={"wed": ["10:00", "18:00"]},
        volume=12,
        rotation=90,
        idle_timeout_s=45,
        autoplay_interval_s=11,
        attract_drawings=False,
    )
    pin.set_pin(sample_catalogue, "4821")
    with sample_catalogue.session() as session:
        session.add(Setting(key="staff_pin_lockout", value='{"failures": 3}'))
    return sample_catalogue


def test_export_never_writes_machine_settings(
    hall: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    from kiosk.library.settings import CONTENT_KEYS

    bundle = export_bundle(hall, content_root, tmp_path / "lot.zip").path
    manifest = manifest_of(entries_of(bundle))
    keys = {row["key"] for row in manifest["tables"]["settings"]}
    assert keys == {"autoplay_interval_s", "attract_drawings"}
    assert keys <= CONTENT_KEYS
    text = entries_of(bundle)[MANIFEST_NAME].decode()
    assert "opening_hours" not in text and "staff_pin" not in text and "rotation" not in text


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("opening_hours", '{"wed": ["10:00", "18:00"]}'),
        ("volume", "0"),
        ("staff_pin", '"scrypt$x"'),
        ("staff_pin_lockout", '{"failures": 0}'),
        ("mystery", "1"),
    ],
)
def test_a_v2_bundle_with_a_machine_or_unknown_setting_is_refused(
    bundle_zip: Path,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    key: str,
    value: str,
) -> None:
    def change(manifest: dict[str, Any]) -> None:
        manifest["tables"]["settings"].append({"key": key, "value": value})

    bad = tampered(bundle_zip, tmp_path, change)
    with pytest.raises(BundleError, match=f"table settings, ligne « {key} » : réglage {key}"):
        import_bundle(other_catalogue, other_root, bad)


def test_a_bad_content_setting_value_is_refused(
    bundle_zip: Path, other_catalogue: Catalogue, other_root: ContentRoot, tmp_path: Path
) -> None:
    def change(manifest: dict[str, Any]) -> None:
        manifest["tables"]["settings"].append({"key": "autoplay_interval_s", "value": "9999"})

    with pytest.raises(BundleError, match="autoplay_interval_s : entre 3 et 120"):
        import_bundle(other_catalogue, other_root, tampered(bundle_zip, tmp_path, change))


@pytest.mark.parametrize("replace", [False, True])
def test_a_v1_bundle_has_its_machine_settings_dropped_and_the_plan_says_so(
    hall: Catalogue,
    content_root: ContentRoot,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    replace: bool,
) -> None:
    from kiosk.library import pin, settings

    bundle = export_bundle(hall, content_root, tmp_path / "hall.zip").path

    def as_v1(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = 1
        manifest["tables"]["settings"] += [
            {"key": "opening_hours", "value": '{"wed": ["10:00", "18:00"]}'},
            {"key": "volume", "value": "12"},
            {"key": "staff_pin_lockout", "value": '{"failures": 3}'},
        ]

    old = tampered(bundle, tmp_path, as_v1, name="ancien.zip")
    settings.save(other_catalogue, volume=70, closed_display="blank")
    pin.set_pin(other_catalogue, "1357")
    stand_machine = machine_state(other_catalogue)
    summary = import_bundle(other_catalogue, other_root, old, replace=replace)
    assert summary.applied
    (note,) = summary.plan.notes
    assert "format 1" in note and "opening_hours, staff_pin_lockout, volume" in note
    assert machine_state(other_catalogue) == stand_machine
    loaded = settings.load(other_catalogue)
    assert loaded.opening_hours == {} and loaded.volume == 70 and loaded.rotation == 0
    assert loaded.autoplay_interval_s == 11 and loaded.attract_drawings is False
    assert pin.check_pin(other_catalogue, "1357")


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_never_changes_this_kiosks_machine_settings(
    hall: Catalogue,
    content_root: ContentRoot,
    other_catalogue: Catalogue,
    other_root: ContentRoot,
    tmp_path: Path,
    replace: bool,
) -> None:
    from kiosk.library import settings

    settings.save(other_catalogue, volume=70, idle_timeout_s=300)
    before = machine_state(other_catalogue)
    bundle = export_bundle(hall, content_root, tmp_path / "hall.zip").path
    import_bundle(other_catalogue, other_root, bundle, replace=replace)
    assert machine_state(other_catalogue) == before
    # And back: the stand's content into the hall leaves the hall's PIN and hours.
    hall_before = machine_state(hall)
    stand = export_bundle(other_catalogue, other_root, tmp_path / "stand.tar").path
    import_bundle(hall, content_root, stand, replace=True)
    assert machine_state(hall) == hall_before


# --- dry run, defence in depth ----------------------------------------------------------------


@pytest.mark.parametrize("exists", [True, False])
def test_a_dry_run_into_an_empty_or_new_folder_creates_nothing(
    bundle_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], exists: bool
) -> None:
    from kiosk.cli import main

    home = tmp_path / "vide"
    if exists:
        home.mkdir()
    assert main(["--home", str(home), "bundle", "import", str(bundle_zip), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "lieu « Le Mazier »" in out and "rien n'a été modifié" in out
    assert (list(home.iterdir()) if exists else home.exists()) in ([], False)
    assert not list(bundle_zip.parent.glob(".*"))


def test_a_dry_run_over_a_catalogue_leaves_every_byte(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    bundle_zip: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kiosk.cli import main

    sample_catalogue.close()
    before = {p: p.read_bytes() for p in content_root.home.rglob("*") if p.is_file()}
    names = sorted(p.name for p in content_root.home.rglob("*"))
    args = ["--home", str(content_root.home), "bundle", "import", str(bundle_zip), "--dry-run"]
    assert main(args) == 0
    assert "Fichiers à copier : 0" in capsys.readouterr().out
    assert sorted(p.name for p in content_root.home.rglob("*")) == names  # no -wal, no log
    assert {p: p.read_bytes() for p in before} == before


def test_the_dry_run_plan_never_prints_an_escape_sequence(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    bundle_zip: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A local name older than the gate, with a terminal escape, is printed escaped."""
    import sqlite3

    from kiosk.cli import main

    sample_catalogue.close()
    with sqlite3.connect(content_root.db_path) as connection:
        connection.execute(
            "INSERT INTO places (slug, name, description, sort_order, published, updated_at)"
            " VALUES ('local', ?, '', 0, 1, '2024-01-01 00:00:00')",
            ("\x1b[2J\x1b[1;1HTout va bien",),
        )
    connection.close()
    args = ["--home", str(content_root.home), "bundle", "import", str(bundle_zip), "--dry-run"]
    assert main([*args, "--replace"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b[2J" in out


def poison(root: ContentRoot, subtitles: str) -> None:
    """What a bundle could do before the gate: a row naming any path, written as it was."""
    import sqlite3

    with sqlite3.connect(root.db_path) as connection:
        connection.execute(
            "UPDATE media_assets SET subtitles_path = ? WHERE kind = 'video'", (subtitles,)
        )
    connection.close()


@pytest.mark.parametrize("subtitles", ["data.db", "../outside.txt", "/etc/hostname"])
def test_a_poisoned_catalogue_is_never_followed(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    bundle_zip: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    subtitles: str,
) -> None:
    from kiosk.cli import main
    from kiosk.library.health import Code, check

    outside = content_root.home.parent / "outside.txt"
    outside.write_text("à ne pas toucher")
    sample_catalogue.close()
    poison(content_root, subtitles)
    home = ["--home", str(content_root.home)]
    db_bytes = content_root.db_path.read_bytes()
    # Export refuses, naming the row, and reads nothing outside the media folders.
    assert main([*home, "bundle", "export", str(tmp_path / "fuite.tar")]) == 1
    out = capsys.readouterr().out
    assert "colonne subtitles_path" in out and not (tmp_path / "fuite.tar").exists()
    # kiosk check reports it, in French, and follows nothing.
    assert main([*home, "check"]) == 1
    assert "hors des dossiers de médias" in capsys.readouterr().out
    reopened = Catalogue(content_root.db_path)
    try:
        assert check(reopened, content_root, probe=False).of(Code.UNSAFE_PATH)
    finally:
        reopened.close()
    # An honest import after it (replace: the poisoned row goes) trashes nothing of it.
    assert main([*home, "bundle", "import", str(bundle_zip), "--replace"]) == 0
    capsys.readouterr()
    assert content_root.db_path.is_file() and outside.read_text() == "à ne pas toucher"
    assert not list((content_root.home / "trash").rglob("data.db"))
    assert not list((content_root.home / "trash").rglob("*outside*"))
    # kiosk media remove of a poisoned video: its row goes, data.db stays.
    poison(content_root, subtitles)
    reopened = Catalogue(content_root.db_path)
    try:
        from sqlalchemy import select

        from kiosk.store.models import MediaAsset, MediaKind

        with reopened.session() as session:
            ids = list(
                session.scalars(select(MediaAsset.id).where(MediaAsset.kind == MediaKind.VIDEO))
            )
    finally:
        reopened.close()
    for media_id in ids:
        assert main([*home, "media", "remove", str(media_id), "--yes"]) == 0
    capsys.readouterr()
    assert len(list((content_root.home / "trash").rglob("*.mp4"))) >= len(ids) > 0
    assert content_root.db_path.is_file() and outside.read_text() == "à ne pas toucher"
    assert not list((content_root.home / "trash").rglob("data.db"))
    assert len(db_bytes) > 0
