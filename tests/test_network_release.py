"""Releases of the network of kiosks, without Syncthing: publish on kiosk A, copy the
publication folder to kiosk B (standing in for Syncthing), apply on B. Real catalogues, real
images and clips; every refusal leaves B exactly as it was."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import ContentRoot
from kiosk.library import settings
from kiosk.library.bundles import CONTENT_TABLES, dump_rows
from kiosk.library.network.apply import Outcome, apply_waiting, rollback
from kiosk.library.network.keys import (
    create_keys,
    fingerprint_of,
    load_private_key,
    load_trusted_keys,
    private_key_path,
    public_key_text,
    trust_key,
)
from kiosk.library.network.media_pool import list_releases, pool_files, release_dir
from kiosk.library.network.publish import publish
from kiosk.library.network.release import (
    NetworkError,
    build_manifest,
    new_release_id,
    signature_text,
)
from kiosk.library.network.state import load_state
from kiosk.store.database import Catalogue, current_revision
from kiosk.store.models import Place
from tests.test_bundles import snapshot

NETWORK = "Tiers-lieux de l'Allier"


def sync(source: Path, target: Path, *, skip: frozenset[str] | set[str] = frozenset()) -> None:
    """What Syncthing does between two members, all at once (``skip``: files not arrived)."""
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source).as_posix()
        if path.is_file() and relative not in skip:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)


@pytest.fixture
def kiosk_b(tmp_path: Path) -> Iterator[tuple[ContentRoot, Catalogue]]:
    root = ContentRoot(tmp_path / "kiosk-b")
    root.home.mkdir()
    root.ensure_folders()
    catalogue = Catalogue(root.db_path)
    yield root, catalogue
    catalogue.close()


@pytest.fixture
def network(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    kiosk_b: tuple[ContentRoot, Catalogue],
    tmp_path: Path,
) -> dict[str, Any]:
    """Kiosk A (the publisher, the sample catalogue) and kiosk B (which trusts A's key)."""
    create_keys(content_root)
    key = load_private_key(content_root)
    root_b, catalogue_b = kiosk_b
    trust_key(root_b, public_key_text(key))
    return {
        "root_a": content_root,
        "cat_a": sample_catalogue,
        "root_b": root_b,
        "cat_b": catalogue_b,
        "key": key,
        "pub_a": tmp_path / "pub-a",
        "pub_b": tmp_path / "pub-b",
    }


def publish_a(net: dict[str, Any]) -> str:
    return publish(net["root_a"], net["cat_a"], net["pub_a"], net["key"], network=NETWORK)


def apply_b(net: dict[str, Any], idle: Any = True, kiosk: str = "b") -> Any:
    root = net[f"root_{kiosk}"]
    return apply_waiting(
        root,
        net[f"cat_{kiosk}"],
        net[f"pub_{kiosk}"],
        load_trusted_keys(root),
        idle,
        network=NETWORK,
    )


def rename_place(catalogue: Catalogue, slug: str, name: str) -> None:
    with catalogue.session() as session:
        place = session.query(Place).filter_by(slug=slug).one()
        place.name = name


# --- keys --------------------------------------------------------------------------------------


def test_keys_private_key_is_private_and_fingerprint_is_short(content_root: ContentRoot) -> None:
    fingerprint = create_keys(content_root)
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", fingerprint)
    assert private_key_path(content_root).stat().st_mode & 0o777 == 0o600
    key = load_private_key(content_root)
    assert fingerprint_of(public_key_text(key)) == fingerprint
    # A second create keeps the key the others trust.
    assert create_keys(content_root) == fingerprint
    assert [k.fingerprint for k in load_trusted_keys(content_root)] == [fingerprint]


def test_release_ids_always_sort_after_the_previous_ones() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 1, 13, 0, 0, tzinfo=UTC)
    first = new_release_id([], moment)
    second = new_release_id([first], moment)
    back_in_time = new_release_id([second], datetime(2020, 1, 1, tzinfo=UTC))
    assert first < second < back_in_time
    assert first == "20261201T130000Z-0001" and second.endswith("-0002")


# --- publish and apply -------------------------------------------------------------------------


def add_subtitles(catalogue: Catalogue, root: ContentRoot) -> None:
    from kiosk.store.models import MediaAsset, MediaRole
    from tests.media_factory import write_srt

    with catalogue.session() as session:
        vignette = session.query(MediaAsset).filter_by(role=MediaRole.VIGNETTE).one()
        srt = write_srt(root.home / (vignette.path + ".srt"), [(0.0, 0.3, "Bonjour")])
        vignette.subtitles_path = root.relative(srt)


def test_published_on_a_is_applied_on_b_with_the_same_rows_and_bytes(
    network: dict[str, Any],
) -> None:
    add_subtitles(network["cat_a"], network["root_a"])
    release = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.APPLIED and result.release == release
    assert result.files_copied == 7  # 4 images, 2 clips, 1 subtitles file
    rows_a, files_a = snapshot(network["cat_a"], network["root_a"])
    rows_b, files_b = snapshot(network["cat_b"], network["root_b"])
    assert rows_b == rows_a
    assert files_b == files_a and any(name.endswith(".srt") for name in files_b)
    assert load_state(network["root_b"]).applied == release
    # Nothing newer: nothing happens.
    assert apply_b(network).outcome is Outcome.NOTHING_NEW


def test_a_tampered_manifest_is_refused_and_b_is_unchanged(network: dict[str, Any]) -> None:
    release = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    manifest = release_dir(network["pub_b"], release) / "manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b"La MAGIC", b"La MAGIE"))
    before = snapshot(network["cat_b"], network["root_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED
    assert result.reason is not None and "signature fausse" in result.reason
    assert snapshot(network["cat_b"], network["root_b"]) == before
    state = load_state(network["root_b"])
    assert state.applied is None and "signature fausse" in state.refused[release]


def test_an_unsigned_release_is_refused(network: dict[str, Any]) -> None:
    release = publish_a(network)
    sync(network["pub_a"], network["pub_b"], skip={f"releases/{release}/manifest.sig"})
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED and "non signée" in (result.reason or "")
    with network["cat_b"].session() as session:
        assert dump_rows(session)["places"] == []


def test_a_release_signed_by_an_unknown_key_is_refused(
    network: dict[str, Any], tmp_path: Path
) -> None:
    stranger = ContentRoot(tmp_path / "stranger")
    stranger.home.mkdir()
    create_keys(stranger)
    trust_key(network["root_a"], public_key_text(load_private_key(stranger)))
    publish(
        network["root_a"],
        network["cat_a"],
        network["pub_a"],
        load_private_key(stranger),
        network=NETWORK,
    )
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED and "clé inconnue" in (result.reason or "")
    assert load_state(network["root_b"]).applied is None


def test_missing_media_waits_then_applies_once_it_arrives(network: dict[str, Any]) -> None:
    publish_a(network)
    pool = [p.relative_to(network["pub_a"]).as_posix() for p in pool_files(network["pub_a"])]
    biggest = max(pool, key=lambda name: (network["pub_a"] / name).stat().st_size)
    sync(network["pub_a"], network["pub_b"], skip={biggest})
    result = apply_b(network)
    assert result.outcome is Outcome.WAITING
    assert "1 fichier(s) pas encore arrivé(s)" in (result.reason or "")
    assert load_state(network["root_b"]).waiting_reason == result.reason
    with network["cat_b"].session() as session:
        assert dump_rows(session)["media_assets"] == []
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).outcome is Outcome.APPLIED
    assert load_state(network["root_b"]).waiting is None


def test_a_damaged_media_in_the_pool_is_refused(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    victim = pool_files(network["pub_b"])[0]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    before = snapshot(network["cat_b"], network["root_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED and "altéré" in (result.reason or "")
    assert snapshot(network["cat_b"], network["root_b"]) == before


def test_during_a_visit_the_release_waits(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network, idle=False)
    assert result.outcome is Outcome.WAITING and "visite" in (result.reason or "")
    # A visit that begins while the files are being copied: still nothing changes.
    answers = iter([True, False])
    result = apply_b(network, idle=lambda: next(answers))
    assert result.outcome is Outcome.WAITING
    with network["cat_b"].session() as session:
        assert dump_rows(session)["places"] == []
    assert not list(network["root_b"].videos_dir.iterdir())
    assert apply_b(network, idle=lambda: True).outcome is Outcome.APPLIED


def test_rollback_restores_the_previous_release_exactly(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    apply_b(network)
    first = snapshot(network["cat_b"], network["root_b"])
    # The second release renames a place and drops the film (its file leaves videos/ on B).
    rename_place(network["cat_a"], "la-magic", "La MAGIC de Moulins")
    with network["cat_a"].session() as session:
        from kiosk.store.models import MediaAsset, MediaRole

        film = session.query(MediaAsset).filter_by(role=MediaRole.AFTERMOVIE).one()
        session.delete(film)
    second = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).outcome is Outcome.APPLIED
    assert snapshot(network["cat_b"], network["root_b"]) != first
    previous = rollback(network["root_b"], network["cat_b"])
    assert previous != second
    assert snapshot(network["cat_b"], network["root_b"]) == first
    # The release left aside is not applied again; only a newer one would be.
    assert apply_b(network).outcome is Outcome.NOTHING_NEW
    with pytest.raises(NetworkError):
        rollback(network["root_b"], network["cat_b"])


def test_a_release_changing_one_place_adds_no_media_to_the_pool(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    apply_b(network)

    def pool_bytes() -> tuple[int, int]:
        files = pool_files(network["pub_a"])
        return len(files), sum(path.stat().st_size for path in files)

    before = pool_bytes()
    rename_place(network["cat_a"], "le-mazier", "Le Mazier, lieu ressource")
    publish_a(network)
    assert pool_bytes() == before and before[0] == 6
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.APPLIED
    assert result.files_copied == 0 and result.bytes_copied == 0
    assert "lieu « Le Mazier, lieu ressource »" in result.plan.changed


def test_machine_settings_are_never_overwritten(network: dict[str, Any]) -> None:
    settings.save(network["cat_a"], volume=90, autoplay_interval_s=20, opening_hours={})
    settings.save(network["cat_b"], volume=33, rotation=90)
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).outcome is Outcome.APPLIED
    applied = settings.load(network["cat_b"])
    assert (applied.volume, applied.rotation, applied.autoplay_interval_s) == (33, 90, 20)


def test_a_signed_release_carrying_a_machine_setting_is_refused(network: dict[str, Any]) -> None:
    """Even signed by a trusted key (a publisher's bug), the gate refuses a machine setting."""
    settings.save(network["cat_b"], volume=33)
    tables: dict[str, list[Any]] = {name: [] for name in CONTENT_TABLES}
    tables["settings"] = [{"key": "volume", "value": "100"}]
    forge_release(network, new_release_id(list_releases(network["pub_a"])), tables=tables)
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED and "volume" in (result.reason or "")
    assert settings.load(network["cat_b"]).volume == 33


def test_an_old_good_release_is_applied_when_the_newest_is_bad(network: dict[str, Any]) -> None:
    first = publish_a(network)
    rename_place(network["cat_a"], "la-magic", "La MAGIC 2")
    second = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    signature = release_dir(network["pub_b"], second) / "manifest.sig"
    signature.write_bytes(signature_text(bytes(64)))
    result = apply_b(network)
    assert result.outcome is Outcome.APPLIED and result.release == first
    assert second in result.refused
    state = json.loads((network["root_b"].home / "network" / "state.json").read_text())
    assert state["applied"] == first and second in state["refused"]


def test_only_the_last_releases_are_kept_for_rollback(network: dict[str, Any]) -> None:
    from kiosk.library.network.history import KEEP, applied_dir, kept_media

    first_media = [
        m["sha256"] for m in snapshot(network["cat_a"], network["root_a"])[0]["media_assets"]
    ]
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    apply_b(network)
    with network["cat_a"].session() as session:
        from kiosk.store.models import MediaAsset, MediaRole

        session.delete(session.query(MediaAsset).filter_by(role=MediaRole.AFTERMOVIE).one())
    film_sha = next(
        sha
        for sha in first_media
        if sha
        not in {
            m["sha256"] for m in snapshot(network["cat_a"], network["root_a"])[0]["media_assets"]
        }
    )
    assert kept_media(network["root_b"], film_sha).is_file()
    for index in range(KEEP):
        rename_place(network["cat_a"], "la-magic", f"La MAGIC {index}")
        publish_a(network)
        sync(network["pub_a"], network["pub_b"])
        assert apply_b(network).outcome is Outcome.APPLIED
    state = load_state(network["root_b"])
    assert len(state.history) == KEEP
    assert not applied_dir(network["root_b"], list_releases(network["pub_b"])[0]).exists()
    # The film was only in the release no longer kept: its copy is gone.
    assert not kept_media(network["root_b"], film_sha).exists()


def two_releases_applied(net: dict[str, Any], new_name: str) -> str:
    """A publishes, B applies; A renames a place and publishes again, B gets it (not applied
    yet). Returns the first release."""
    first = publish_a(net)
    sync(net["pub_a"], net["pub_b"])
    apply_b(net)
    rename_place(net["cat_a"], "la-magic", new_name)
    publish_a(net)
    sync(net["pub_a"], net["pub_b"])
    return first


def test_an_old_release_copied_under_a_newer_name_is_refused(network: dict[str, Any]) -> None:
    """A replay: the signature is good, but the manifest names another release."""
    old = two_releases_applied(network, "La MAGIC nouvelle")
    replay = new_release_id(list_releases(network["pub_b"]))
    shutil.copytree(release_dir(network["pub_b"], old), release_dir(network["pub_b"], replay))
    result = apply_b(network)
    # The replay is refused; the good newer release under it is applied.
    assert result.outcome is Outcome.APPLIED and result.release != replay
    assert "le manifeste se dit" in result.refused[replay]
    with network["cat_b"].session() as session:
        names = {place["name"] for place in dump_rows(session)["places"]}
    assert "La MAGIC nouvelle" in names


def test_a_release_of_another_network_is_refused(network: dict[str, Any]) -> None:
    publish(network["root_a"], network["cat_a"], network["pub_a"], network["key"], network="Autre")
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED and "autre réseau" in (result.reason or "")
    assert load_state(network["root_b"]).applied is None


def test_what_an_interrupted_publication_left_is_removed_at_start(
    network: dict[str, Any],
) -> None:
    from kiosk.library.leftovers import remove_interrupted_work
    from kiosk.library.network.state import network_dir

    publication = network_dir(network["root_a"]) / "publication"
    publish(network["root_a"], network["cat_a"], publication, network["key"], network=NETWORK)
    kept = sorted(p for p in publication.rglob("*") if p.is_file())
    half = publication / "releases" / ".partial-20261201T130000Z-0009-abcd1234"
    half.mkdir()
    (half / "manifest.json").write_bytes(b"{")
    partial_media = publication / "media" / "ab" / ".partial-ab12-0000"
    partial_media.parent.mkdir(parents=True, exist_ok=True)
    partial_media.write_bytes(b"half")
    removed = remove_interrupted_work(network["root_a"])
    assert half in removed and partial_media in removed
    assert not half.exists() and not partial_media.exists()
    assert sorted(p for p in publication.rglob("*") if p.is_file()) == kept


def test_publish_refuses_to_repeat_itself_or_to_undo_another_publisher(
    network: dict[str, Any], tmp_path: Path
) -> None:
    from kiosk.library.network.publish import NewerReleaseError, NothingToPublishError

    first = publish_a(network)
    with pytest.raises(NothingToPublishError, match=first):
        publish_a(network)
    # Kiosk B publishes too (a second publisher A trusts), from what it applied plus a change.
    sync(network["pub_a"], network["pub_b"])
    apply_b(network)
    create_keys(network["root_b"])
    key_b = load_private_key(network["root_b"])
    trust_key(network["root_a"], public_key_text(key_b))
    rename_place(network["cat_b"], "la-magic", "La MAGIC vue de B")
    from_b = publish(network["root_b"], network["cat_b"], network["pub_b"], key_b, network=NETWORK)
    sync(network["pub_b"], network["pub_a"])
    rename_place(network["cat_a"], "le-mazier", "Le Mazier vu de A")
    with pytest.raises(NewerReleaseError, match=from_b):
        publish_a(network)
    assert list_releases(network["pub_a"]) == [first, from_b]
    result = apply_b(network, kiosk="a")
    assert result.outcome is Outcome.APPLIED and result.release == from_b
    with pytest.raises(NothingToPublishError):
        publish_a(network)


def test_keys_refuse_what_is_not_an_ed25519_public_key(content_root: ContentRoot) -> None:
    from kiosk.library.network.keys import NetworkKeyError, keys_dir

    for text in ("", "ssh-ed25519 AAAA", "ed25519:pas-du-base64", "ed25519:" + "QUJD" * 4):
        with pytest.raises(NetworkKeyError):
            trust_key(content_root, text)
    assert load_trusted_keys(content_root) == []
    create_keys(content_root)
    good = load_trusted_keys(content_root)[0].text
    (keys_dir(content_root) / "trusted.json").write_text(
        json.dumps({"keys": ["ed25519:???", 42, good]}), encoding="utf-8"
    )
    assert [key.text for key in load_trusted_keys(content_root)] == [good]
    private_key_path(content_root).chmod(0o644)
    load_private_key(content_root)
    assert private_key_path(content_root).stat().st_mode & 0o777 == 0o600


def test_a_catalogue_the_gate_refuses_is_never_published(network: dict[str, Any]) -> None:
    """A row written before the gate existed (straight into SQLite) stops the publication."""
    import sqlite3

    with sqlite3.connect(network["root_a"].db_path) as connection:
        connection.execute(
            "UPDATE places SET name = ? WHERE slug = 'la-magic'", ("La MAGIC\x1b[2J",)
        )
    with pytest.raises(NetworkError, match="places"):
        publish_a(network)
    assert list_releases(network["pub_a"]) == [] and pool_files(network["pub_a"]) == []


def test_after_a_rollback_the_publisher_may_publish_the_older_content_again(
    network: dict[str, Any],
) -> None:
    from kiosk.library.network.publish import NothingToPublishError

    publish_a(network)
    rename_place(network["cat_a"], "la-magic", "La MAGIC (erreur)")
    mistaken = publish_a(network)
    rollback(network["root_a"], network["cat_a"])
    again = publish_a(network)  # neither "nothing changed" nor "a newer release waits"
    assert again > mistaken
    with pytest.raises(NothingToPublishError):
        publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).release == again
    with network["cat_b"].session() as session:
        assert "La MAGIC" in {p["name"] for p in dump_rows(session)["places"]}


# --- releases dated in the future (attack review #1) -------------------------------------------


def forge_release(
    net: dict[str, Any],
    release: str,
    folder_key: str = "pub_b",
    tables: dict[str, list[Any]] | None = None,
) -> None:
    """A release signed with A's key under the id ``release`` (default: an empty catalogue)."""
    if tables is None:
        tables = {name: [] for name in CONTENT_TABLES}
    manifest = build_manifest(
        release=release,
        network=NETWORK,
        publisher=fingerprint_of(net["key"]),
        schema=str(current_revision(net["cat_a"].engine)),
        kiosk_version="test",
        files=[],
        tables=tables,
    )
    folder = release_dir(net[folder_key], release)
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "manifest.sig").write_bytes(signature_text(net["key"].sign(manifest)))


def test_a_far_future_release_never_freezes_a_member(network: dict[str, Any]) -> None:
    from kiosk.library.network.state import save_state

    future = "99991231T235959Z-9999"
    forge_release(network, future)
    first = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    result = apply_b(network)
    # The forged release is ignored (its reason recorded), the genuine one applied.
    assert result.outcome is Outcome.APPLIED and result.release == first
    assert "datée de plus d'un jour" in result.refused[future]
    assert "datée" in load_state(network["root_b"]).refused[future]
    # A member that applied (or rolled back from) such a release before the rule recovers.
    state = load_state(network["root_b"])
    state.applied = state.skip_through = future
    save_state(network["root_b"], state)
    rename_place(network["cat_a"], "la-magic", "La MAGIC après")
    second = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).release == second


def test_the_publisher_is_not_stopped_by_a_far_future_release(network: dict[str, Any]) -> None:
    from datetime import UTC, datetime

    forge_release(network, "99991231T235959Z-9999", "pub_a")
    release = publish_a(network)  # neither "newer release" nor an overflow
    assert release < "99991231T235959Z-9999"
    assert release[:4] == str(datetime.now(UTC).year)
    with pytest.raises(NetworkError, match="aucun identifiant"):
        new_release_id(["99991231T235959Z-9999"], datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))


def test_leaving_forgets_the_releases_set_aside(network: dict[str, Any]) -> None:
    from kiosk.library.network.state import forget_set_aside, save_state

    state = load_state(network["root_b"])
    state.applied, state.skip_through = "20261201T130000Z-0001", "20261201T140000Z-0001"
    state.refused = {"20261201T150000Z-0001": "x"}
    save_state(network["root_b"], state)
    forget_set_aside(network["root_b"])
    after = load_state(network["root_b"])
    assert after.applied == "20261201T130000Z-0001"
    assert after.skip_through is None and after.refused == {}


# --- links in the pool, shared inodes (attack review #2, #3) -----------------------------------


def test_a_link_in_the_pool_is_never_planted_in_the_media(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    pooled = pool_files(network["pub_b"])[0]
    outside = network["pub_b"].parent / "outside.bin"
    shutil.copyfile(pooled, outside)  # same bytes: only the link is wrong
    pooled.unlink()
    pooled.symlink_to(outside)
    result = apply_b(network)
    assert result.outcome is not Outcome.APPLIED
    media = [*network["root_b"].assets_dir.rglob("*"), *network["root_b"].videos_dir.rglob("*")]
    assert not any(path.is_symlink() for path in media)
    assert load_state(network["root_b"]).applied is None


def test_a_release_folder_that_is_a_link_is_left_aside(network: dict[str, Any]) -> None:
    release = publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    real = network["pub_b"].parent / "elsewhere"
    release_dir(network["pub_b"], release).rename(real)
    release_dir(network["pub_b"], release).symlink_to(real, target_is_directory=True)
    assert list_releases(network["pub_b"]) == []
    assert apply_b(network).outcome is Outcome.NOTHING_NEW


def test_a_later_write_into_the_pool_changes_nothing_visitors_see(
    network: dict[str, Any],
) -> None:
    import hashlib

    from kiosk.library.network.history import kept_media

    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).outcome is Outcome.APPLIED
    root_b = network["root_b"]
    pooled = pool_files(network["pub_b"])[0]
    sha = pooled.name
    applied = next(
        p
        for p in [*root_b.assets_dir.rglob("*"), *root_b.videos_dir.rglob("*")]
        if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == sha
    )
    assert applied.stat().st_ino != pooled.stat().st_ino
    assert kept_media(root_b, sha).stat().st_ino != pooled.stat().st_ino
    with pooled.open("r+b") as handle:  # in place, as a careless writer would
        handle.write(b"\0" * 16)
    assert hashlib.sha256(applied.read_bytes()).hexdigest() == sha
    assert hashlib.sha256(kept_media(root_b, sha).read_bytes()).hexdigest() == sha
    # On the publisher too, the pool holds copies, not its own media files.
    published = pool_files(network["pub_a"])[0]
    assert published.stat().st_nlink == 1


# --- huge unsigned manifests (attack review #6) ------------------------------------------------


def test_an_unsigned_manifest_is_never_parsed_and_not_read_again(
    network: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from kiosk.library.network import apply as apply_module
    from kiosk.library.network import release as release_module

    release = "20261201T130000Z-0001"
    folder = release_dir(network["pub_b"], release)
    folder.mkdir(parents=True)
    rows = [{"id": i, "name": "x" * 100} for i in range(20000)]  # about 3 MB of JSON
    manifest = json.dumps({"publisher": fingerprint_of(network["key"]), "tables": rows})
    (folder / "manifest.json").write_text(manifest, encoding="utf-8")
    (folder / "manifest.sig").write_bytes(signature_text(bytes(64)))
    parsed: list[int] = []
    reads: list[str] = []
    real_parse = release_module.parse_manifest_json  # type: ignore[attr-defined]
    real_read = apply_module.read_release_files  # type: ignore[attr-defined]

    def counted_parse(data: bytes) -> object:
        parsed.append(1)
        return real_parse(data)

    def counted_read(pub: Path, rel: str, limit: int) -> object:
        reads.append(rel)
        return real_read(pub, rel, limit)

    monkeypatch.setattr(release_module, "parse_manifest_json", counted_parse)
    monkeypatch.setattr(apply_module, "read_release_files", counted_read)
    first = apply_b(network)
    assert first.outcome is Outcome.REFUSED and "signature fausse" in (first.reason or "")
    assert parsed == [] and reads == [release]
    # The next round refuses it again without reading it; a changed file is read again.
    assert apply_b(network).reason == first.reason and reads == [release]
    os.utime(folder / "manifest.json", ns=(1, 1))
    assert apply_b(network).outcome is Outcome.REFUSED and reads == [release, release]


def test_a_manifest_over_16_mb_is_refused_unread(network: dict[str, Any]) -> None:
    release = "20261201T130000Z-0001"
    folder = release_dir(network["pub_b"], release)
    folder.mkdir(parents=True)
    with (folder / "manifest.json").open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: no 17 MB written
    (folder / "manifest.sig").write_bytes(signature_text(bytes(64)))
    result = apply_b(network)
    assert result.outcome is Outcome.REFUSED
    assert result.reason == f"manifeste trop grand ({17 * 1024 * 1024} octets)"


def test_the_publisher_replaces_a_pool_file_altered_in_place(network: dict[str, Any]) -> None:
    """Attack review #11: a pool file of the right size but other bytes is never published."""
    import hashlib

    publish_a(network)
    pooled = pool_files(network["pub_a"])[0]
    with pooled.open("r+b") as handle:
        handle.write(b"\0" * 16)
    assert hashlib.sha256(pooled.read_bytes()).hexdigest() != pooled.name
    rename_place(network["cat_a"], "la-magic", "La MAGIC réparée")
    publish_a(network)
    assert hashlib.sha256(pooled.read_bytes()).hexdigest() == pooled.name
    sync(network["pub_a"], network["pub_b"])
    assert apply_b(network).outcome is Outcome.APPLIED


def test_a_refused_rollback_says_so_in_one_sentence(network: dict[str, Any]) -> None:
    """Attack review #13: one full stop, and the refusal names the file list."""
    from kiosk.library.network.history import applied_dir

    first = two_releases_applied(network, "La MAGIC 2")
    apply_b(network)
    kept = applied_dir(network["root_b"], first) / "manifest.json"
    manifest = json.loads(kept.read_text(encoding="utf-8"))
    manifest["files"][0]["path"] = "../../etc/passwd"
    kept.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(NetworkError) as refused:
        rollback(network["root_b"], network["cat_b"])
    message = str(refused.value)
    assert message.endswith("rien n'a été modifié.") and not message.endswith("..")
    assert message.count("rien n'a été modifié") == 1
    assert "liste des fichiers : « ../../etc/passwd »" in message


def test_a_special_file_to_copy_is_never_read_and_makes_the_release_wait(tmp_path: Path) -> None:
    """Attack review #10: a FIFO (or a link) where a pool file should be is refused from its
    own status, without opening it for a blocking read; the release waits for the real file."""
    import os

    from kiosk.library.network.media_pool import NotRegularError, copy_verified

    fifo = tmp_path / "pool-file"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(fifo)
    for source in (fifo, link):
        with pytest.raises(NotRegularError):
            copy_verified(source, tmp_path / "out" / "copy", "0" * 64, 10, link=False)
    assert list((tmp_path / "out").iterdir()) == []  # no temporary left


def test_a_pool_folder_that_is_a_link_is_not_trusted(network: dict[str, Any]) -> None:
    publish_a(network)
    sync(network["pub_a"], network["pub_b"])
    shard = pool_files(network["pub_b"])[0].parent
    real = network["pub_b"].parent / "shard-elsewhere"
    shard.rename(real)
    shard.symlink_to(real, target_is_directory=True)
    result = apply_b(network)
    assert result.outcome is Outcome.WAITING and "pas encore arrivé" in (result.reason or "")
