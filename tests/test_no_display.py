"""``kiosk run`` with no screen: one French line saying so and what to do, a non-zero exit,
and not Qt's "Reinstalling the application may fix this problem"."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import run as run_command
from kiosk.cli.common import EXIT_ERROR


def run_without_display(home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "KIOSK_HOME"}
    }
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--home", str(home), "run", "--no-demo"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland: Linux")
@pytest.mark.parametrize(
    "extra,reason",
    [
        ({}, "aucun écran trouvé (DISPLAY vide)"),
        ({"DISPLAY": ""}, "aucun écran trouvé (DISPLAY vide)"),
        ({"QT_QPA_PLATFORM": "xcb"}, "aucun écran trouvé (DISPLAY vide)"),
        ({"QT_QPA_PLATFORM": "wayland"}, "aucun écran trouvé (WAYLAND_DISPLAY vide)"),
    ],
)
def test_run_without_a_display_says_so_in_one_line(
    tmp_path: Path, extra: dict[str, str], reason: str
) -> None:
    result = run_without_display(tmp_path / "home", **extra)
    assert result.returncode == EXIT_ERROR
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kiosk : {reason} ; lancez la borne depuis la session graphique")
    assert "--windowed" in lines[0]
    assert "Reinstalling" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 sockets: Linux")
def test_a_display_whose_server_is_gone_is_named(tmp_path: Path) -> None:
    number = next(n for n in range(4242, 4300) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    result = run_without_display(tmp_path / "home", DISPLAY=f":{number}")
    assert result.returncode == EXIT_ERROR
    assert result.stderr.strip() == (
        f"kiosk : l'écran DISPLAY=:{number} ne répond pas (serveur X arrêté ?) ; "
        f"{run_command.NO_DISPLAY_ADVICE}."
    )


def test_a_listening_x_socket_counts_as_a_display(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_command, "X_SOCKET_DIR", str(tmp_path))
    assert not run_command.x_display_answers(":7")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "X7"))
        server.listen(8)
        assert run_command.x_display_answers(":7")
        assert run_command.x_display_answers("unix:7.0")
        assert run_command.display_problem({"DISPLAY": ":7"}, "linux") is None
    assert run_command.x_display_answers("localhost:10.0")  # through SSH: left to Qt


def test_platforms_without_a_display_are_left_to_qt() -> None:
    problem = run_command.display_problem
    assert problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert problem({"QT_QPA_PLATFORM": "eglfs"}, "linux") is None
    assert problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert problem({}, "win32") is None and problem({}, "darwin") is None
    assert problem({}, "linux") is not None
