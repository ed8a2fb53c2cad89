"""The network of kiosks end to end, with real Syncthing daemons on 127.0.0.1 only.

Three kiosk content roots in a temporary folder, each with its own Syncthing (own home, own free
ports on 127.0.0.1, every announce, relay, NAT traversal and report off, written before the first
start). Kiosk A creates the network and publishes; B and C join with A's join code and are
admitted by A's round. Releases travel through Syncthing; B and C apply them between visits. The
daemons are always stopped (a module fixture's finalizer), even when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.network import join_code, membership
from kiosk.library.network.apply import Outcome
from kiosk.library.network.keys import create_keys, fingerprint_of, load_private_key
from kiosk.library.network.media_pool import list_releases, release_dir
from kiosk.library.network.release import build_manifest, signature_text
from kiosk.library.network.rounds import network_round
from kiosk.library.network.state import network_dir
from kiosk.library.network.syncthing import (
    Reach,
    SyncthingProcess,
    free_port,
    generate,
    read_options,
    syncthing_home,
)
from kiosk.library.network.syncthing_api import SyncthingApi, wait_until
from kiosk.store.database import Catalogue
from kiosk.store.models import Place
from tests.test_bundles import snapshot

NETWORK = "Tiers-lieux de l'Allier"
SYNC_TIMEOUT = 60
# scripts/setup.sh installs Debian's syncthing; without it these tests cannot run at all.
needs_syncthing = pytest.mark.skipif(
    shutil.which("syncthing") is None, reason="syncthing is not installed (scripts/setup.sh)"
)

# What must hold in every kiosk's config.xml before its Syncthing first starts (tests).
PRIVATE_OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "urAccepted": "-1",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "startBrowser": "false",
}


def assert_private_config(home: Path) -> None:
    options = read_options(home)
    for name, value in PRIVATE_OPTIONS.items():
        assert options[name] == [value], name
    assert len(options["listenAddress"]) == 1
    assert options["listenAddress"][0].startswith("tcp://127.0.0.1:")
    assert options["gui.address"][0].startswith("127.0.0.1:")
    assert len(options["gui.apikey"][0]) >= 20


def assert_private_daemon(api: SyncthingApi) -> None:
    """What the running daemon says: the same choices, and peers on 127.0.0.1 only."""
    options = api.options()
    for name in ("globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled", "natEnabled"):
        assert options[name] is False, name
    assert options["urAccepted"] == -1 and options["crashReportingEnabled"] is False
    assert options["autoUpgradeIntervalH"] == 0
    assert all(address.startswith("tcp://127.0.0.1:") for address in options["listenAddresses"])
    for device, connection in api.connections()["connections"].items():
        if connection.get("connected"):
            assert connection["address"].startswith("127.0.0.1:"), (device, connection)


@needs_syncthing
def test_config_is_private_before_the_first_start(tmp_path: Path) -> None:
    home = tmp_path / "st"
    device = generate(
        home, reach=Reach.LOOPBACK, listen_port=free_port(), gui_port=free_port(), device_name="A"
    )
    assert len(device.split("-")) == 8
    assert_private_config(home)
    # Never started: no database yet.
    assert not any(path.name.startswith("index") for path in home.iterdir())
    # A LAN network announces on the LAN only: no discovery servers, relays, NAT or reports.
    lan = tmp_path / "lan"
    generate(lan, reach=Reach.LAN, listen_port=22000, gui_port=free_port(), device_name="B")
    options = read_options(lan)
    for name in ("globalAnnounceEnabled", "relaysEnabled", "natEnabled"):
        assert options[name] == ["false"]
    assert options["localAnnounceEnabled"] == ["true"]
    assert options["urAccepted"] == ["-1"] and options["autoUpgradeIntervalH"] == ["0"]
    assert options["gui.address"][0].startswith("127.0.0.1:")


def test_a_kiosk_that_never_joins_is_a_single_kiosk(
    sample_catalogue: Catalogue, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        network_round(content_root, sample_catalogue, visitor_idle=True, write_status=True) is None
    )
    assert main(["--home", str(content_root.home), "network", "status"]) == 1
    assert "aucun réseau" in capsys.readouterr().out
    assert not network_dir(content_root).exists()


# --- three kiosks --------------------------------------------------------------------------------


def make_big_clip(path: Path, seconds: float = 1.0) -> Path:
    """A real H.264 film of noise: it does not compress, so its size is easy to tell apart from
    a manifest's."""
    size, fps = (320, 240), 25
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for _ in range(int(seconds * fps)):
            picture = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
            container.mux(stream.encode(av.VideoFrame.from_image(picture)))
        container.mux(stream.encode())
    return path


def fill_catalogue(catalogue: Catalogue, root: ContentRoot, incoming: Path) -> int:
    """A map, a film of noise (returns its size), a place with it, another place."""
    from kiosk.library.importing import import_media
    from kiosk.store.models import MapImage, MediaRole
    from tests.media_factory import make_image

    incoming.mkdir()
    film = make_big_clip(incoming / "film.mp4")
    with catalogue.session() as session:
        map_asset = import_media(
            session, root, make_image(incoming / "map.png", (800, 600)), MediaRole.MAP
        )
        session.add(MapImage(image=map_asset, title="Carte", is_current=True))
        vignette = import_media(session, root, film, MediaRole.VIGNETTE, title="Le Mazier")
        session.add_all(
            [
                Place(slug="le-mazier", name="Le Mazier", map_x=0.5, map_y=0.4, video=vignette),
                Place(slug="la-magic", name="La MAGIC"),
            ]
        )
    return film.stat().st_size


@dataclass
class Kiosk:
    root: ContentRoot
    catalogue: Catalogue
    daemon: SyncthingProcess | None = None

    @property
    def api(self) -> SyncthingApi:
        assert self.daemon is not None
        return self.daemon.api

    @property
    def member(self) -> membership.Membership:
        found = membership.load_membership(self.root)
        assert found is not None
        return found

    def cli(self, *arguments: str) -> int:
        return main(["--home", str(self.root.home), "network", *arguments])

    def round(self, idle: Any = True) -> Any:
        report = network_round(self.root, self.catalogue, visitor_idle=idle, write_status=True)
        assert report is not None
        return report


@pytest.fixture(scope="module")
def kiosks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if shutil.which("syncthing") is None:
        pytest.skip("syncthing is not installed (scripts/setup.sh)")
    base = tmp_path_factory.mktemp("network")
    made: dict[str, Kiosk] = {}
    try:
        for name in "abc":
            root = ContentRoot(base / name)
            root.home.mkdir()
            root.ensure_folders()
            made[name] = Kiosk(root, Catalogue(root.db_path))
        a, b, c = made["a"], made["b"], made["c"]
        film_size = fill_catalogue(a.catalogue, a.root, base / "incoming")
        _member, code = membership.create(
            a.root, NETWORK, reach=Reach.LOOPBACK, kiosk=membership.ThisKiosk("Le Mazier")
        )
        for kiosk, name in ((b, "La Péniche"), (c, "Stand")):
            membership.join(
                kiosk.root,
                code.text(),
                kiosk=membership.ThisKiosk(name, "Allier"),
                reach=Reach.LOOPBACK,
            )
        for kiosk in made.values():
            assert_private_config(syncthing_home(kiosk.root))
            kiosk.daemon = SyncthingProcess(syncthing_home(kiosk.root))
            kiosk.daemon.start()
        # A admits the two kiosks that knocked with the invitation, in its rounds.
        admitted: list[str] = []

        def both_admitted() -> bool:
            admitted.extend(a.round().admitted)
            return len(admitted) == 2

        assert wait_until(both_admitted, SYNC_TIMEOUT, 1), admitted
        assert sorted(admitted) == ["La Péniche", "Stand"]
        for kiosk in (b, c):
            assert wait_until(partial(kiosk.api.connected, a.member.device_id), SYNC_TIMEOUT)
        for kiosk in made.values():
            assert_private_daemon(kiosk.api)
        yield {"a": a, "b": b, "c": c, "film_size": film_size, "code": code}
    finally:
        for kiosk in made.values():
            if kiosk.daemon is not None:
                kiosk.daemon.stop()
            kiosk.catalogue.close()


def synced(sender: Kiosk, receivers: list[Kiosk], folder: str, present: Path) -> None:
    """Wait until each receiver has ``folder`` complete and holds ``present`` (relative)."""
    sender.api.scan(folder)
    for kiosk in receivers:
        target = network_dir(kiosk.root) / present

        def arrived(k: Kiosk = kiosk, t: Path = target) -> bool:
            return t.exists() and k.api.progress(folder).complete

        assert wait_until(arrived, SYNC_TIMEOUT), f"{present} never reached {kiosk.root.home}"


def published(a: Kiosk, receivers: list[Kiosk]) -> str:
    assert a.cli("publish") == 0
    release = list_releases(membership.publication_dir(a.root))[-1]
    synced(a, receivers, a.member.publication_folder, Path("publication/releases") / release)
    return release


def test_a_release_reaches_every_member(kiosks: dict[str, Any]) -> None:
    a, b, c = kiosks["a"], kiosks["b"], kiosks["c"]
    release = published(a, [b, c])
    for kiosk in (b, c):
        report = kiosk.round()
        assert report.result.outcome is Outcome.APPLIED, report.result.reason
        assert snapshot(kiosk.catalogue, kiosk.root) == snapshot(a.catalogue, a.root)
        assert kiosk.round().result.outcome is Outcome.NOTHING_NEW
    # B's Syncthing received the publication: receive-only there, send-only on A.
    assert b.api.folders()[a.member.publication_folder]["type"] == "receiveonly"
    assert a.api.folders()[a.member.publication_folder]["type"] == "sendonly"
    status = json.loads((membership.status_dir(b.root) / f"{b.member.kiosk_id}.json").read_text())
    assert status["release_applied"] == release
    assert status["health"]["errors"] == 0  # the quick health check after the release


def test_a_release_changing_one_place_sends_no_video_again(kiosks: dict[str, Any]) -> None:
    a, b = kiosks["a"], kiosks["b"]
    with a.catalogue.session() as session:
        session.query(Place).filter_by(slug="la-magic").one().name = "La MAGIC, Montluçon"
    before = b.api.bytes_received()
    published(a, [b])
    received = b.api.bytes_received() - before
    assert b.round().result.outcome is Outcome.APPLIED
    with b.catalogue.session() as session:
        assert session.query(Place).filter_by(slug="la-magic").one().name == "La MAGIC, Montluçon"
    assert received < kiosks["film_size"] / 5, (received, kiosks["film_size"])


def test_a_release_arriving_during_a_visit_waits_for_the_attract_loop(
    kiosks: dict[str, Any],
) -> None:
    a, c = kiosks["a"], kiosks["c"]
    c.round()  # the release of the previous test, if it has arrived
    with a.catalogue.session() as session:
        session.query(Place).filter_by(slug="le-mazier").one().name = "Le Mazier (Bourbon)"
    release = published(a, [c])
    rows_before = snapshot(c.catalogue, c.root)
    waiting = c.round(idle=lambda: False)
    assert waiting.result.outcome is Outcome.WAITING
    assert snapshot(c.catalogue, c.root) == rows_before
    applied = c.round(idle=lambda: True)
    assert applied.result.outcome is Outcome.APPLIED and applied.result.release == release


def forge(a: Kiosk, change: Any, *, key: Any = None) -> str:
    """A new release in A's publication folder, made by hand from the newest one: ``change``
    edits its manifest; signed by ``key`` (None: the old signature kept: a tampered file)."""
    publication = membership.publication_dir(a.root)
    newest = list_releases(publication)[-1]
    manifest = json.loads((release_dir(publication, newest) / "manifest.json").read_bytes())
    stamp, _, counter = newest.rpartition("-")
    forged = f"{stamp}-{int(counter) + 50:04d}"
    manifest["release"] = forged
    if key is not None:
        manifest["publisher"] = fingerprint_of(key)
    change(manifest)
    data = build_manifest(
        release=forged,
        network=manifest["network"],
        publisher=manifest["publisher"],
        schema=manifest["schema"],
        kiosk_version=manifest["kiosk_version"],
        files=[(f["path"], f["size"], f["sha256"]) for f in manifest["files"]],
        tables=manifest["tables"],
    )
    folder = release_dir(publication, forged)
    folder.mkdir(parents=True)
    if key is None:
        shutil.copyfile(release_dir(publication, newest) / "manifest.sig", folder / "manifest.sig")
    else:
        (folder / "manifest.sig").write_bytes(signature_text(key.sign(data)))
    (folder / "manifest.json").write_bytes(data)
    return forged


def rename_in_manifest(name: str) -> Any:
    def change(manifest: dict[str, Any]) -> None:
        for row in manifest["tables"]["places"]:
            if row["slug"] == "la-magic":
                row["name"] = name

    return change


def test_tampered_unknown_key_and_missing_media_are_each_handled(
    kiosks: dict[str, Any], tmp_path: Path
) -> None:
    a, b = kiosks["a"], kiosks["b"]
    folder = a.member.publication_folder
    newest = list_releases(membership.publication_dir(a.root))[-1]
    synced(a, [b], folder, Path("publication/releases") / newest / "manifest.sig")
    b.round()
    before = snapshot(b.catalogue, b.root)

    tampered = forge(a, rename_in_manifest("Piraté"))
    synced(a, [b], folder, Path("publication/releases") / tampered / "manifest.sig")
    report = b.round()
    assert report.result.outcome is Outcome.REFUSED
    assert "signature fausse" in (report.result.reason or "")
    assert snapshot(b.catalogue, b.root) == before

    stranger = ContentRoot(tmp_path / "stranger")
    stranger.home.mkdir()
    create_keys(stranger)
    unknown = forge(a, rename_in_manifest("Inconnu"), key=load_private_key(stranger))
    synced(a, [b], folder, Path("publication/releases") / unknown / "manifest.sig")
    report = b.round()
    assert report.result.outcome is Outcome.REFUSED
    assert "clé inconnue" in report.result.refused.get(unknown, "")
    assert snapshot(b.catalogue, b.root) == before

    def lying_file_list(manifest: dict[str, Any]) -> None:
        rename_in_manifest("Sans son film")(manifest)
        manifest["files"][0]["sha256"] = "0" * 64

    lying = forge(a, lying_file_list, key=load_private_key(a.root))
    synced(a, [b], folder, Path("publication/releases") / lying / "manifest.sig")
    report = b.round()
    assert report.result.outcome is Outcome.REFUSED
    assert "empreinte" in report.result.refused.get(lying, "")
    assert snapshot(b.catalogue, b.root) == before
    # The status B sends says what it ignored.
    status = (membership.status_dir(b.root) / f"{b.member.kiosk_id}.json").read_text()
    assert tampered in status and unknown in status
    # The forgeries leave A's folder (A would not publish over releases it has not applied).
    for forged in (tampered, unknown, lying):
        shutil.rmtree(release_dir(membership.publication_dir(a.root), forged))


def test_a_release_whose_media_has_not_arrived_waits_for_it(
    kiosks: dict[str, Any], tmp_path: Path
) -> None:
    """Syncthing may bring a manifest before its files: the release waits, then applies."""
    from kiosk.library.importing import import_media
    from kiosk.library.network.media_pool import media_path
    from kiosk.store.models import MediaAsset, MediaRole
    from tests.media_factory import make_image

    a, b = kiosks["a"], kiosks["b"]
    incoming = tmp_path / "new"
    incoming.mkdir()
    with a.catalogue.session() as session:
        drawing = make_image(incoming / "note.png", (640, 480), "#884422")
        asset = import_media(session, a.root, drawing, MediaRole.DRAWING, title="Carnet")
        sha, path = asset.sha256, asset.path
    release = published(a, [b])
    pooled = media_path(membership.publication_dir(b.root), sha)
    assert pooled.is_file()
    before = snapshot(b.catalogue, b.root)
    pooled.unlink()  # as if it had not arrived yet
    report = b.round()
    assert report.result.outcome is Outcome.WAITING and report.result.release == release
    assert "pas encore arrivé" in (report.result.reason or "")
    assert snapshot(b.catalogue, b.root) == before
    # Syncthing brings it back (a receive-only folder reverted to what the publisher sends).
    b.api.scan(a.member.publication_folder)  # B's Syncthing sees the file gone, then reverts
    b.api.request("POST", "/rest/db/revert", folder=a.member.publication_folder)
    assert wait_until(pooled.is_file, SYNC_TIMEOUT)
    assert wait_until(lambda: b.api.progress(a.member.publication_folder).complete, SYNC_TIMEOUT)
    assert b.round().result.outcome is Outcome.APPLIED
    with b.catalogue.session() as session:
        assert session.query(MediaAsset).filter_by(sha256=sha).one().path == path
    assert b.root.absolute(path).read_bytes() == a.root.absolute(path).read_bytes()


def test_the_status_table_shows_every_member(
    kiosks: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = kiosks["a"], kiosks["b"], kiosks["c"]
    for kiosk in (a, b, c):
        kiosk.round()
    status_folder = a.member.status_folder
    for kiosk in (b, c):
        kiosk.api.scan(status_folder)
    a.api.scan(status_folder)

    def all_three(k: Kiosk = c) -> bool:
        return len(list(membership.status_dir(k.root).glob("*.json"))) == 3

    assert wait_until(all_three, SYNC_TIMEOUT)
    capsys.readouterr()
    assert c.cli("status") == 0
    table = capsys.readouterr().out
    for name in ("Le Mazier", "La Péniche", "Stand"):
        assert name in table


def test_leaving_keeps_the_content(kiosks: dict[str, Any]) -> None:
    c = kiosks["c"]
    before = snapshot(c.catalogue, c.root)
    assert c.cli("leave") == 0
    assert membership.load_membership(c.root) is None
    assert network_round(c.root, c.catalogue, visitor_idle=True, write_status=True) is None
    assert snapshot(c.catalogue, c.root) == before
    assert c.cli("status") == 1


def test_rollback_goes_back_one_release(
    kiosks: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.library.network.state import load_state

    b = kiosks["b"]
    b.round()
    state = load_state(b.root)
    current, previous = state.history[-1], state.history[-2]
    assert state.applied == current
    before = snapshot(b.catalogue, b.root)
    assert b.cli("rollback") == 0
    assert f"Retour à la publication {previous}" in capsys.readouterr().out
    assert load_state(b.root).applied == previous
    assert snapshot(b.catalogue, b.root) != before
    # The release rolled back from is left aside by the next rounds.
    assert b.round().result.outcome is Outcome.NOTHING_NEW
    assert load_state(b.root).applied == previous


def test_an_event_stand_applies_a_copy_of_the_publication_folder(
    kiosks: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No network at the stand: the publication folder copied to a stick, and the join code
    for the key only."""
    a = kiosks["a"]
    stick = tmp_path / "cle-usb" / "publication"
    shutil.copytree(membership.publication_dir(a.root), stick)
    stand = ContentRoot(tmp_path / "stand")
    stand.home.mkdir()
    code_file = network_dir(a.root) / membership.JOIN_CODE_NAME
    home = ["--home", str(stand.home), "network", "apply", "--from", str(stick)]
    # Without the key, every release is refused: nothing applied.
    assert main(home) == 1
    assert "ignorée" in capsys.readouterr().out
    assert main([*home, "--code", str(code_file)]) == 0
    assert "appliquée" in capsys.readouterr().out
    catalogue = Catalogue(stand.db_path)
    try:
        with catalogue.session() as session:
            names = sorted(place.name for place in session.query(Place))
        with a.catalogue.session() as session:
            assert names == sorted(place.name for place in session.query(Place))
    finally:
        catalogue.close()
    assert membership.load_membership(stand) is None


def test_kiosk_install_adds_the_syncthing_service_of_a_member_only(
    tmp_path: Path, content_root: ContentRoot
) -> None:
    import subprocess

    from kiosk.cli.deploy import _syncthing_home
    from kiosk.config import default_home
    from kiosk.library import deploy
    from kiosk.library.network.service import SYNCTHING_SERVICE

    home = tmp_path / "user"
    home.mkdir()
    target = deploy.Target.for_user(home)
    unit = home / ".config/systemd/user" / SYNCTHING_SERVICE
    checkout = default_home()
    plain = deploy.InstallOptions(
        kiosk_command=checkout / ".venv/bin/kiosk",
        checkout=checkout,
        syncthing_home=_syncthing_home(content_root),
    )
    deploy.install(plain, target)
    assert not unit.exists()  # a single kiosk: no Syncthing
    deploy.uninstall(target)

    st_home = syncthing_home(content_root)
    member = deploy.InstallOptions(
        kiosk_command=checkout / ".venv/bin/kiosk", checkout=checkout, syncthing_home=st_home
    )
    deploy.install(member, target)
    text = unit.read_text(encoding="utf-8")
    assert f"--home={st_home}" in text and "--no-upgrade" in text and "Nice=10" in text
    wants = home / ".config/systemd/user/default.target.wants" / SYNCTHING_SERVICE
    assert wants.is_symlink()
    analyze = shutil.which("systemd-analyze")
    if analyze is not None and shutil.which("syncthing"):
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SYSTEMD_LOG_COLOR": "0"}
        done = subprocess.run(
            [analyze, "--user", "verify", str(unit)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    deploy.uninstall(target)
    assert not unit.exists() and not wants.exists()


@needs_syncthing
def test_create_and_join_on_the_command_line_and_their_refusals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The volunteers' commands: each refusal is one French line and changes nothing."""
    publisher, newcomer = tmp_path / "mazier", tmp_path / "peniche"

    def kiosk(home: Path, *arguments: str) -> tuple[int, list[str]]:
        status = main(["--home", str(home), "network", *arguments])
        return status, capsys.readouterr().out.splitlines()

    status, lines = kiosk(publisher, "create", "Tiers/lieux", "--local")
    assert status == 1 and len(lines) == 1 and "nom de réseau" in lines[0]
    assert membership.load_membership(ContentRoot(publisher)) is None
    status, lines = kiosk(publisher, "create", NETWORK, "--local", "--name", "Le Mazier")
    assert status == 0
    fingerprint = lines[1].rsplit(" ", 1)[1]
    code = lines[-1]
    assert code.startswith(join_code.CODE_PREFIX)
    assert_private_config(syncthing_home(ContentRoot(publisher)))
    status, lines = kiosk(publisher, "create", "Autre", "--local")
    assert status == 1 and len(lines) == 1 and "fait déjà partie" in lines[0]
    status, lines = kiosk(publisher, "publish")
    assert status == 0 and "prête" in lines[-1]
    status, lines = kiosk(publisher, "publish")  # nothing changed since
    assert status == 0 and lines == [lines[0]] and lines[0].startswith("Rien à publier")
    status, lines = kiosk(publisher, "publish", "--force")
    assert status == 0 and "prête" in lines[-1]

    status, lines = kiosk(newcomer, "join", code[:-12], "--local")
    assert status == 1 and len(lines) == 1 and "code d'adhésion" in lines[0]
    assert not (newcomer / "network" / "keys").exists()
    code_file = publisher / "network" / membership.JOIN_CODE_NAME
    status, lines = kiosk(newcomer, "join", str(code_file), "--name", "La Péniche", "--local")
    assert status == 0
    assert any(line.endswith(fingerprint) for line in lines)  # the same to compare by eye
    joined = membership.load_membership(ContentRoot(newcomer))
    assert joined is not None and joined.role == membership.MEMBER and joined.name == "La Péniche"
    assert_private_config(syncthing_home(ContentRoot(newcomer)))
    status, lines = kiosk(newcomer, "publish")
    assert status == 1 and len(lines) == 1 and "seule la borne qui l'a créé publie" in lines[0]
    status, lines = kiosk(newcomer, "leave")
    assert status == 0 and membership.load_membership(ContentRoot(newcomer)) is None
    status, lines = kiosk(newcomer, "leave")
    assert status == 1 and len(lines) == 1
