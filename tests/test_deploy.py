"""Deployment: ``kiosk install`` / ``uninstall`` against a temporary home (the files written are
read back, a real ``systemd-analyze verify`` checks the unit), ``kiosk status``, the Wayland
platform choice, the run journal, and an event stand that writes nowhere but its own folder."""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kiosk.cli import EXIT_ERROR, EXIT_OK, main
from kiosk.config import ConfigError, ContentRoot, default_home
from kiosk.library import deploy, run_journal, start_checks
from kiosk.store.database import Catalogue

CHECKOUT = default_home()
KIOSK_COMMAND = CHECKOUT / ".venv" / "bin" / "kiosk"
SERVICE = "borne-du-mazier.service"


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every file, link and folder under ``folder`` with its content (or link target)."""
    found: dict[str, tuple[str, bytes | str]] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = ("link", str(path.readlink()))
        elif path.is_dir():
            found[key] = ("dir", "")
        else:
            found[key] = (oct(path.stat().st_mode & 0o777), path.read_bytes())
    return found


def run_cli(*args: str) -> int:
    return main(list(args))


@pytest.fixture
def user_home(tmp_path: Path) -> Path:
    home = tmp_path / "user"
    home.mkdir()
    (home / "Documents").mkdir()
    (home / "Documents" / "note.txt").write_text("à garder\n", encoding="utf-8")
    return home


def install(home: Path, content: ContentRoot, *extra: str) -> int:
    return run_cli("--home", str(content.home), "install", "--home-dir", str(home), *extra)


def uninstall(home: Path, content: ContentRoot, *extra: str) -> int:
    return run_cli("--home", str(content.home), "uninstall", "--home-dir", str(home), *extra)


# --------------------------------------------------------------------------------------------
# install / uninstall for the kiosk's user


def test_install_writes_the_unit_the_launcher_and_autostart_and_uninstall_removes_them(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(user_home)
    assert install(user_home, content_root) == EXIT_OK
    out = capsys.readouterr().out

    unit = user_home / ".config/systemd/user" / SERVICE
    launcher = user_home / ".local/share/borne-du-mazier/start-kiosk"
    autostart = user_home / ".config/autostart/borne-du-mazier.desktop"
    wants = user_home / ".config/systemd/user/graphical-session.target.wants" / SERVICE
    manifest = user_home / ".config/borne-du-mazier/installed.json"
    for path in (unit, launcher, autostart, manifest):
        assert path.is_file(), path
        assert str(path) in out  # it says what it changed
    assert wants.is_symlink() and wants.readlink() == unit

    text = unit.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "Restart=on-failure" in lines
    assert any(line.startswith("RestartSec=") for line in lines)
    assert any(line.startswith("StartLimitIntervalSec=") for line in lines)
    assert any(line.startswith("StartLimitBurst=") for line in lines)
    assert "After=graphical-session.target" in lines
    assert "PartOf=graphical-session.target" in lines
    assert "WantedBy=graphical-session.target" in lines
    assert "Environment=QT_QPA_PLATFORM=xcb" in lines
    assert f"ExecStart={KIOSK_COMMAND} run --home {content_root.home}" in lines
    record_exit = f"ExecStopPost=-{KIOSK_COMMAND} --home {content_root.home} status --record-exit"
    assert record_exit in lines

    script = launcher.read_text(encoding="utf-8")
    assert launcher.stat().st_mode & stat.S_IXUSR
    assert "xset s off s noblank -dpms" in script
    assert "unclutter" in script
    assert 'systemctl --user start "$SERVICE"' in script
    assert f"{KIOSK_COMMAND} run --home {content_root.home}" in script
    subprocess.run(["sh", "-n", str(launcher)], check=True)
    assert f"Exec={launcher}" in autostart.read_text(encoding="utf-8").splitlines()
    assert not (user_home / ".xsession").exists()

    assert uninstall(user_home, content_root) == EXIT_OK
    out = capsys.readouterr().out
    assert str(unit) in out and "supprimé" in out
    assert snapshot(user_home) == before


def test_without_home_the_unit_runs_the_default_content_root(
    user_home: Path, content_root: ContentRoot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_root.home)
    options = deploy.InstallOptions(kiosk_command=KIOSK_COMMAND, checkout=CHECKOUT)
    deploy.install(options, deploy.Target.for_user(user_home))
    unit = (user_home / ".config/systemd/user" / SERVICE).read_text(encoding="utf-8")
    assert f"ExecStart={KIOSK_COMMAND} run\n" in unit
    assert f"WorkingDirectory={CHECKOUT}\n" in unit


def test_home_comes_from_the_environment_when_no_option_is_given(
    user_home: Path, content_root: ContentRoot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(user_home))
    assert run_cli("--home", str(content_root.home), "install") == EXIT_OK
    assert (user_home / ".config/systemd/user" / SERVICE).is_file()
    assert run_cli("--home", str(content_root.home), "uninstall") == EXIT_OK
    assert not (user_home / ".config").exists()


def test_session_variant_replaces_an_existing_xsession_and_uninstall_restores_it(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    xsession = user_home / ".xsession"
    xsession.write_text("#!/bin/sh\nexec startlxde-pi\n", encoding="utf-8")
    xsession.chmod(0o700)
    before = snapshot(user_home)

    assert install(user_home, content_root, "--session") == EXIT_OK
    out = capsys.readouterr().out
    assert "mis de côté" in out and str(xsession) in out
    text = xsession.read_text(encoding="utf-8")
    launcher = user_home / ".local/share/borne-du-mazier/start-kiosk"
    assert f"exec {launcher} --wait" in text
    assert xsession.stat().st_mode & stat.S_IXUSR
    assert not (user_home / ".config/autostart").exists()

    assert uninstall(user_home, content_root) == EXIT_OK
    assert "restauré" in capsys.readouterr().out
    assert snapshot(user_home) == before


def test_switching_from_autostart_to_session_undoes_the_autostart_entry(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(user_home)
    assert install(user_home, content_root) == EXIT_OK
    assert install(user_home, content_root) == EXIT_OK
    assert "inchangé" in capsys.readouterr().out  # a second install changes nothing
    assert install(user_home, content_root, "--session") == EXIT_OK
    assert not (user_home / ".config/autostart/borne-du-mazier.desktop").exists()
    assert (user_home / ".xsession").is_file()
    assert uninstall(user_home, content_root) == EXIT_OK
    assert snapshot(user_home) == before


def test_dry_run_writes_nothing(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_home / ".xsession").write_text("#!/bin/sh\nexec xterm\n", encoding="utf-8")
    before = snapshot(user_home)
    assert install(user_home, content_root, "--session", "--dry-run") == EXIT_OK
    out = capsys.readouterr().out
    assert "[essai] écrit" in out and "[essai] mis de côté" in out
    assert snapshot(user_home) == before

    assert install(user_home, content_root, "--session") == EXIT_OK
    installed = snapshot(user_home)
    assert uninstall(user_home, content_root, "--dry-run") == EXIT_OK
    assert "[essai] restauré" in capsys.readouterr().out
    assert snapshot(user_home) == installed


def test_uninstall_leaves_a_file_edited_since_install_and_says_so(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert install(user_home, content_root) == EXIT_OK
    autostart = user_home / ".config/autostart/borne-du-mazier.desktop"
    autostart.write_text(autostart.read_text(encoding="utf-8") + "Hidden=true\n", "utf-8")
    capsys.readouterr()
    assert uninstall(user_home, content_root) == EXIT_ERROR
    out = capsys.readouterr().out
    assert "laissé" in out and str(autostart) in out
    assert autostart.is_file()
    assert not (user_home / ".config/systemd/user" / SERVICE).exists()
    # The manifest still lists the edited file, and install refuses to overwrite it.
    assert install(user_home, content_root) == EXIT_ERROR
    assert "modifié depuis" in capsys.readouterr().err
    autostart.unlink()
    assert uninstall(user_home, content_root) == EXIT_OK
    assert not (user_home / ".config").exists()


def test_uninstall_without_install_changes_nothing(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(user_home)
    assert uninstall(user_home, content_root) == EXIT_OK
    assert "rien à retirer" in capsys.readouterr().out
    assert snapshot(user_home) == before


def test_a_damaged_manifest_is_named_and_nothing_changes(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = user_home / ".config/borne-du-mazier/installed.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{not json", encoding="utf-8")
    before = snapshot(user_home)
    assert install(user_home, content_root) == EXIT_ERROR
    assert uninstall(user_home, content_root) == EXIT_ERROR
    assert str(manifest) in capsys.readouterr().err
    assert snapshot(user_home) == before


# --------------------------------------------------------------------------------------------
# The system-wide variant, written under a temporary root


def test_system_session_with_autologin_under_a_root_folder(
    tmp_path: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "machine"
    (root / "etc/lightdm/lightdm.conf.d").mkdir(parents=True)
    (root / "usr/share/xsessions").mkdir(parents=True)
    older = root / "usr/share/xsessions/borne-du-mazier.desktop"
    older.write_text("[Desktop Entry]\nName=une ancienne session\n", encoding="utf-8")
    before = snapshot(root)
    assert (
        run_cli(
            "--home",
            str(content_root.home),
            "install",
            "--system",
            "--session",
            "--autologin",
            "borne",
            "--system-root",
            str(root),
        )
        == EXIT_OK
    )
    unit = root / "etc/systemd/user" / SERVICE
    wants = root / "etc/systemd/user/graphical-session.target.wants" / SERVICE
    session = root / "usr/share/xsessions/borne-du-mazier.desktop"
    launcher = root / "usr/local/lib/borne-du-mazier/start-kiosk"
    lightdm = root / "etc/lightdm/lightdm.conf.d/50-borne-du-mazier.conf"
    for path in (unit, session, launcher, lightdm, root / "var/lib/borne-du-mazier/installed.json"):
        assert path.is_file(), path
    # The files name the machine's own paths, not the folder they were prepared in.
    assert wants.readlink() == Path("/etc/systemd/user") / SERVICE
    exec_line = "Exec=/usr/local/lib/borne-du-mazier/start-kiosk --wait"
    assert exec_line in session.read_text(encoding="utf-8").splitlines()
    dropin = lightdm.read_text(encoding="utf-8").splitlines()
    assert "autologin-user=borne" in dropin and "autologin-session=borne-du-mazier" in dropin
    assert not (root / "etc/xdg/autostart").exists()
    # The manifest names the machine's paths too, so the folder can become the machine's /.
    manifest = json.loads((root / "var/lib/borne-du-mazier/installed.json").read_text("utf-8"))
    named = [item["path"] for item in manifest["files"]] + manifest["created_dirs"]
    assert all(name.startswith(("/etc", "/usr", "/var")) for name in named), named
    assert str(tmp_path) not in json.dumps(manifest)
    backups = [item["backup"] for item in manifest["files"] if item["backup"]]
    assert backups == [
        "/var/lib/borne-du-mazier/backup/usr__share__xsessions__borne-du-mazier.desktop"
    ]

    assert (
        run_cli(
            "uninstall", "--system", "--system-root", str(root), "--home", str(content_root.home)
        )
        == EXIT_OK
    )
    assert snapshot(root) == before


def test_autologin_needs_the_system_session(
    user_home: Path, content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(user_home)
    assert install(user_home, content_root, "--autologin", "borne") == EXIT_ERROR
    assert "--autologin" in capsys.readouterr().err
    assert snapshot(user_home) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="as root, --system really writes to /")
def test_system_without_root_is_refused(
    content_root: ContentRoot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli("--home", str(content_root.home), "install", "--system") != EXIT_OK
    assert "root" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# A real systemd-analyze verify of the unit


def _verify(unit: Path, tmp_path: Path, *, user: bool) -> subprocess.CompletedProcess[str]:
    analyze = shutil.which("systemd-analyze")
    assert analyze is not None
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    # --user needs a runtime folder; a container without a user session has none.
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "SYSTEMD_LOG_COLOR": "0"}
    command = [analyze, *(["--user"] if user else []), "verify", str(unit)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here"
)
@pytest.mark.skipif(not KIOSK_COMMAND.is_file(), reason=f"{KIOSK_COMMAND} does not exist")
@pytest.mark.parametrize("user", [True, False], ids=["user-manager", "system-manager"])
def test_systemd_analyze_verifies_the_unit(
    user_home: Path, content_root: ContentRoot, tmp_path: Path, user: bool
) -> None:
    options = deploy.InstallOptions(
        kiosk_command=KIOSK_COMMAND,
        checkout=CHECKOUT,
        content_home=content_root.home,
        systemd_version=deploy.systemd_version(),
    )
    deploy.install(options, deploy.Target.for_user(user_home))
    unit = user_home / ".config/systemd/user" / SERVICE
    result = _verify(unit, tmp_path, user=user)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # no unknown key, no bad value

    # The check has teeth: an unknown key and a missing program are reported.
    broken = tmp_path / SERVICE
    broken.write_text(
        unit.read_text(encoding="utf-8").replace(str(KIOSK_COMMAND), "/nowhere/kiosk")
        + "\n[Service]\nRestartSecs=3\n",
        encoding="utf-8",
    )
    result = _verify(broken, tmp_path, user=user)
    assert "RestartSecs" in result.stderr
    assert "/nowhere/kiosk" in result.stderr


def test_growing_restart_delay_only_where_systemd_knows_it() -> None:
    old = deploy.render_unit(deploy.InstallOptions(KIOSK_COMMAND, CHECKOUT, systemd_version=252))
    new = deploy.render_unit(deploy.InstallOptions(KIOSK_COMMAND, CHECKOUT, systemd_version=255))
    assert "RestartSteps" not in old
    assert "RestartSteps=5" in new and "RestartMaxDelaySec=60" in new


def test_paths_with_spaces_and_percent_are_quoted_in_the_unit(tmp_path: Path) -> None:
    options = deploy.InstallOptions(
        KIOSK_COMMAND, CHECKOUT, content_home=Path("/media/usb/Stand 100% Mazier")
    )
    unit = deploy.render_unit(options)
    assert 'run --home "/media/usb/Stand 100%% Mazier"\n' in unit


# --------------------------------------------------------------------------------------------
# The launcher supervises the kiosk itself when there is no systemd user manager


def test_launcher_restarts_a_failing_kiosk_without_a_user_manager(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    stand_in = tmp_path / "kiosk"
    # Stands in for the kiosk program: fails on its first run, succeeds on the second.
    stand_in.write_text(
        f'#!/bin/sh\necho "$QT_QPA_PLATFORM $*" >> {calls}\n[ "$(wc -l < {calls})" -ge 2 ]\n',
        encoding="utf-8",
    )
    stand_in.chmod(0o755)
    home = tmp_path / "user"
    home.mkdir()
    options = deploy.InstallOptions(stand_in, tmp_path, content_home=tmp_path / "stand")
    deploy.install(options, deploy.Target.for_user(home))
    launcher = home / ".local/share/borne-du-mazier/start-kiosk"
    bin_dir = tmp_path / "bin"  # sleep and wc only: no systemctl, no xset, no unclutter
    bin_dir.mkdir()
    for tool in ("sleep", "wc", "sh"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    result = subprocess.run(
        [str(launcher), "--wait"],
        env={"PATH": str(bin_dir), "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    runs = calls.read_text(encoding="utf-8").splitlines()
    assert runs == [f"xcb run --home {tmp_path / 'stand'}"] * 2


# --------------------------------------------------------------------------------------------
# kiosk status and the run journal


def test_status_prints_the_health_line(
    sample_catalogue: Catalogue,
    content_root: ContentRoot,
    user_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample_catalogue.close()
    content_root.logs_dir.mkdir(exist_ok=True)
    (content_root.logs_dir / "kiosk.log.1").write_text(
        "2024-05-02 09:00:01,000 INFO kiosk.ui.app: kiosk started (/x, full screen)\n",
        encoding="utf-8",
    )
    (content_root.logs_dir / "kiosk.log").write_text(
        "2024-05-03 10:00:00,000 ERROR kiosk.ui.app: unexpected error:\n"
        "Traceback (most recent call last):\n"
        '  File "x.py", line 1\n'
        "ZeroDivisionError: division by zero\n"
        "2024-05-03 10:00:01,000 INFO kiosk.ui.kiosk_controller: idle: reset and attract loop\n",
        encoding="utf-8",
    )
    home = str(content_root.home)
    assert run_cli("--home", home, "status", "--home-dir", str(user_home)) == EXIT_OK
    out = capsys.readouterr().out
    assert "Borne du Mazier 0.1.0" in out
    assert f"Dossier de contenu : {home}" in out
    assert "lieux : 2" in out and "carnets : 1" in out and "pages : 1" in out
    assert "Dernier démarrage : 2024-05-02 09:00:01" in out  # found in the rotated log
    assert "Dernière erreur : 2024-05-03 10:00:00" in out
    assert "Espace libre : " in out
    assert f"{SERVICE} : non installé" in out
    assert "état : " in out  # whatever systemctl says here, or why it cannot

    assert install(user_home, content_root) == EXIT_OK
    run_journal.record_start(content_root, register_stop=False)
    capsys.readouterr()
    assert run_cli("--home", home, "status", "--home-dir", str(user_home)) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{SERVICE} : installé ({user_home / '.config/systemd/user' / SERVICE})" in out
    journal = run_journal.read_journal(content_root)
    assert journal.last_start is not None
    assert f"Dernier démarrage : {journal.last_start.replace('T', ' ')}" in out


def test_status_of_an_empty_content_root_does_not_create_a_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "stand"
    assert run_cli("--home", str(home), "status", "--home-dir", str(tmp_path)) == EXIT_OK
    assert "pas encore créé" in capsys.readouterr().out
    assert not (home / "data.db").exists()


def test_run_journal_notices_a_run_that_ended_without_stopping(content_root: ContentRoot) -> None:
    first = run_journal.record_start(content_root, register_stop=False)
    run_journal.record_stop(content_root)
    assert run_journal.read_journal(content_root).running is False
    assert run_journal.read_journal(content_root).last_unclean_end is None

    # A run in another process that died without recording its stop (a crash, a power cut).
    code = (
        "import sys; from kiosk.config import ContentRoot; from kiosk.library import run_journal;"
        f"run_journal.record_start(ContentRoot(__import__('pathlib').Path({str(content_root.home)!r})));"
        "import os; os._exit(1)"
    )
    subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    crashed = run_journal.read_journal(content_root)
    assert crashed.running is True and crashed.pid != os.getpid()

    again = run_journal.record_start(content_root, register_stop=False)
    assert again.last_unclean_end == crashed.last_start
    assert again.unclean_ends == 1
    assert again.starts == first.starts + 2

    # A clean exit of a process records its stop (atexit).
    code = code.replace("os._exit(1)", "sys.exit(0)")
    subprocess.run([sys.executable, "-c", code], check=False, timeout=60)
    assert run_journal.read_journal(content_root).running is False


@pytest.mark.parametrize(
    ("result", "code", "status", "crashed"),
    [
        ("success", "exited", "0", False),  # left kiosk mode
        ("success", "killed", "TERM", False),  # systemctl stop, shutting down
        ("exit-code", "exited", "1", True),  # a crash that exits non-zero
        ("core-dump", "dumped", "SEGV", True),  # a crash in native code (libvlc, Qt)
        ("signal", "killed", "KILL", True),  # killed
    ],
)
def test_the_unit_records_how_each_run_ended(
    content_root: ContentRoot,
    monkeypatch: pytest.MonkeyPatch,
    result: str,
    code: str,
    status: str,
    crashed: bool,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What ``ExecStopPost=… status --record-exit`` does with systemd's variables."""
    started = run_journal.record_start(content_root, register_stop=False)
    monkeypatch.setenv("SERVICE_RESULT", result)
    monkeypatch.setenv("EXIT_CODE", code)
    monkeypatch.setenv("EXIT_STATUS", status)
    home = str(content_root.home)
    assert run_cli("--home", home, "status", "--record-exit") == EXIT_OK
    assert capsys.readouterr().out == ""
    journal = run_journal.read_journal(content_root)
    assert journal.running is False
    assert (journal.last_unclean_end == started.last_start) is crashed
    assert (journal.last_stop is not None) is not crashed
    run_journal.record_start(content_root, register_stop=False)  # the restart
    assert run_journal.read_journal(content_root).unclean_ends == int(crashed)
    assert run_cli("--home", home, "status", "--home-dir", home) == EXIT_OK
    out = capsys.readouterr().out
    assert (f"{result} ({code} {status})" in out) is crashed


# --------------------------------------------------------------------------------------------
# Wayland, and an event stand from a folder or a bundle


def test_wayland_session_runs_through_xwayland_and_logs_it_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(start_checks, "_xwayland_logged", False)
    caplog.set_level(logging.INFO, logger="kiosk.library.start_checks")
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert start_checks.prefer_xwayland(env) is True
    assert env["QT_QPA_PLATFORM"] == "xcb"
    second = {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}
    assert start_checks.prefer_xwayland(second) is True
    assert second["QT_QPA_PLATFORM"] == "xcb"
    assert [r.getMessage() for r in caplog.records].count(
        "Wayland session: running through XWayland (QT_QPA_PLATFORM=xcb)"
    ) == 1


def test_x11_and_explicit_platforms_are_left_alone() -> None:
    x11 = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}
    assert start_checks.prefer_xwayland(x11) is False
    assert "QT_QPA_PLATFORM" not in x11
    tests = {"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "offscreen"}
    assert start_checks.prefer_xwayland(tests) is False
    assert tests["QT_QPA_PLATFORM"] == "offscreen"


def test_a_bundle_given_as_home_says_to_import_it_first(tmp_path: Path) -> None:
    bundle = tmp_path / "stand-2024.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("manifest.json", "{}")
    renamed = tmp_path / "sauvegarde"  # recognised by its content, not only its name
    shutil.copy(bundle, renamed)
    for path in (bundle, renamed):
        with pytest.raises(ConfigError) as raised:
            start_checks.refuse_bundle_as_home(str(path), environ={})
        message = str(raised.value)
        assert str(path) in message and "bundle import" in message and "Sauvegarde" in message
    start_checks.refuse_bundle_as_home(str(tmp_path), environ={})  # a folder is fine
    with pytest.raises(ConfigError):
        start_checks.refuse_bundle_as_home(None, environ={"KIOSK_HOME": str(bundle)})
    text_file = tmp_path / "notes.txt"
    text_file.write_text("pas un lot", encoding="utf-8")
    assert start_checks.bundle_home_message(text_file) is None


def test_event_stand_writes_only_inside_its_own_folder(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    """``kiosk run --windowed --home STAND`` on a laptop: the laptop's home, temporary folder and
    the checkout's own content stay untouched."""
    sample_catalogue.close()
    laptop_home = tmp_path / "laptop-home"
    laptop_tmp = tmp_path / "laptop-tmp"
    runtime = tmp_path / "runtime"
    for folder in (laptop_home, laptop_tmp):
        folder.mkdir()
    runtime.mkdir(mode=0o700)
    (laptop_home / "photo.jpg").write_bytes(b"not touched")
    checkout_content = [
        CHECKOUT / name for name in ("data.db", "assets", "videos", "logs", "cache")
    ]

    def checkout_state() -> dict[str, float]:
        state: dict[str, float] = {}
        for top in checkout_content:
            if top.exists():
                for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
                    state[str(path)] = path.stat().st_mtime
        return state

    laptop_before = snapshot(laptop_home)
    checkout_before = checkout_state()
    stand_before = snapshot(content_root.home)
    screenshot = tmp_path / "stand.png"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(laptop_home),
        "TMPDIR": str(laptop_tmp),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--windowed",
            "--home",
            str(content_root.home),
            "--size",
            "1280x800",
            "--screenshot",
            str(screenshot),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert screenshot.is_file()
    assert snapshot(laptop_home) == laptop_before
    assert list(laptop_tmp.iterdir()) == []
    assert checkout_state() == checkout_before
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["home", "incoming", "laptop-home", "laptop-tmp", "runtime", "stand.png"]
    )
    # The stand's own folder holds its log (and nothing was lost from it).
    stand_after = snapshot(content_root.home)
    assert set(stand_before) <= set(stand_after)
    log = (content_root.logs_dir / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk started" in log and str(content_root.home) in log
