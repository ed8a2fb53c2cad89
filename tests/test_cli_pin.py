"""Choosing the first staff PIN from a terminal (never at the touchscreen): ``offer_pin_setup``,
``kiosk pin ask`` (what ``scripts/run.sh`` runs), ``kiosk install`` asking for it, and the
"no PIN" line of ``kiosk status``."""

from __future__ import annotations

import io
import os
import pty
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import EXIT_OK, main
from kiosk.cli import pin as pin_cli
from kiosk.config import ContentRoot
from kiosk.library import pin
from kiosk.library.pin import PinGuard
from kiosk.store.database import Catalogue

REPO = Path(__file__).resolve().parents[1]


class Answers:
    """What staff type at each question (getpass's place); records the questions."""

    def __init__(self, *answers: str | type[BaseException]) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.questions.append(prompt)
        answer = self.answers.pop(0)
        if isinstance(answer, type):
            raise answer
        return answer


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[Catalogue]:
    opened = Catalogue(tmp_path / "data.db")
    yield opened
    opened.close()


def test_offer_sets_the_pin_typed_twice(catalogue: Catalogue) -> None:
    out = io.StringIO()
    answers = Answers("12", "2468", "2469", "2468", "2468")
    assert pin_cli.offer_pin_setup(catalogue, interactive=True, read=answers, out=out)
    assert pin.check_pin(catalogue, "2468")
    text = out.getvalue()
    assert "Code refusé" in text and "diffèrent" in text and "Code équipe enregistré." in text
    assert answers.answers == []


@pytest.mark.parametrize("answers", [("",), (EOFError,), (KeyboardInterrupt,), ("1", "2", "3")])
def test_offer_can_be_passed(catalogue: Catalogue, answers: tuple[str, ...]) -> None:
    out = io.StringIO()
    assert not pin_cli.offer_pin_setup(catalogue, interactive=True, read=Answers(*answers), out=out)
    assert not pin.has_pin(catalogue)
    assert "kiosk pin set" in out.getvalue()


def test_offer_asks_nothing_without_a_terminal_or_with_a_pin(catalogue: Catalogue) -> None:
    never = Answers()  # any question would fail: no answer ready
    assert not pin_cli.offer_pin_setup(catalogue, interactive=False, read=never)
    assert not pin_cli.offer_pin_setup(catalogue, read=never)  # pytest's stdin: not a tty
    pin.set_pin(catalogue, "4821")
    assert not pin_cli.offer_pin_setup(catalogue, interactive=True, read=never)
    assert never.questions == [] and pin.check_pin(catalogue, "4821")


def test_pin_ask_without_a_terminal_does_nothing_and_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "borne"
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--home", str(home), "pin", "ask"],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert not (home / "data.db").exists()


def test_pin_ask_in_a_terminal_passed_creates_nothing_then_chosen_sets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "borne"
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(pin_cli.getpass, "getpass", Answers(""))  # type: ignore[attr-defined]
    assert main(["--home", str(home), "pin", "ask"]) == EXIT_OK
    assert not (home / "data.db").exists()
    monkeypatch.setattr(pin_cli.getpass, "getpass", Answers("2468", "2468"))  # type: ignore[attr-defined]
    assert main(["--home", str(home), "pin", "ask"]) == EXIT_OK
    assert "Code équipe enregistré." in capsys.readouterr().out
    monkeypatch.setattr(pin_cli.getpass, "getpass", Answers())  # type: ignore[attr-defined]  # a PIN now: no question
    assert main(["--home", str(home), "pin", "ask"]) == EXIT_OK
    catalogue = Catalogue(home / "data.db")
    try:
        assert pin.check_pin(catalogue, "2468")
    finally:
        catalogue.close()


def test_install_in_a_terminal_asks_for_the_pin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, user_home = tmp_path / "borne", tmp_path / "user"
    user_home.mkdir()
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr(pin_cli.getpass, "getpass", Answers("1357", "1357"))  # type: ignore[attr-defined]
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    args = ["--home", str(home), "install", "--home-dir", str(user_home)]
    assert main(args) == EXIT_OK
    assert "Code équipe enregistré." in capsys.readouterr().out
    catalogue = Catalogue(home / "data.db")
    try:
        assert pin.check_pin(catalogue, "1357")
    finally:
        catalogue.close()


def test_install_without_a_terminal_asks_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, user_home = tmp_path / "borne", tmp_path / "user"
    user_home.mkdir()
    monkeypatch.setattr(pin_cli.getpass, "getpass", Answers())  # type: ignore[attr-defined]
    assert main(["--home", str(home), "install", "--home-dir", str(user_home)]) == EXIT_OK
    assert not (home / "data.db").exists()


def status_pin_line(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--home", str(home), "status", "--home-dir", str(tmp_path)]) == EXIT_OK
    lines = [line for line in capsys.readouterr().out.splitlines() if "Code équipe" in line]
    assert len(lines) == 1
    return lines[0]


def test_status_says_when_there_is_no_pin_and_when_the_pad_is_locked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "borne"
    assert "kiosk pin set" in status_pin_line(home, tmp_path, capsys)  # no catalogue yet
    assert not (home / "data.db").exists()
    home.mkdir(exist_ok=True)
    catalogue = Catalogue(home / "data.db")
    try:
        assert "aucun" in status_pin_line(home, tmp_path, capsys)
        pin.set_pin(catalogue, "4821")
        assert status_pin_line(home, tmp_path, capsys) == "Code équipe : choisi"
        guard = PinGuard(catalogue)
        for _ in range(5):
            guard.record(False)
        line = status_pin_line(home, tmp_path, capsys)
        assert "bloqué encore" in line and "5 essais faux" in line
    finally:
        catalogue.close()


def test_a_bundle_import_in_a_terminal_offers_the_first_pin(
    sample_catalogue: Catalogue, content_root: ContentRoot, tmp_path: Path
) -> None:
    """A stand laptop made from a bundle has no PIN (a PIN never travels): the import, run in a
    real terminal (a pseudo-terminal here), asks for one; typed twice, it is set."""
    from kiosk.library.bundles import export_bundle

    bundle = tmp_path / "stand.tar"
    export_bundle(sample_catalogue, content_root, bundle)
    stand = tmp_path / "stand"
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--home", str(stand), "bundle", "import", str(bundle)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    seen = b""

    def wait_for(text: bytes) -> None:
        nonlocal seen
        while text not in seen:
            ready, _, _ = select.select([leader], [], [], 60)
            assert ready, seen.decode(errors="replace")
            seen += os.read(leader, 4096)

    try:
        wait_for("Nouveau code équipe".encode())
        os.write(leader, b"4827\n")
        wait_for(b"Confirmez")
        os.write(leader, b"4827\n")
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    catalogue = Catalogue(stand / "data.db")
    try:
        assert pin.check_pin(catalogue, "4827")
    finally:
        catalogue.close()
