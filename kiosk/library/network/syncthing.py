"""One kiosk's Syncthing: its configuration, its daemon, its REST API (urllib only). No Qt.

Syncthing (the Debian package ``syncthing``, v1.19 and later) carries the network's two shared
folders from kiosk to kiosk. Each kiosk has its own instance, whose home is
``<content root>/network/syncthing/`` (machine scope: keys and database never travel).

Privacy first: the configuration is written **before the first start** (``syncthing generate``,
then :func:`write_options` edits ``config.xml``) with usage reporting, crash reporting and
automatic upgrades off whatever the :class:`Reach`, the GUI and REST API on 127.0.0.1 only, and,
for :attr:`Reach.LOOPBACK` (the tests), every announce, relay and NAT traversal off and the
listen address on 127.0.0.1: nothing leaves the machine. A real network chooses
:attr:`Reach.LAN` (local discovery on the LAN only) or :attr:`Reach.INTERNET` (global discovery
and relays, so kiosks behind different boxes find each other) in ``kiosk network create``.

The REST client never goes through a proxy (the API is on 127.0.0.1), and the daemon is started
without the proxy variables of the environment.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from enum import StrEnum
from pathlib import Path

from kiosk.config import ContentRoot
from kiosk.library.network.state import network_dir, write_atomically
from kiosk.library.network.syncthing_api import LOCALHOST, SyncthingApi, SyncthingError

SYNCTHING = os.environ.get("KIOSK_SYNCTHING", "syncthing")
HOME_NAME = "syncthing"
DEFAULT_LISTEN_PORT = 22000
DEFAULT_GUI_PORT = 8384
USAGE_REPORT_REFUSED = "-1"
LOG_MAX_BYTES = 1_000_000
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


class Reach(StrEnum):
    """How far this kiosk's Syncthing looks for the others."""

    LOOPBACK = "loopback"  # 127.0.0.1 only, devices with explicit addresses (tests)
    LAN = "lan"  # local discovery on the LAN; no global discovery, relays or NAT traversal
    INTERNET = "internet"  # global discovery, relays and NAT traversal too


# The options each reach writes (Syncthing's names), on top of what every reach writes.
ALWAYS: dict[str, str] = {
    "urAccepted": USAGE_REPORT_REFUSED,
    "urSeen": "3",
    "crashReportingEnabled": "false",
    "autoUpgradeIntervalH": "0",
    "upgradeToPreReleases": "false",
    "startBrowser": "false",
}
CLOSED: dict[str, str] = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "announceLANAddresses": "false",
    "stunKeepaliveStartS": "0",
    "stunKeepaliveMinS": "0",
}
REACH_OPTIONS: dict[Reach, dict[str, str]] = {
    Reach.LOOPBACK: {**CLOSED, "reconnectionIntervalS": "5"},
    Reach.LAN: {**CLOSED, "localAnnounceEnabled": "true", "announceLANAddresses": "true"},
    Reach.INTERNET: {
        "globalAnnounceEnabled": "true",
        "localAnnounceEnabled": "true",
        "relaysEnabled": "true",
        "natEnabled": "true",
        "announceLANAddresses": "true",
    },
}


def syncthing_home(root: ContentRoot) -> Path:
    return network_dir(root) / HOME_NAME


def config_path(home: Path) -> Path:
    return home / "config.xml"


def free_port(host: str = LOCALHOST) -> int:
    """A TCP port nobody listens on right now (the system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def listen_address(reach: Reach, port: int) -> str:
    if reach is Reach.LOOPBACK:
        return f"tcp://{LOCALHOST}:{port}"
    if reach is Reach.LAN:
        return f"tcp://0.0.0.0:{port}"
    return "default" if port == DEFAULT_LISTEN_PORT else f"tcp://0.0.0.0:{port}"


def generate(home: Path, *, reach: Reach, listen_port: int, gui_port: int, device_name: str) -> str:
    """Make this kiosk's Syncthing identity and configuration, before any start; returns the
    device id. An existing identity (``cert.pem``) is kept: its device id is what the others
    know; its options are written again."""
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o700)
    if not (home / "cert.pem").is_file() or not config_path(home).is_file():
        run_syncthing(["generate", f"--home={home}", "--no-default-folder", "--skip-port-probing"])
    write_options(
        home, reach=reach, listen_port=listen_port, gui_port=gui_port, device_name=device_name
    )
    return device_id(home)


def run_syncthing(arguments: list[str], timeout: float = 60) -> str:
    try:
        done = subprocess.run(
            [SYNCTHING, *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=daemon_environment(),
            check=False,
        )
    except FileNotFoundError:
        raise SyncthingError(
            f"{SYNCTHING} : introuvable ; installez le paquet Debian « syncthing »."
        ) from None
    except subprocess.TimeoutExpired:
        raise SyncthingError(
            f"{SYNCTHING} {arguments[0]} : pas de réponse en {timeout:.0f} s."
        ) from None
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
        raise SyncthingError(f"{SYNCTHING} {arguments[0]} a échoué : {last[0][:200]}")
    return done.stdout


def daemon_environment() -> dict[str, str]:
    """The environment of every Syncthing we start: no proxy, no upgrade, no default folder."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key.lower() not in PROXY_VARIABLES and not key.startswith("ST")
    }
    environment.update(STNOUPGRADE="1", STNODEFAULTFOLDER="1", STNORESTART="1")
    return environment


def write_options(
    home: Path, *, reach: Reach, listen_port: int, gui_port: int, device_name: str
) -> None:
    """Write the privacy options, addresses and API key into ``config.xml`` (Syncthing stopped)."""
    path = config_path(home)
    tree = ET.parse(path)
    top = tree.getroot()
    options = _child(top, "options")
    for name, value in {**REACH_OPTIONS[reach], **ALWAYS}.items():
        _child(options, name).text = value
    for old in options.findall("listenAddress"):
        options.remove(old)
    ET.SubElement(options, "listenAddress").text = listen_address(reach, listen_port)
    gui = _child(top, "gui")
    gui.set("enabled", "true")
    gui.set("tls", "false")
    _child(gui, "address").text = f"{LOCALHOST}:{gui_port}"
    api_key = _child(gui, "apikey")
    if not (api_key.text or "").strip():
        api_key.text = secrets.token_urlsafe(24)
    own = top.find("device")
    if own is not None:
        own.set("name", device_name)
    data = ET.tostring(top, encoding="unicode").encode("utf-8")
    write_atomically(path, data, mode=0o600)


def _child(parent: ET.Element, name: str) -> ET.Element:
    found = parent.find(name)
    return found if found is not None else ET.SubElement(parent, name)


def read_options(home: Path) -> dict[str, list[str]]:
    """Every option of ``config.xml`` by name (a list: ``listenAddress`` may repeat), with the
    GUI's ``gui.address``, ``gui.apikey`` and ``gui.tls``: what the tests and ``status`` read."""
    top = ET.parse(config_path(home)).getroot()
    values: dict[str, list[str]] = {}
    options = top.find("options")
    for element in options if options is not None else []:
        values.setdefault(element.tag, []).append((element.text or "").strip())
    gui = top.find("gui")
    if gui is not None:
        values["gui.address"] = [(gui.findtext("address") or "").strip()]
        values["gui.apikey"] = [(gui.findtext("apikey") or "").strip()]
        values["gui.tls"] = [gui.get("tls", "")]
    return values


def device_id(home: Path) -> str:
    """This instance's device id (from its certificate)."""
    return run_syncthing(["serve", f"--home={home}", "--device-id"]).strip()


def api_for_home(home: Path, timeout: float = 10) -> SyncthingApi:
    """The API of the instance whose home is ``home`` (address and key from its config)."""
    try:
        values = read_options(home)
    except (OSError, ET.ParseError):
        raise SyncthingError(f"{config_path(home)} : configuration Syncthing illisible.") from None
    address = values.get("gui.address", [""])[0]
    host, _, port = address.rpartition(":")
    if host != LOCALHOST or not port.isdigit():
        raise SyncthingError(f"{config_path(home)} : l'API n'est pas sur {LOCALHOST} ({address}).")
    return SyncthingApi(int(port), values.get("gui.apikey", [""])[0], timeout)


class SyncthingProcess:
    """A Syncthing daemon we started (``syncthing serve``), stopped by :meth:`stop` or at the
    end of a ``with`` block."""

    def __init__(self, home: Path, log_path: Path | None = None) -> None:
        self.home = home
        self.log_path = log_path or home / "syncthing.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.api = api_for_home(home)

    def start(self, timeout: float = 60) -> SyncthingApi:
        """Start the daemon and wait until its API answers; returns the API."""
        if self.process is not None and self.process.poll() is None:
            return self.api
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            SYNCTHING,
            "serve",
            f"--home={self.home}",
            "--no-browser",
            "--no-restart",
            "--no-upgrade",
            "--no-default-folder",
            "--logflags=3",
            # Syncthing's own rotation: a kiosk runs for months.
            f"--logfile={self.log_path}",
            f"--log-max-size={LOG_MAX_BYTES}",
            "--log-max-old-files=2",
        ]
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=daemon_environment(),
            )
        except FileNotFoundError:
            raise SyncthingError(
                f"{SYNCTHING} : introuvable ; installez le paquet Debian « syncthing »."
            ) from None
        self.wait_ready(timeout)
        return self.api

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                code = self.process.returncode
                self.stop()
                raise SyncthingError(
                    f"Syncthing s'est arrêté au démarrage (code {code}) ; voir {self.log_path}."
                )
            if self.api.answers():
                return
            time.sleep(0.2)
        self.stop()
        raise SyncthingError(
            f"Syncthing ne répond pas après {timeout:.0f} s ; voir {self.log_path}."
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        """Ask the daemon to shut down, then terminate it, then kill it: it is always stopped."""
        process = self.process
        if process is not None and process.poll() is None:
            try:
                self.api.shutdown()
                process.wait(timeout=timeout)
            except (SyncthingError, subprocess.TimeoutExpired):
                process.terminate()
                try:
                    process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.process = None

    def __enter__(self) -> SyncthingApi:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
