"""``kiosk import FILES…`` and the content gate: titles made from odd file names pass it, and a
refusal by the gate is one line naming the file, the others still imported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import ContentRoot
from kiosk.library.import_jobs import _title_of
from kiosk.store.database import Catalogue
from kiosk.store.models import Album, MediaAsset
from kiosk.store.validation import check_value
from tests.media_factory import make_image


def titles(catalogue: Catalogue) -> dict[str, str]:
    with catalogue.session() as session:
        return {m.path: m.title for m in session.scalars(select(MediaAsset))}


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Forum_2024.png", "Forum 2024"),
        ("bip\x07_et\x1b[2J efface.png", "bip et [2J efface"),
        ("ligne\nsautée.png", "ligne sautée"),
        ("\u200b\u200b\u200b.png", ""),
        ("Bidi\u202egnp.exe.png", "Bidignp.exe"),
        ('<img src="x">.png', '\u2039img src="x">'),
        ("x" * 250 + ".png", "x" * 200),
    ],
)
def test_a_title_from_a_file_name_passes_the_gate(name: str, title: str) -> None:
    made = _title_of(Path("/clé") / name)
    assert made == title
    check_value("media_assets", "title", made)


def test_a_file_name_in_latin_1_bytes_becomes_a_readable_title() -> None:
    name = os.fsdecode(b"caf\xe9 d\xe9bat.png")  # a stick from an old Windows machine
    assert _title_of(Path(name)) == "café débat"


def test_kiosk_import_with_odd_file_names(
    content_root: ContentRoot,
    catalogue: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stick = tmp_path / "cle"
    stick.mkdir()
    odd = [
        make_image(stick / "bip\x07\x1b[31m rouge.png", (64, 48), "#aa0000"),
        make_image(stick / ("long " * 50 + ".png"), (64, 48), "#00aa00"),
        make_image(stick / "\u200b\u200b.png", (64, 48), "#0000aa"),
    ]
    home = ["--home", str(content_root.home)]
    assert main([*home, "import", *map(str, odd)]) == 0
    out = capsys.readouterr().out
    assert "3 importés, 0 déjà présent, 0 refusé." in out
    made = sorted(titles(catalogue).values())
    assert made == ["", "bip [31m rouge", ("long " * 40).strip()]
    for title in made:
        check_value("media_assets", "title", title)


def test_an_album_name_the_gate_refuses_is_said_before_anything_is_copied(
    content_root: ContentRoot,
    catalogue: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    image = make_image(tmp_path / "dessin.png")
    home = ["--home", str(content_root.home)]
    assert main([*home, "import", str(image), "--album", "Le <b>carnet</b>"]) == 2
    out = capsys.readouterr().out
    assert "--album Le <b>carnet</b> : titre du carnet : balise HTML interdite" in out
    assert "rien n'a été importé" in out
    assert main([*home, "import", str(image), "--album", "x" * 201]) == 2
    assert "titre du carnet : " in capsys.readouterr().out
    assert titles(catalogue) == {}
    assert not list(content_root.assets_dir.glob("*.png"))
    with catalogue.session() as session:
        assert not session.scalars(select(Album)).all()


def test_a_refusal_by_the_gate_names_the_file_and_the_others_import(
    content_root: ContentRoot,
    catalogue: Catalogue,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever slips past the title cleaning, the gate refuses it at the flush: one line naming
    the file, its copy removed, the next files imported."""
    from kiosk.library.import_jobs import running

    clean = running._title_of  # type: ignore[attr-defined]

    def leaky(source: Path, max_length: int = 200) -> str:
        return "\x1b[2J" if source.stem == "piege" else clean(source, max_length)

    monkeypatch.setattr(running, "_title_of", leaky)
    files = [
        make_image(tmp_path / "premier.png", (40, 30), "#111111"),
        make_image(tmp_path / "piege.png", (40, 30), "#222222"),
        make_image(tmp_path / "dernier.png", (40, 30), "#333333"),
    ]
    assert main(["--home", str(content_root.home), "import", *map(str, files)]) == 1
    out = capsys.readouterr().out
    assert f"{files[1]} : refusé (titre : caractère de contrôle interdit (U+001B))" in out
    assert "2 importés, 0 déjà présent, 1 refusé." in out
    assert "inattendue" not in out
    assert sorted(titles(catalogue).values()) == ["dernier", "premier"]
    assert len(list(content_root.assets_dir.glob("*.png"))) == 2  # the refused copy removed


def test_file_names_are_printed_safely(
    content_root: ContentRoot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = make_image(tmp_path / "\x1b[2Jeffacé.png")
    assert main(["--home", str(content_root.home), "import", str(image)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\u001b[2Jeffacé.png : importé" in out
